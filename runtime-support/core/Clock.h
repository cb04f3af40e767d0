// clock_gettime through the kernel's vDSO when it has one (Clock.cpp has
// how it is found), else the system call: every clock read of the runtime
// (wasi:clocks, wasi:io/poll deadlines, the async event loop's timers, TLS
// certificate times) goes through here.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// struct timespec (64-bit on both targets).
struct ClockTime {
  int64_t seconds;
  int64_t nanoseconds;
};

inline constexpr int kClockIdRealtime = 0, kClockIdMonotonic = 1;

// Finds the vDSO's clock_gettime from the auxiliary vector (the words after
// envp's terminating null on the initial stack); wacc_rt_start calls it
// once, before anything reads a clock. Null, or no AT_SYSINFO_EHDR entry
// (qemu-user gives none): the system call is used.
void InitClock(const uintptr_t* auxv);

// The kernel's result: 0, or -errno.
long ClockGettime(int clock, ClockTime* time);

// Nanoseconds of CLOCK_MONOTONIC.
uint64_t MonotonicNanoseconds();

// Whether reads go through the vDSO (for tests and the benchmark notes).
bool ClockUsesVdso();

}  // namespace wacc_rt
