#include "compiler/spectest/FileRunner.h"

#include <chrono>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "compiler/codegen/Backend.h"
#include "compiler/codegen/Linker.h"
#include "compiler/spectest/Outcome.h"
#include "compiler/spectest/SpecProgram.h"
#include "compiler/support/ChildProcess.h"
#include "compiler/support/Status.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace wacc::spectest {

namespace {

// lld keeps global state: one link at a time.
std::mutex gLinkMutex;

struct RunOutput {
  std::string stdoutText;
  std::string failure;  // "" when the process exited with status 0
};

absl::Status CompileExecutable(const SpecScript& script, const std::string& directory, const RunnerOptions& options,
                               const std::string& exePath, std::vector<CommandVerdict>& verdicts) {
  llvm::LLVMContext context;
  lower::TranslateOptions translate;
  WACC_ASSIGN_OR_RETURN(SpecProgram program, BuildSpecProgram(context, script, directory, translate));
  verdicts = std::move(program.verdicts);
  // One partition: the runner already compiles two files at a time.
  codegen::BackendOptions backend{options.target, options.optLevel, "", {}};
  std::string objectPath = exePath + ".o";
  WACC_RETURN_IF_ERROR(codegen::CompileToObjects(*program.module, backend, {objectPath}));
  absl::Status linked;
  {
    std::lock_guard<std::mutex> lock(gLinkMutex);
    linked = codegen::LinkExecutable(options.target, objectPath, options.runtimeArchive, exePath, false);
  }
  llvm::sys::fs::remove(objectPath);
  return linked;
}

RunOutput RunExecutable(const std::string& exePath, const RunnerOptions& options) {
  RunOutput result;
  std::string outPath = exePath + ".stdout", errPath = exePath + ".stderr";
  std::vector<llvm::StringRef> args;
  std::string program = exePath;
  if (!options.emulator.empty()) {
    program = options.emulator;
    args.push_back(options.emulator);
  }
  args.push_back(exePath);
  std::optional<llvm::StringRef> redirects[] = {llvm::StringRef(""), llvm::StringRef(outPath),
                                                llvm::StringRef(errPath)};
  std::string error;
  int status = RunChildWithDeadline(program, args, std::nullopt, redirects, options.timeoutSeconds, error);
  if (auto buffer = llvm::MemoryBuffer::getFile(outPath)) result.stdoutText = (*buffer)->getBuffer().str();
  std::string stderrText;
  if (auto buffer = llvm::MemoryBuffer::getFile(errPath)) stderrText = (*buffer)->getBuffer().substr(0, 300).str();
  if (status != 0)
    result.failure = absl::StrCat(
        "the test program ", status < 0 ? "could not run or timed out" : absl::StrCat("exited with status ", status),
        error.empty() ? "" : ": " + error, stderrText.empty() ? "" : ": " + stderrText);
  llvm::sys::fs::remove(outPath);
  llvm::sys::fs::remove(errPath);
  return result;
}

void Record(FileResult& result, const SpecCommand& command, CommandVerdict::Kind kind, const std::string& reason,
            const RunnerOptions& options) {
  if (kind == CommandVerdict::Kind::Passed) {
    ++result.passed;
    return;
  }
  if (kind == CommandVerdict::Kind::Skipped) {
    ++result.skipped;
    ++result.skipReasons[reason];
    return;
  }
  ++result.failed;
  if (result.messages.size() < options.maxMessages)
    result.messages.push_back(absl::StrCat("  FAILED line ", command.line, " ", CommandKindName(command.kind),
                                           command.action.field.empty() ? "" : " \"" + command.action.field + "\"",
                                           ": ", reason));
}

}  // namespace

FileResult RunSpecFile(const std::string& jsonPath, const std::string& displayName, const RunnerOptions& options) {
  auto start = std::chrono::steady_clock::now();
  FileResult result;
  result.name = displayName;
  auto finish = [&]() {
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  };
  auto json = llvm::MemoryBuffer::getFile(jsonPath);
  if (!json) {
    ++result.failed;
    result.messages.push_back("  FAILED: cannot read " + jsonPath);
    return finish();
  }
  absl::StatusOr<SpecScript> script = ParseSpecScript((*json)->getBuffer());
  if (!script.ok()) {
    ++result.failed;
    result.messages.push_back(absl::StrCat("  FAILED: ", jsonPath, ": ", script.status().message()));
    return finish();
  }
  std::string directory = llvm::sys::path::parent_path(jsonPath).str();
  std::string exePath = (llvm::Twine(options.workDirectory) + "/" + llvm::sys::path::stem(jsonPath) + ".exe").str();
  std::vector<CommandVerdict> verdicts;
  absl::Status compiled = CompileExecutable(*script, directory, options, exePath, verdicts);
  RunOutput run;
  if (compiled.ok()) run = RunExecutable(exePath, options);
  llvm::sys::fs::remove(exePath);
  absl::flat_hash_map<uint32_t, ReportedOutcome> reports = ParseReports(run.stdoutText);

  for (uint32_t i = 0; i < script->commands.size(); ++i) {
    const SpecCommand& command = script->commands[i];
    if (!compiled.ok()) {
      Record(result, command, CommandVerdict::Kind::Failed,
             absl::StrCat("the test program did not build: ", compiled.message()), options);
      continue;
    }
    const CommandVerdict& verdict = verdicts[i];
    if (command.kind == SpecCommand::Kind::AssertMalformed && command.moduleType == "text") {
      if (verdict.kind == CommandVerdict::Kind::Passed) ++result.textMalformedRejected;
      if (verdict.accepted) ++result.textMalformedAccepted;
    }
    if (verdict.kind != CommandVerdict::Kind::Run) {
      Record(result, command, verdict.kind, verdict.reason, options);
      continue;
    }
    auto report = reports.find(i);
    if (report == reports.end()) {
      Record(result, command, CommandVerdict::Kind::Failed,
             run.failure.empty() ? "no outcome reported" : "no outcome reported: " + run.failure, options);
      continue;
    }
    std::string mismatch = JudgeOutcome(command, report->second);
    Record(result, command, mismatch.empty() ? CommandVerdict::Kind::Passed : CommandVerdict::Kind::Failed, mismatch,
           options);
  }
  if (compiled.ok() && !run.failure.empty() && result.failed == 0) {
    ++result.failed;
    result.messages.push_back("  FAILED: " + run.failure);
  }
  return finish();
}

}  // namespace wacc::spectest
