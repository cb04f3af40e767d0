// Component validation: every rule of the component model that the input can
// break, checked before planning, so the instantiation planner may assume a
// valid component (as Wasmtime validates with wasmparser before inlining).
//
// A core module given as the program is a WASI preview1 module: after the
// core validator, ValidatePreview1Module checks what it imports and exports
// (Preview1Module.cpp says what and why).
//
// Core modules are validated by the reader (binary/CoreValidator.h); this
// stage validates everything around them. Failures are InputError at the
// offending definition's offset; features wacc does not implement are
// UnsupportedError.
#pragma once

#include <string_view>

#include "compiler/binary/Component.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/support/Status.h"

namespace wacc::validate {

absl::Status ValidateComponent(const binary::Component& root);

// `module` has passed binary::ValidateCoreModule. `invoke`: the export
// `--invoke` names, run instead of `_start`; empty without it.
absl::Status ValidatePreview1Module(const binary::CoreModule& module, std::string_view invoke = {});

}  // namespace wacc::validate
