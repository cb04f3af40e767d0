#include "compiler/codegen/Target.h"

#include <mutex>

#include "absl/strings/str_cat.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

extern "C" {
void LLVMInitializeX86TargetInfo();
void LLVMInitializeX86Target();
void LLVMInitializeX86TargetMC();
void LLVMInitializeX86AsmPrinter();
void LLVMInitializeX86AsmParser();
void LLVMInitializeAArch64TargetInfo();
void LLVMInitializeAArch64Target();
void LLVMInitializeAArch64TargetMC();
void LLVMInitializeAArch64AsmPrinter();
void LLVMInitializeAArch64AsmParser();
}

namespace wacc::codegen {

static void InitializeTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    LLVMInitializeX86AsmParser();  // inline asm in IR needs the asm parsers
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64Target();
    LLVMInitializeAArch64TargetMC();
    LLVMInitializeAArch64AsmPrinter();
    LLVMInitializeAArch64AsmParser();
  });
}

absl::StatusOr<TargetInfo> LookupTarget(std::string_view name) {
  llvm::Triple triple{llvm::StringRef(name)};
  if (triple.getArch() == llvm::Triple::x86_64 &&
      (triple.getOS() == llvm::Triple::Linux || triple.getOS() == llvm::Triple::UnknownOS))
    return TargetInfo{"x86_64-unknown-linux-gnu", "x86_64-linux-gnu", "elf_x86_64"};
  if (triple.getArch() == llvm::Triple::aarch64 &&
      (triple.getOS() == llvm::Triple::Linux || triple.getOS() == llvm::Triple::UnknownOS))
    return TargetInfo{"aarch64-unknown-linux-gnu", "aarch64-linux-gnu", "aarch64linux"};
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported target '", std::string(name), "' (supported: x86_64-linux-gnu, aarch64-linux-gnu)"));
}

absl::StatusOr<std::unique_ptr<llvm::TargetMachine>> CreateTargetMachine(const TargetInfo& target, int optLevel,
                                                                         const std::string& cpu) {
  InitializeTargets();
  llvm::Triple triple(target.triple);
  std::string error;
  const llvm::Target* llvmTarget = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget) return absl::InternalError(error);
  std::string cpuName = cpu;
  std::string features;
  if (cpu == "native") {
    cpuName = llvm::sys::getHostCPUName().str();
    for (const auto& f : llvm::sys::getHostCPUFeatures()) {
      features += f.second ? '+' : '-';
      features += f.first().str();
      features += ',';
    }
  } else if (cpuName.empty()) {
    cpuName = triple.getArch() == llvm::Triple::x86_64 ? "x86-64" : "generic";
  }
  llvm::TargetOptions options;
  static constexpr llvm::CodeGenOptLevel kLevels[] = {llvm::CodeGenOptLevel::None, llvm::CodeGenOptLevel::Less,
                                                      llvm::CodeGenOptLevel::Default,
                                                      llvm::CodeGenOptLevel::Aggressive};
  std::unique_ptr<llvm::TargetMachine> tm(llvmTarget->createTargetMachine(
      triple, cpuName, features, options, llvm::Reloc::Static, llvm::CodeModel::Small, kLevels[optLevel]));
  if (!tm) return absl::InternalError("cannot create a target machine for " + target.triple);
  // -O1 (Optimizer.cpp's fast mode): FastISel selects what it can, the
  // SelectionDAG only the rest (switches, some intrinsics).
  if (optLevel == 1) tm->setFastISel(true);
  return tm;
}

}  // namespace wacc::codegen
