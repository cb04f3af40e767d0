// wasi:clocks/monotonic-clock 0.3's async waits: host subtasks the event
// loop resolves at their deadline (core/Async.cpp).
#include "core/AsyncHost.h"
#include "wacc/WasiHostFunctions.h"

using namespace wacc_rt;

extern "C" uint32_t wacc_host_p3_wasi_clocks_monotonic_clock_wait_until(uint64_t when) {
  uint64_t now;
  wacc_host_wasi_clocks_monotonic_clock_now(&now);
  if (when <= now) return 0;
  uint32_t subtask = HostSubtaskNew();
  HostSubtaskResolveAt(subtask, when);
  return subtask;
}

extern "C" uint32_t wacc_host_p3_wasi_clocks_monotonic_clock_wait_for(uint64_t howLong) {
  if (howLong == 0) return 0;
  uint64_t now;
  wacc_host_wasi_clocks_monotonic_clock_now(&now);
  uint64_t when = howLong > ~0ull - now ? ~0ull - 1 : now + howLong;
  uint32_t subtask = HostSubtaskNew();
  HostSubtaskResolveAt(subtask, when);
  return subtask;
}
