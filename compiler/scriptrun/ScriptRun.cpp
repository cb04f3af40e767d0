#include "compiler/scriptrun/ScriptRun.h"

#include <unistd.h>

#include <mutex>
#include <optional>

#include "absl/strings/str_cat.h"
#include "compiler/codegen/Backend.h"
#include "compiler/codegen/Linker.h"
#include "compiler/support/ChildProcess.h"
#include "compiler/support/Status.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace wacc::scriptrun {

namespace {

// lld keeps global state: one link at a time.
std::mutex gLinkMutex;

}  // namespace

void FailWholeFile(FileResult& result, const std::string& message) {
  ++result.failed;
  result.messages.push_back("  FAILED: " + message);
}

absl::Status BuildExecutable(llvm::Module& module, const RunnerOptions& options, const std::string& exePath) {
  codegen::BackendOptions backend{options.target, options.optLevel, "", {}};
  std::string objectPath = exePath + ".o";
  absl::Status built = codegen::CompileToObjects(module, backend, {objectPath});
  if (built.ok()) {
    std::lock_guard<std::mutex> lock(gLinkMutex);
    built = codegen::LinkExecutable(options.target, objectPath, options.runtimeArchive, exePath, false);
  }
  llvm::sys::fs::remove(objectPath);
  return built;
}

RunOutput RunProgram(const std::vector<std::string>& args, const std::string& stdinPath,
                     const std::string& outputBase, unsigned timeoutSeconds,
                     const std::vector<std::string>& extraEnv) {
  RunOutput result;
  std::string outPath = outputBase + ".stdout", errPath = outputBase + ".stderr";
  std::vector<llvm::StringRef> argRefs(args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {llvm::StringRef(stdinPath), llvm::StringRef(outPath),
                                                llvm::StringRef(errPath)};
  std::optional<llvm::ArrayRef<llvm::StringRef>> env;
  std::vector<std::string> envStrings;
  std::vector<llvm::StringRef> envRefs;
  if (!extraEnv.empty()) {
    for (char** e = environ; *e; ++e) envStrings.push_back(*e);
    envStrings.insert(envStrings.end(), extraEnv.begin(), extraEnv.end());
    envRefs.assign(envStrings.begin(), envStrings.end());
    env = envRefs;
  }
  std::string error;
  int status = RunChildWithDeadline(args.front(), argRefs, env, redirects, timeoutSeconds, error);
  if (auto buffer = llvm::MemoryBuffer::getFile(outPath)) result.stdoutText = (*buffer)->getBuffer().str();
  std::string stderrText;
  if (auto buffer = llvm::MemoryBuffer::getFile(errPath)) stderrText = (*buffer)->getBuffer().substr(0, 300).str();
  if (status != 0)
    result.failure =
        absl::StrCat(status < 0 ? "could not run or timed out" : absl::StrCat("exited with status ", status),
                     error.empty() ? "" : ": " + error, stderrText.empty() ? "" : ": " + stderrText);
  llvm::sys::fs::remove(outPath);
  llvm::sys::fs::remove(errPath);
  return result;
}

RunOutput RunExecutable(const std::string& exePath, const RunnerOptions& options) {
  std::vector<std::string> args;
  if (!options.emulator.empty()) args.push_back(options.emulator);
  args.push_back(exePath);
  return RunProgram(args, "", exePath, options.timeoutSeconds);
}

}  // namespace wacc::scriptrun
