#include "compiler/scriptrun/RunnerMain.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "compiler/codegen/Linker.h"
#include "compiler/support/Status.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/TargetParser/Host.h"

namespace wacc::scriptrun {

bool ParseCommonArgument(const std::string& arg, CommonArguments& common, RunnerOptions& options) {
  llvm::StringRef text(arg);
  unsigned number;
  if (text.consume_front("--target=")) {
    common.targetName = text.str();
    // Short names as for wacc: x86_64, aarch64.
    if (common.targetName.find('-') == std::string::npos) common.targetName += "-linux-gnu";
    return true;
  }
  if (arg.size() == 3 && text.starts_with("-O") && arg[2] >= '0' && arg[2] <= '3') {
    options.optLevel = arg[2] - '0';
    return true;
  }
  if (text.consume_front("-j") && !text.getAsInteger(10, number) && number > 0) {
    common.jobs = number;
    return true;
  }
  if (text.consume_front("--timeout=") && !text.getAsInteger(10, number)) {
    options.timeoutSeconds = number;
    return true;
  }
  // -W<settings> or --wasm=<settings>: the proposals on or off, as for wacc.
  if (text.consume_front("-W") || text.consume_front("--wasm="))
    return binary::ApplyFeatureSettings(text.str(), options.features).ok();
  return false;
}

absl::Status PrepareRunner(const CommonArguments& common, const char* argv0, const std::string& runnerName,
                           RunnerOptions& options) {
  WACC_ASSIGN_OR_RETURN(options.target, codegen::LookupTarget(common.targetName));
  WACC_ASSIGN_OR_RETURN(options.runtimeArchive, codegen::RuntimeArchivePath(options.target, argv0));
  if (options.target.runtimeName.rfind("aarch64", 0) == 0 && llvm::sys::getProcessTriple().rfind("aarch64", 0) != 0) {
    llvm::ErrorOr<std::string> qemu = llvm::sys::findProgramByName("qemu-aarch64");
    if (!qemu) return absl::NotFoundError("qemu-aarch64 is needed to run AArch64 tests and was not found");
    options.emulator = *qemu;
  }
  llvm::SmallString<128> work;
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory(runnerName, work))
    return absl::InternalError("cannot create a temporary directory: " + ec.message());
  options.workDirectory = work.str().str();
  return absl::OkStatus();
}

void PrintFileResult(const FileResult& r, const std::string& note) {
  std::printf("%s: %zu passed, %zu failed, %zu skipped (%.1fs)%s\n", r.name.c_str(), r.passed, r.failed, r.skipped,
              r.seconds, note.c_str());
  for (const std::string& m : r.messages) std::printf("%s\n", m.c_str());
  if (r.failed > r.messages.size()) std::printf("  ... and %zu more failures\n", r.failed - r.messages.size());
  for (const auto& [reason, count] : r.skipReasons) std::printf("  skipped %zu: %s\n", count, reason.c_str());
  std::fflush(stdout);
}

}  // namespace wacc::scriptrun
