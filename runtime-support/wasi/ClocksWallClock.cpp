// wasi:clocks/wall-clock: CLOCK_REALTIME (core/Clock.h: the vDSO's) as a datetime
// (results: [0] seconds, [1] nanoseconds).
#include "core/Clock.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"

using namespace wacc_rt;
using namespace wacc_rt::linux_abi;

namespace {

void PutDatetime(const Timespec& time, uint64_t* results) {
  results[0] = (uint64_t)time.seconds;
  results[1] = (uint64_t)time.nanoseconds;
}

}  // namespace

extern "C" void wacc_host_wasi_clocks_wall_clock_now(uint64_t* results) {
  ClockTime now{};
  ClockGettime(kClockIdRealtime, &now);
  PutDatetime(Timespec{now.seconds, now.nanoseconds}, results);
}

extern "C" void wacc_host_wasi_clocks_wall_clock_resolution(uint64_t* results) {
  Timespec resolution{0, 1};
  Sys(arch::kSysClockGetres, kClockRealtime, (long)&resolution);
  PutDatetime(resolution, results);
}
