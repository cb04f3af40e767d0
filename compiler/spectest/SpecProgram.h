// Turns one spec test script into one LLVM module: every module command's
// instance translated by the ordinary pipeline (compiler/lower), linked to
// the `spectest` host instance and to registered instances, plus a driver,
// `wacc_main`, that performs the script's run-time commands in order. Each
// run-time command runs under wacc_rt_catch_trap and reports its outcome on
// one stdout line (wacc_rt_spectest_report), so one process runs a whole
// script. Commands decided while compiling (validation, linking) never reach
// the driver.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/binary/Features.h"
#include "compiler/lower/ProgramContext.h"
#include "compiler/spectest/SpecScript.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

namespace wacc::spectest {

// The outcome the driver reports when an import's run-time size check fails
// (above every wacc_trap_reason).
inline constexpr uint32_t kIncompatibleImportOutcome = 100;

// What became of a command while building the program.
struct CommandVerdict {
  enum class Kind : uint8_t { Run, Passed, Failed, Skipped };
  Kind kind = Kind::Run;  // Run: the driver reports it (by command index)
  std::string reason;     // why it failed or was skipped
  bool accepted = false;  // Failed: an assert_invalid/assert_malformed module was accepted
};

struct SpecProgram {
  std::unique_ptr<llvm::Module> module;
  std::vector<CommandVerdict> verdicts;  // one per command
};

// `directory` holds the script's module files; `features`, the proposals
// they may use.
absl::StatusOr<SpecProgram> BuildSpecProgram(llvm::LLVMContext& context, const SpecScript& script,
                                             const std::string& directory, const lower::TranslateOptions& options,
                                             const binary::Features& features);

}  // namespace wacc::spectest
