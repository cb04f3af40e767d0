// Validation of a core WebAssembly module (2.0 and the proposals of
// Features.h), as the core specification defines it: index spaces, constant expressions, segments, exports, the start
// function, and the type checking of every function body (the operand- and
// control-stack algorithm of the specification's appendix).
//
// Function bodies are decoded here for the first time, so malformed
// instructions (illegal opcodes, truncated immediates) are reported by the
// validator too. A module that passes can be translated without further checks.
#pragma once

#include "compiler/binary/CoreModule.h"
#include "compiler/binary/Features.h"
#include "compiler/support/Status.h"

namespace wacc::binary {

// Errors carry the file offset of the offending item and, where the spec has
// one, its assert_invalid text ("type mismatch", "unknown local", ...).
// A proposal that `features` turns off is refused as 2.0 refuses it.
absl::Status ValidateCoreModule(const CoreModule& module, const Features& features);

}  // namespace wacc::binary
