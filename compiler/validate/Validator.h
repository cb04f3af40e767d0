// Component validation: every rule of the component model that the input can
// break, checked before planning, so the instantiation planner may assume a
// valid component (as Wasmtime validates with wasmparser before inlining).
//
// Core modules are validated by the reader (binary/CoreValidator.h); this
// stage validates everything around them. Failures are InputError at the
// offending definition's offset; features wacc does not implement are
// UnsupportedError.
#pragma once

#include "compiler/binary/Component.h"
#include "compiler/support/Status.h"

namespace wacc::validate {

absl::Status ValidateComponent(const binary::Component& root);

}  // namespace wacc::validate
