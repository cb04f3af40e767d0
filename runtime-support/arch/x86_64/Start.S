// Process entry on x86-64. The kernel leaves argc at (%rsp), then argv,
// NULL, envp, NULL, auxv. Hand that pointer to the C++ entry with a
// 16-byte-aligned stack and a zero frame pointer (end of backtraces).
        .text
        .globl  _start
        .type   _start, @function
_start:
        xorl    %ebp, %ebp
        movq    %rsp, %rdi
        andq    $-16, %rsp
        callq   wacc_rt_start
        ud2
        .size   _start, . - _start

// Signal return trampoline (SA_RESTORER): the kernel requires one on x86-64.
        .globl  wacc_rt_signal_return
        .type   wacc_rt_signal_return, @function
wacc_rt_signal_return:
        movl    $15, %eax       // rt_sigreturn
        syscall
        ud2
        .size   wacc_rt_signal_return, . - wacc_rt_signal_return

// int32_t wacc_rt_call_on_stack(int32_t (*function)(void), void* stackTop)
// Calls `function` with the stack pointer at `stackTop` (16-byte aligned)
// and returns its result on the original stack.
        .globl  wacc_rt_call_on_stack
        .type   wacc_rt_call_on_stack, @function
wacc_rt_call_on_stack:
        pushq   %rbp
        movq    %rsp, %rbp
        movq    %rsi, %rsp
        callq   *%rdi
        movq    %rbp, %rsp
        popq    %rbp
        retq
        .size   wacc_rt_call_on_stack, . - wacc_rt_call_on_stack

        .section .note.GNU-stack,"",@progbits
