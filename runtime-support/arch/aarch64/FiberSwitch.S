// Switching between fibers (core/Fiber.cpp): stacks of their own for
// stackful async tasks (WASI 0.3), on AArch64.
//
// A suspended fiber's context is its stack pointer; the callee-saved
// registers (x19-x30, d8-d15) are in a 176-byte frame at it, as
// wacc_rt_fiber_switch stored them. Everything else is dead at a call.
        .text

// void wacc_rt_fiber_switch(uint64_t* save_sp, const uint64_t* load_sp)
        .globl  wacc_rt_fiber_switch
        .type   wacc_rt_fiber_switch, %function
wacc_rt_fiber_switch:
        sub     sp, sp, #176
        stp     x19, x20, [sp, #0]
        stp     x21, x22, [sp, #16]
        stp     x23, x24, [sp, #32]
        stp     x25, x26, [sp, #48]
        stp     x27, x28, [sp, #64]
        stp     x29, x30, [sp, #80]
        stp     d8, d9, [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]
        mov     x2, sp
        str     x2, [x0]
        ldr     x2, [x1]
        mov     sp, x2
        ldp     x19, x20, [sp, #0]
        ldp     x21, x22, [sp, #16]
        ldp     x23, x24, [sp, #32]
        ldp     x25, x26, [sp, #48]
        ldp     x27, x28, [sp, #64]
        ldp     x29, x30, [sp, #80]
        ldp     d8, d9, [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        add     sp, sp, #176
        ret
        .size   wacc_rt_fiber_switch, . - wacc_rt_fiber_switch

// Where a new fiber's first switch returns to (x30 of its initial frame):
// x19 holds the entry function and x20 its argument. The entry never
// returns (it switches away for good).
        .globl  wacc_rt_fiber_entry
        .type   wacc_rt_fiber_entry, %function
wacc_rt_fiber_entry:
        mov     x0, x20
        blr     x19
        brk     #0
        .size   wacc_rt_fiber_entry, . - wacc_rt_fiber_entry

        .section .note.GNU-stack,"",@progbits
