// Traps as seen from inside the runtime.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// The text printed after "wasm trap: " for a wacc_trap_reason.
const char* TrapReasonText(uint32_t reason);

// Prints the trap message to stderr and exits with WACC_TRAP_EXIT_STATUS.
// Async-signal-safe, so the fault handler uses it too.
[[noreturn]] void Trap(uint32_t reason, const char* function);

}  // namespace wacc_rt
