#include "compiler/spectest/FileRunner.h"

#include "absl/strings/str_cat.h"
#include "compiler/spectest/Outcome.h"
#include "compiler/spectest/SpecProgram.h"
#include "compiler/support/Status.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace wacc::spectest {

namespace {

absl::Status CompileExecutable(const SpecScript& script, const std::string& directory, const RunnerOptions& options,
                               const std::string& exePath, std::vector<CommandVerdict>& verdicts) {
  llvm::LLVMContext context;
  lower::TranslateOptions translate;
  WACC_ASSIGN_OR_RETURN(SpecProgram program, BuildSpecProgram(context, script, directory, translate, options.features));
  verdicts = std::move(program.verdicts);
  return scriptrun::BuildExecutable(*program.module, options, exePath);
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
  FileResult result;
  result.name = displayName;
  auto json = llvm::MemoryBuffer::getFile(jsonPath);
  if (!json) {
    scriptrun::FailWholeFile(result, "cannot read " + jsonPath);
    return result;
  }
  absl::StatusOr<SpecScript> script = ParseSpecScript((*json)->getBuffer());
  if (!script.ok()) {
    scriptrun::FailWholeFile(result, absl::StrCat(jsonPath, ": ", script.status().message()));
    return result;
  }
  std::string directory = llvm::sys::path::parent_path(jsonPath).str();
  std::string exePath = (llvm::Twine(options.workDirectory) + "/" + llvm::sys::path::stem(jsonPath) + ".exe").str();
  std::vector<CommandVerdict> verdicts;
  absl::Status compiled = CompileExecutable(*script, directory, options, exePath, verdicts);
  scriptrun::RunOutput run;
  if (compiled.ok()) run = scriptrun::RunExecutable(exePath, options);
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
             run.failure.empty() ? "no outcome reported" : "no outcome reported: the test program " + run.failure, options);
      continue;
    }
    std::string mismatch = JudgeOutcome(command, report->second);
    Record(result, command, mismatch.empty() ? CommandVerdict::Kind::Passed : CommandVerdict::Kind::Failed, mismatch,
           options);
  }
  if (compiled.ok() && !run.failure.empty() && result.failed == 0) {
    ++result.failed;
    result.messages.push_back("  FAILED: the test program " + run.failure);
  }
  return result;
}

}  // namespace wacc::spectest
