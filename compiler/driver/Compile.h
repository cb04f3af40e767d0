// The whole pipeline for one input: read, plan, check imports, lower,
// optimise, emit and (for executables) link.
#pragma once

#include "absl/status/status.h"
#include "compiler/driver/Options.h"

namespace wacc::driver {

// Errors about the input carry "<offset>: " messages; the caller prefixes the
// file name.
absl::Status Compile(const Options& options, const char* argv0);

}  // namespace wacc::driver
