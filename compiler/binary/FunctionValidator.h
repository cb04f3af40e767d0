// Type checking of one function body (internal to CoreValidator).
#pragma once

#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/binary/Features.h"
#include "compiler/support/Status.h"

namespace wacc::binary {

// Validates the body of defined function `funcIndex`. `declaredFuncs` is the
// set of functions that `ref.func` may name (C.refs in the specification).
absl::Status ValidateFunctionBody(const CoreModule& module, uint32_t funcIndex,
                                  const absl::flat_hash_set<uint32_t>& declaredFuncs, const Features& features);

}  // namespace wacc::binary
