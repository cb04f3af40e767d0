// Process entry on AArch64. The kernel leaves argc at [sp], then argv, NULL,
// envp, NULL, auxv, with sp already 16-byte aligned. Clear the frame
// pointer and link register (end of backtraces) and call the C++ entry.
        .text
        .globl  _start
        .type   _start, %function
_start:
        mov     x29, #0
        mov     x30, #0
        mov     x0, sp
        bl      wacc_rt_start
        brk     #1
        .size   _start, . - _start

// Signal return trampoline (SA_RESTORER), so returning from a handler does
// not depend on the vDSO.
        .globl  wacc_rt_signal_return
        .type   wacc_rt_signal_return, %function
wacc_rt_signal_return:
        mov     x8, #139        // rt_sigreturn
        svc     #0
        brk     #1
        .size   wacc_rt_signal_return, . - wacc_rt_signal_return

// int32_t wacc_rt_call_on_stack(int32_t (*function)(void), void* stackTop)
// Calls `function` with the stack pointer at `stackTop` (16-byte aligned)
// and returns its result on the original stack.
        .globl  wacc_rt_call_on_stack
        .type   wacc_rt_call_on_stack, %function
wacc_rt_call_on_stack:
        stp     x29, x30, [sp, #-16]!
        mov     x29, sp
        mov     sp, x1
        blr     x0
        mov     sp, x29
        ldp     x29, x30, [sp], #16
        ret
        .size   wacc_rt_call_on_stack, . - wacc_rt_call_on_stack

        .section .note.GNU-stack,"",%progbits
