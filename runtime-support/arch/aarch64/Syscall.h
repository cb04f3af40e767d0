// Raw Linux system calls on AArch64: numbers (asm-generic table) and `svc`.
//
// Included only through core/Syscall.h, which picks the header for the
// architecture being compiled.
#pragma once

#include <stdint.h>

namespace wacc_rt::arch {

enum SyscallNumber : long {
  kSysRead = 63,
  kSysWrite = 64,
  kSysPpoll = 73,
  kSysExitGroup = 94,
  kSysSigaltstack = 132,
  kSysRtSigaction = 134,
  kSysRtSigprocmask = 135,
  kSysMunmap = 215,
  kSysMremap = 216,
  kSysMmap = 222,
  kSysMprotect = 226,
  kSysPrlimit64 = 261,
  // File, socket, clock and random calls used by runtime-support/wasi.
  kSysClose = 57,
  kSysLseek = 62,
  kSysIoctl = 29,
  kSysPread64 = 67,
  kSysPwrite64 = 68,
  kSysDup = 23,
  kSysSocket = 198,
  kSysConnect = 203,
  kSysSendto = 206,
  kSysRecvfrom = 207,
  kSysShutdown = 210,
  kSysBind = 200,
  kSysListen = 201,
  kSysGetsockname = 204,
  kSysGetpeername = 205,
  kSysSetsockopt = 208,
  kSysGetsockopt = 209,
  kSysFcntl = 25,
  kSysFsync = 82,
  kSysFdatasync = 83,
  kSysFtruncate = 46,
  kSysGetdents64 = 61,
  kSysFadvise64 = 223,
  kSysClockGettime = 113,
  kSysClockGetres = 114,
  kSysOpenat = 56,
  kSysMkdirat = 34,
  kSysUnlinkat = 35,
  kSysLinkat = 37,
  kSysSymlinkat = 36,
  kSysReadlinkat = 78,
  kSysUtimensat = 88,
  kSysAccept4 = 242,
  // The async runtime's event loop (core/EventLoop.cpp).
  kSysEpollCreate1 = 20,
  kSysEpollCtl = 21,
  kSysEpollPwait = 22,
  // The wasi:http server (wasi/http/Server.cpp): workers and signals.
  kSysClone = 220,
  kSysPipe2 = 59,
  kSysWait4 = 260,
  kSysSignalfd4 = 74,
  // Its in-process reset (core/Snapshot.cpp) and its server processes.
  kSysMemfdCreate = 279,
  kSysMadvise = 233,
  kSysKill = 129,
  kSysPrctl = 167,
  kSysTimerfdCreate = 85,
  kSysTimerfdSettime = 86,
  kSysSchedGetaffinity = 123,
  kSysRenameat2 = 276,
  kSysGetrandom = 278,
  kSysPwritev2 = 287,
  kSysStatx = 291,
  kSysOpenat2 = 437,
};

// The kernel's struct epoll_event (naturally aligned here).
struct EpollEvent {
  uint32_t events;
  uint64_t data;
};

// Number in x8, arguments in x0..x5, result in x0.
inline long Syscall6(long number, long a, long b, long c, long d, long e, long f) {
  register long x8 __asm__("x8") = number;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
  return x0;
}

// Offsets into the kernel's `struct ucontext`: uc_flags, uc_link, uc_stack
// (24 bytes), a 128-byte signal mask area, then the 16-aligned sigcontext
// { fault_address, regs[31], sp, pc, pstate, ... } at 168 rounded up to 176.
inline constexpr unsigned kUcontextStackPointer = 176 + 8 + 31 * 8;
inline constexpr unsigned kUcontextProgramCounter = kUcontextStackPointer + 8;

}  // namespace wacc_rt::arch
