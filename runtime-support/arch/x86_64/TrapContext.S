// Saving and resuming a register context for trap recovery
// (core/TrapRecovery.cpp): a minimal setjmp/longjmp without libc.
//
// Context layout (8-byte words): rbx, rbp, r12, r13, r14, r15, rsp (after
// the return), rip (the return address). Only callee-saved state is kept:
// everything else is dead at a call.
        .text

// uint32_t wacc_rt_save_context(uint64_t* context)
// Returns 0 when called; returns the value given to wacc_rt_resume_context
// (never 0) each time the context is resumed.
        .globl  wacc_rt_save_context
        .type   wacc_rt_save_context, @function
wacc_rt_save_context:
        movq    %rbx, 0(%rdi)
        movq    %rbp, 8(%rdi)
        movq    %r12, 16(%rdi)
        movq    %r13, 24(%rdi)
        movq    %r14, 32(%rdi)
        movq    %r15, 40(%rdi)
        leaq    8(%rsp), %rax
        movq    %rax, 48(%rdi)
        movq    (%rsp), %rax
        movq    %rax, 56(%rdi)
        xorl    %eax, %eax
        retq
        .size   wacc_rt_save_context, . - wacc_rt_save_context

// void wacc_rt_resume_context(const uint64_t* context, uint32_t value)
        .globl  wacc_rt_resume_context
        .type   wacc_rt_resume_context, @function
wacc_rt_resume_context:
        movq    0(%rdi), %rbx
        movq    8(%rdi), %rbp
        movq    16(%rdi), %r12
        movq    24(%rdi), %r13
        movq    32(%rdi), %r14
        movq    40(%rdi), %r15
        movq    48(%rdi), %rsp
        movl    %esi, %eax
        jmpq    *56(%rdi)
        .size   wacc_rt_resume_context, . - wacc_rt_resume_context

        .section .note.GNU-stack,"",@progbits
