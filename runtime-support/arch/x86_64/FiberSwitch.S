// Switching between fibers (core/Fiber.cpp): stacks of their own for
// stackful async tasks (WASI 0.3), on x86-64.
//
// A suspended fiber's context is its stack pointer; the callee-saved
// registers (rbx, rbp, r12-r15) are on its stack below the return address,
// as wacc_rt_fiber_switch pushed them. Everything else is dead at a call.
        .text

// void wacc_rt_fiber_switch(uint64_t* save_sp, const uint64_t* load_sp)
        .globl  wacc_rt_fiber_switch
        .type   wacc_rt_fiber_switch, @function
wacc_rt_fiber_switch:
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        movq    %rsp, (%rdi)
        movq    (%rsi), %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        retq
        .size   wacc_rt_fiber_switch, . - wacc_rt_fiber_switch

// Where a new fiber's first switch returns to: Fiber.cpp's initial frame
// holds the entry function in r12 and its argument in r13. The entry never
// returns (it switches away for good).
        .globl  wacc_rt_fiber_entry
        .type   wacc_rt_fiber_entry, @function
wacc_rt_fiber_entry:
        andq    $-16, %rsp
        movq    %r13, %rdi
        callq   *%r12
        ud2
        .size   wacc_rt_fiber_entry, . - wacc_rt_fiber_entry

        .section .note.GNU-stack,"",@progbits
