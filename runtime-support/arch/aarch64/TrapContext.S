// Saving and resuming a register context for trap recovery
// (core/TrapRecovery.cpp): a minimal setjmp/longjmp without libc.
//
// Context layout (8-byte words): x19..x28, x29, x30, sp, d8..d15. Only
// callee-saved state is kept: everything else is dead at a call.
        .text

// uint32_t wacc_rt_save_context(uint64_t* context)
// Returns 0 when called; returns the value given to wacc_rt_resume_context
// (never 0) each time the context is resumed.
        .globl  wacc_rt_save_context
        .type   wacc_rt_save_context, %function
wacc_rt_save_context:
        stp     x19, x20, [x0, #0]
        stp     x21, x22, [x0, #16]
        stp     x23, x24, [x0, #32]
        stp     x25, x26, [x0, #48]
        stp     x27, x28, [x0, #64]
        stp     x29, x30, [x0, #80]
        mov     x2, sp
        str     x2, [x0, #96]
        stp     d8, d9, [x0, #104]
        stp     d10, d11, [x0, #120]
        stp     d12, d13, [x0, #136]
        stp     d14, d15, [x0, #152]
        mov     w0, #0
        ret
        .size   wacc_rt_save_context, . - wacc_rt_save_context

// void wacc_rt_resume_context(const uint64_t* context, uint32_t value)
        .globl  wacc_rt_resume_context
        .type   wacc_rt_resume_context, %function
wacc_rt_resume_context:
        ldp     x19, x20, [x0, #0]
        ldp     x21, x22, [x0, #16]
        ldp     x23, x24, [x0, #32]
        ldp     x25, x26, [x0, #48]
        ldp     x27, x28, [x0, #64]
        ldp     x29, x30, [x0, #80]
        ldr     x2, [x0, #96]
        mov     sp, x2
        ldp     d8, d9, [x0, #104]
        ldp     d10, d11, [x0, #120]
        ldp     d12, d13, [x0, #136]
        ldp     d14, d15, [x0, #152]
        mov     w0, w1
        ret
        .size   wacc_rt_resume_context, . - wacc_rt_resume_context

        .section .note.GNU-stack,"",%progbits
