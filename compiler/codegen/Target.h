// The targets wacc compiles for, and LLVM's machinery for them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

struct TargetInfo {
  std::string triple;       // LLVM triple, e.g. "x86_64-unknown-linux-gnu"
  std::string runtimeName;  // folder of the bundled runtime: "x86_64-linux-gnu"
  std::string emulation;    // lld's -m: "elf_x86_64", "aarch64linux"
};

// Accepts the Debian spellings (x86_64-linux-gnu, aarch64-linux-gnu), LLVM's
// (x86_64-unknown-linux-gnu, ...) and bare architectures.
absl::StatusOr<TargetInfo> LookupTarget(std::string_view name);

// `optLevel` is 0..3; `cpu` is "" for the portable baseline or "native".
absl::StatusOr<std::unique_ptr<llvm::TargetMachine>> CreateTargetMachine(const TargetInfo& target, int optLevel,
                                                                         const std::string& cpu);

// True when `machine` runs the full code generator, SelectionDAG and all
// (-O2 and up): wacc's own machine passes join only that pipeline; -O0 and
// the -O1 fast mode select with FastISel.
inline bool RunsFullCodeGen(const llvm::TargetMachine& machine) {
  llvm::CodeGenOptLevel level = machine.getOptLevel();
  return level != llvm::CodeGenOptLevel::None && level != llvm::CodeGenOptLevel::Less &&
         !machine.Options.EnableFastISel;
}

// Parses `args` as LLVM's own command-line options (wacc's -mllvm), once per
// process: LLVM's options are process-wide. An unknown option is an error.
absl::Status SetLLVMOptions(const std::vector<std::string>& args);

// Prints what -mllvm -time-passes gathered (LLVM itself would only at
// llvm_shutdown, which wacc never calls); nothing without it.
void ReportLLVMTimings();

}  // namespace wacc::codegen
