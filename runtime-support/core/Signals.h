// Signal set-up: SIGPIPE ignored (a closed pipe is a stream error, not a
// death), and SIGSEGV/SIGBUS turned into wasm traps when they come from a
// linear memory's guard region or the exhausted main stack.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// `initialStackPointer` is the stack pointer the kernel started us with: the
// top of the main thread's stack, used to recognise stack exhaustion.
void InstallSignalHandlers(uintptr_t initialStackPointer);

}  // namespace wacc_rt
