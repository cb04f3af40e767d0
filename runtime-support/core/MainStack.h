// The stack wacc_main runs on.
//
// The kernel's main-thread stack has no fixed size (RLIMIT_STACK may be
// unlimited, so deep recursion would eat all memory before faulting) and
// no well-defined guard. The runtime therefore runs wasm code on a stack
// of its own: a fixed size, with a large inaccessible guard region below it
// so that running off the end always faults at a known address.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// Runs `function` on a freshly mapped stack and returns its result. Falls
// back to the current stack if the mapping fails.
int32_t RunOnMainStack(int32_t (*function)(void));

// True if `address` lies in the guard region below the stack made by
// runOnMainStack. Async-signal-safe.
bool IsInMainStackGuard(uintptr_t address);

}  // namespace wacc_rt
