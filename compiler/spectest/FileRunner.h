// Running one spec test file: build its program, compile and link it into
// an executable, run it (under qemu for AArch64) and judge every command.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/codegen/Target.h"

namespace wacc::spectest {

struct RunnerOptions {
  codegen::TargetInfo target;
  std::string runtimeArchive;  // libwacc_rt.a for the target
  std::string emulator;        // "" to run natively, else e.g. qemu-aarch64
  std::string workDirectory;   // where executables are built
  int optLevel = 2;
  unsigned timeoutSeconds = 600;
  size_t maxMessages = 20;  // failure lines printed per file
};

struct FileResult {
  std::string name;  // e.g. "core/address"
  size_t passed = 0, failed = 0, skipped = 0;
  // Of the assert_malformed commands with text modules (counted above too):
  // rejected by the text path or the binary reader after it, or accepted.
  size_t textMalformedRejected = 0, textMalformedAccepted = 0;
  std::vector<std::string> messages;          // one per failure (up to maxMessages)
  std::map<std::string, size_t> skipReasons;  // reason -> how many commands
  double seconds = 0;
};

FileResult RunSpecFile(const std::string& jsonPath, const std::string& displayName, const RunnerOptions& options);

}  // namespace wacc::spectest
