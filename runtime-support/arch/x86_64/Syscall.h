// Raw Linux system calls on x86-64: numbers and the `syscall` instruction.
//
// Included only through core/Syscall.h, which picks the header for the
// architecture being compiled.
#pragma once

#include <stdint.h>

namespace wacc_rt::arch {

enum SyscallNumber : long {
  kSysRead = 0,
  kSysWrite = 1,
  kSysMmap = 9,
  kSysMprotect = 10,
  kSysMunmap = 11,
  kSysRtSigaction = 13,
  kSysRtSigprocmask = 14,
  kSysMremap = 25,
  kSysSigaltstack = 131,
  kSysExitGroup = 231,
  kSysPpoll = 271,
  kSysPrlimit64 = 302,
  // File, socket, clock and random calls used by runtime-support/wasi.
  kSysClose = 3,
  kSysLseek = 8,
  kSysIoctl = 16,
  kSysPread64 = 17,
  kSysPwrite64 = 18,
  kSysDup = 32,
  kSysSocket = 41,
  kSysConnect = 42,
  kSysSendto = 44,
  kSysRecvfrom = 45,
  kSysShutdown = 48,
  kSysBind = 49,
  kSysListen = 50,
  kSysGetsockname = 51,
  kSysGetpeername = 52,
  kSysSetsockopt = 54,
  kSysGetsockopt = 55,
  kSysFcntl = 72,
  kSysFsync = 74,
  kSysFdatasync = 75,
  kSysFtruncate = 77,
  kSysGetdents64 = 217,
  kSysFadvise64 = 221,
  kSysClockGettime = 228,
  kSysClockGetres = 229,
  kSysOpenat = 257,
  kSysMkdirat = 258,
  kSysUnlinkat = 263,
  kSysLinkat = 265,
  kSysSymlinkat = 266,
  kSysReadlinkat = 267,
  kSysUtimensat = 280,
  kSysAccept4 = 288,
  // The async runtime's event loop (core/EventLoop.cpp).
  kSysEpollCreate1 = 291,
  kSysEpollCtl = 233,
  kSysEpollPwait = 281,
  // The wasi:http server (wasi/http/Server.cpp): workers and signals.
  kSysClone = 56,
  kSysPipe2 = 293,
  kSysWait4 = 61,
  kSysSignalfd4 = 289,
  // Its in-process reset (core/Snapshot.cpp) and its server processes.
  kSysMemfdCreate = 319,
  kSysMadvise = 28,
  kSysKill = 62,
  kSysPrctl = 157,
  kSysTimerfdCreate = 283,
  kSysTimerfdSettime = 286,
  kSysSchedGetaffinity = 204,
  kSysRenameat2 = 316,
  kSysGetrandom = 318,
  kSysPwritev2 = 328,
  kSysStatx = 332,
  kSysOpenat2 = 437,
};

// The kernel's struct epoll_event: packed on x86-64 (only).
struct __attribute__((packed)) EpollEvent {
  uint32_t events;
  uint64_t data;
};

// The kernel clobbers rcx and r11; arguments go in rdi, rsi, rdx, r10, r8, r9.
inline long Syscall6(long number, long a, long b, long c, long d, long e, long f) {
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  long result;
  __asm__ volatile("syscall"
                   : "=a"(result)
                   : "a"(number), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return result;
}

// Offsets into the kernel's `struct ucontext` (uc_mcontext starts at 40; the
// general registers are r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip).
inline constexpr unsigned kUcontextStackPointer = 40 + 15 * 8;
inline constexpr unsigned kUcontextProgramCounter = 40 + 16 * 8;

}  // namespace wacc_rt::arch
