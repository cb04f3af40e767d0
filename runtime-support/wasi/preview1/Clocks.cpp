// clock_res_get and clock_time_get over the 0.2 wall and monotonic clocks.
// As Wasmtime: the CPU-time clocks are EBADF, an unknown clock EINVAL, and
// the precision argument is ignored.
#include "wasi/preview1/Clocks.h"
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {

uint32_t DatetimeNanoseconds(const uint64_t* datetime, uint64_t* nanoseconds) {
  if (datetime[0] > ~uint64_t{0} / 1000000000u) return kOverflow;
  uint64_t whole = datetime[0] * 1000000000u;
  if (whole + datetime[1] < whole) return kOverflow;
  *nanoseconds = whole + datetime[1];
  return kSuccess;
}

namespace {

// `now` picks now or the resolution.
uint32_t ReadClock(uint32_t id, bool now, uint32_t out) {
  uint64_t value = 0;
  uint64_t results[2];
  switch (id) {
    case kClockRealtime: {
      if (now)
        wacc_host_wasi_clocks_wall_clock_now(results);
      else
        wacc_host_wasi_clocks_wall_clock_resolution(results);
      uint32_t error = DatetimeNanoseconds(results, &value);
      if (error != kSuccess) return error;
      break;
    }
    case kClockMonotonic:
      if (now)
        wacc_host_wasi_clocks_monotonic_clock_now(results);
      else
        wacc_host_wasi_clocks_monotonic_clock_resolution(results);
      value = results[0];
      break;
    case kClockProcessCputime:
    case kClockThreadCputime: return kBadf;
    default: return kInval;
  }
  return StoreU64(out, value) ? kSuccess : kFault;
}

}  // namespace
}  // namespace wacc_rt::p1

using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p1_clock_res_get(uint32_t id, uint32_t resolutionOut) {
  return ReadClock(id, false, resolutionOut);
}

extern "C" uint32_t wacc_p1_clock_time_get(uint32_t id, uint64_t, uint32_t timeOut) {
  return ReadClock(id, true, timeOut);
}
