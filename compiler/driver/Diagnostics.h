// How wacc reports an error: `wacc: error: <file>:0x<offset>: <what>` for
// errors about the input (their messages start with the offset), otherwise
// `wacc: error: <what>`.
#pragma once

#include <string>

#include "absl/status/status.h"

namespace wacc::driver {

// Prints `status` on stderr, naming `input` in front of input diagnostics;
// returns wacc's exit status for an error (1).
int ReportError(const absl::Status& status, const std::string& input);

}  // namespace wacc::driver
