// What wacc's test-script runners share for one script file: wacc-spectest
// (core spec scripts, compiler/spectest) and wacc-wast (component .wast
// scripts, compiler/wast) each turn a script into LLVM IR that makes its
// commands' calls and reports their outcomes on stdout; here that module
// becomes an executable for the target and is run (under qemu for another
// architecture), against a deadline, from several runner threads at once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "compiler/binary/Features.h"
#include "compiler/codegen/Target.h"
#include "llvm/IR/Module.h"

namespace wacc::scriptrun {

struct RunnerOptions {
  codegen::TargetInfo target;
  std::string runtimeArchive;  // libwacc_rt.a for the target
  std::string emulator;        // "" to run natively, else e.g. qemu-aarch64
  std::string workDirectory;   // where executables are built
  int optLevel = 2;
  unsigned timeoutSeconds = 600;
  size_t maxMessages = 20;    // failure lines printed per file
  binary::Features features;  // -W<name>=y|n, as for wacc
};

// One script file's tally; runners derive their own with more counts.
struct FileResult {
  std::string name;  // e.g. "core/address", "values/strings"
  size_t passed = 0, failed = 0, skipped = 0;
  std::vector<std::string> messages;          // one per failure (up to maxMessages)
  std::map<std::string, size_t> skipReasons;  // reason -> how many commands
  double seconds = 0;
};

// Counts one failure that stands for the whole file (it could not be read
// or parsed) with `message` as its line.
void FailWholeFile(FileResult& result, const std::string& message);

// Compiles `module` as one partition (the runners already run files in
// parallel) and links it with the target's runtime into `exePath`.
absl::Status BuildExecutable(llvm::Module& module, const RunnerOptions& options, const std::string& exePath);

struct RunOutput {
  std::string stdoutText;
  std::string failure;  // "" when the process exited with status 0, else why not
};

// Runs `args` (args[0] is the program) with stdin from `stdinPath` ("": none)
// and `extraEnv` added to this process's environment, within
// `timeoutSeconds`; its stdout and stderr go through `outputBase`.stdout and
// .stderr, removed afterwards. `failure` quotes the start of stderr.
RunOutput RunProgram(const std::vector<std::string>& args, const std::string& stdinPath,
                     const std::string& outputBase, unsigned timeoutSeconds,
                     const std::vector<std::string>& extraEnv = {});

// Runs a built test executable, under the emulator when there is one.
RunOutput RunExecutable(const std::string& exePath, const RunnerOptions& options);

}  // namespace wacc::scriptrun
