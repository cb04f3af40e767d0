// Recovering from traps instead of exiting (wacc_rt_catch_trap), for
// embedders that run many wasm calls in one process, such as the spec test
// driver wacc-spectest generates.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// If a wacc_rt_catch_trap is active, resumes it with `reason` and does not
// return; otherwise returns. Async-signal-safe: the fault handler calls it
// (through trap()) on the alternate signal stack.
void ResumeCaughtTrap(uint32_t reason);

// True while some wacc_rt_catch_trap is running its function.
bool IsCatchingTraps();

}  // namespace wacc_rt
