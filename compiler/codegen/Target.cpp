#include "compiler/codegen/Target.h"

#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Pass.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"
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

namespace {

// -O1's code generation. At CodeGenOptLevel::Less LLVM's code generator runs
// nearly every pass of -O2's, and on the fast mode's IR that is most of
// -O1's time. What these cost on SQLite (llc -time-passes on its -O1 IR,
// FastISel; bench/NOTES.md, session 5) and what they buy on run time decided
// the list: each is a pass -O1 leaves out or a cheaper one it uses instead.
// LLVM has no per-TargetMachine switch for them: they are its command-line
// options (what clang's -mllvm sets), process-wide, so they are set once, by
// the first -O1 machine, and only where the user's -mllvm has not set them.
// A process compiles at one level (wacc, the script runner), so no -O2
// machine sees them.
// Measured and kept (bench/NOTES.md, session 5): the greedy register
// allocator (the basic one saves ~12% of code generation but PCRE2's matcher
// ran 1.46x slower), loop strength reduction (~13%, but matmul ran 1.73x
// instead of 1.19x -O2's time without it), the tail duplicators
// (interpreters' dispatch), CodeGenPrepare (address modes: PCRE2 grew 13%
// without it). What is left out costs time and bought nothing measurable.
// The greedy allocator without its region splitting (bench/NOTES.md,
// session 7): growing a region for a global split costs in proportion to
// the blocks around each live range, so on a huge function (SQLite's
// bytecode interpreter, 22k IR instructions) it is most of the allocator's
// time. With no budget for it the allocator still evicts, splits around
// blocks and locally, and spills: SQLite's allocation took half the time,
// its code grew 0.2%, and PCRE2's matcher ran 1.5% more instructions.
constexpr std::pair<const char*, const char*> kFastCodeGenOptions[] = {
    {"enable-misched", "false"},  // the machine scheduler: ~5% of -O1 code generation
    {"grow-region-complexity-budget", "0"},  // ~10% of -O1 code generation on SQLite
};

bool timePassesRequested = false;

void ApplyFastCodeGenOptions() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto registered = llvm::cl::getRegisteredOptions();
    for (const auto& [name, value] : kFastCodeGenOptions) {
      auto it = registered.find(name);
      // A name LLVM no longer has costs compile time, not correctness.
      if (it == registered.end() || it->second->getNumOccurrences() > 0) continue;
      it->second->addOccurrence(0, name, value);
    }
  });
}

}  // namespace

absl::Status SetLLVMOptions(const std::vector<std::string>& args) {
  if (args.empty()) return absl::OkStatus();
  InitializeTargets();  // the targets' own options exist only once they are registered
  std::vector<const char*> argv = {"-mllvm"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (!llvm::cl::ParseCommandLineOptions(int(argv.size()), argv.data(), "", &os)) {
    os.flush();
    while (!errors.empty() && errors.back() == '\n') errors.pop_back();
    return absl::InvalidArgumentError(errors);
  }
  timePassesRequested = llvm::TimePassesIsEnabled;
  return absl::OkStatus();
}

void ReportLLVMTimings() {
  // lld resets LLVM's options when it links in-process: what -time-passes
  // asked for is remembered by SetLLVMOptions.
  if (timePassesRequested) llvm::TimerGroup::printAll(llvm::errs());
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
  if (optLevel == 1) {
    tm->setFastISel(true);
    ApplyFastCodeGenOptions();
  }
  return tm;
}

}  // namespace wacc::codegen
