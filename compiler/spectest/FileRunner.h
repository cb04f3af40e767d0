// Running one spec test file: build its program, compile and link it into
// an executable, run it (under qemu for AArch64) and judge every command.
#pragma once

#include <string>

#include "compiler/scriptrun/ScriptRun.h"

namespace wacc::spectest {

using RunnerOptions = scriptrun::RunnerOptions;

struct FileResult : scriptrun::FileResult {
  // Of the assert_malformed commands with text modules (counted above too):
  // rejected by the text path or the binary reader after it, or accepted.
  size_t textMalformedRejected = 0, textMalformedAccepted = 0;
};

FileResult RunSpecFile(const std::string& jsonPath, const std::string& displayName, const RunnerOptions& options);

}  // namespace wacc::spectest
