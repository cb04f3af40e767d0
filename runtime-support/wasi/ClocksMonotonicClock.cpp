// wasi:clocks/monotonic-clock: CLOCK_MONOTONIC in nanoseconds; subscribing
// makes a deadline pollable that wasi:io/poll sleeps on.
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Streams.h"

using namespace wacc_rt;
using namespace wacc_rt::linux_abi;

extern "C" void wacc_host_wasi_clocks_monotonic_clock_now(uint64_t* results) { results[0] = MonotonicNow(); }

extern "C" void wacc_host_wasi_clocks_monotonic_clock_resolution(uint64_t* results) {
  Timespec resolution{0, 1};
  Sys(arch::kSysClockGetres, kClockMonotonic, (long)&resolution);
  results[0] = (uint64_t)resolution.seconds * 1000000000u + (uint64_t)resolution.nanoseconds;
}

extern "C" void wacc_host_wasi_clocks_monotonic_clock_subscribe_instant(uint64_t when, uint64_t* results) {
  results[0] = NewDeadlinePollable(when);
}

extern "C" void wacc_host_wasi_clocks_monotonic_clock_subscribe_duration(uint64_t duration, uint64_t* results) {
  uint64_t now = MonotonicNow();
  uint64_t deadline = duration > ~uint64_t{0} - now ? ~uint64_t{0} - 1 : now + duration;
  results[0] = NewDeadlinePollable(deadline);
}
