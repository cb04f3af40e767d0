// The targets wacc compiles for, and LLVM's machinery for them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

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

}  // namespace wacc::codegen
