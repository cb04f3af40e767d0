// Typed wrappers around the raw Linux system calls the runtime uses.
//
// Every wrapper returns the kernel's result unchanged: a negative value in
// [-4095, -1] is -errno. Nothing here touches errno (there is no libc).
#pragma once

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
#include "arch/x86_64/Syscall.h"
#elif defined(__aarch64__)
#include "arch/aarch64/Syscall.h"
#else
#error "wacc runtime: unsupported architecture"
#endif

namespace wacc_rt {

// Linux constants shared by x86-64 and AArch64.
inline constexpr int kProtNone = 0, kProtRead = 1, kProtWrite = 2;
inline constexpr int kMapPrivate = 0x02, kMapAnonymous = 0x20, kMapNoReserve = 0x4000;
inline constexpr int kMremapMayMove = 1;
inline constexpr int kEintr = 4, kEagain = 11, kEnomem = 12, kEpipe = 32;
inline constexpr int kSigill = 4, kSigbus = 7, kSigfpe = 8, kSigsegv = 11, kSigpipe = 13;
inline constexpr int kSigUnblock = 1;
inline constexpr short kPollOut = 0x004;
inline constexpr int kEpollCtlAdd = 1, kEpollCtlDel = 2, kEpollCtlMod = 3;
inline constexpr int kRlimitStack = 3;

inline bool IsSyscallError(long result) { return result < 0 && result > -4096; }

inline long syscall(long number, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
  return arch::Syscall6(number, a, b, c, d, e, f);
}

inline long SysRead(int fd, void* buffer, size_t size) { return syscall(arch::kSysRead, fd, (long)buffer, (long)size); }

inline long SysWrite(int fd, const void* bytes, size_t size) {
  return syscall(arch::kSysWrite, fd, (long)bytes, (long)size);
}

inline long SysMmap(void* address, size_t size, int prot, int flags) {
  return syscall(arch::kSysMmap, (long)address, (long)size, prot, flags, -1, 0);
}

inline long SysMprotect(void* address, size_t size, int prot) {
  return syscall(arch::kSysMprotect, (long)address, (long)size, prot);
}

inline long SysMunmap(void* address, size_t size) { return syscall(arch::kSysMunmap, (long)address, (long)size); }

inline long SysMremap(void* address, size_t oldSize, size_t newSize, int flags) {
  return syscall(arch::kSysMremap, (long)address, (long)oldSize, (long)newSize, flags);
}

struct PollFd {
  int fd;
  short events;
  short revents;
};

// Waits without a timeout until `fd` is ready for the events asked for.
inline long SysPollForever(PollFd* fds, unsigned long count) {
  return syscall(arch::kSysPpoll, (long)fds, (long)count, 0, 0, 8);
}

struct ResourceLimit {
  uint64_t current;
  uint64_t maximum;
};

inline long SysGetResourceLimit(int resource, ResourceLimit* limit) {
  return syscall(arch::kSysPrlimit64, 0, resource, 0, (long)limit);
}

[[noreturn]] inline void SysExitGroup(int status) {
  for (;;) syscall(arch::kSysExitGroup, status);
}

}  // namespace wacc_rt
