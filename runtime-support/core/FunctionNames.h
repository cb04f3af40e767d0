// Which wasm function a machine-code address belongs to, from the table
// generated code emits (compiler/codegen/FunctionNameTable.h).
#pragma once

#include <stdint.h>

namespace wacc_rt {

// True if `pc` lies in the code wacc generated (the `wacc_code` section).
// Async-signal-safe.
bool IsInGeneratedCode(uintptr_t pc);

}  // namespace wacc_rt
