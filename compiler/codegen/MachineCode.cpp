#include "compiler/codegen/MachineCode.h"

#include "compiler/codegen/CheckedDispatchTails.h"
#include "compiler/codegen/CompareLoads.h"
#include "compiler/codegen/FastISelLowering.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Pass.h"
#include "llvm/Support/CommandLine.h"

namespace wacc::codegen {

namespace {

// The fast mode (-O1) leaves out x86's ExecutionDomainFix and BreakFalseDeps
// and the reaching-definitions analysis they share: 2-5% of -O1's code
// generation (lua 3.2%, SQLite 5%: bench/NOTES.md, session 8), while lua
// ran the same instructions and nbody (int-to-float conversions, sqrt: what
// BreakFalseDeps is for) the same CPU time in five interleaved pairs. LLVM
// has no switch for them: X86PassConfig adds them as passes, not by ID, so
// TargetPassConfig::disablePass does not reach them; the pass manager below
// drops them by name as they are added. -mllvm -wacc-fast-no-domain-fix=false
// keeps them.
llvm::cl::opt<bool> dropDomainPasses("wacc-fast-no-domain-fix", llvm::cl::init(true), llvm::cl::Hidden,
                                     llvm::cl::desc("-O1: leave out ExecutionDomainFix and BreakFalseDeps"));

// x86's LVI load hardening runs only for targets with the
// lvi-load-hardening feature, which no machine wacc creates has (neither
// its CPUs nor --cpu=native: it is a mitigation one asks for, not a CPU
// feature). Yet the pass requires the machine dominance frontier, so the
// pass manager builds one (and the dominator tree it needs) for every
// function at every level above -O0 before the pass finds it has nothing to
// do: 0.6% of SQLite's -O1 pass time (bench/NOTES.md, session 9). Dropped at
// every level, by name as below; its analyses are then never scheduled.
constexpr llvm::StringLiteral kLVILoadHardening = "X86 Load Value Injection (LVI) Load Hardening";

class DroppingPassManager : public llvm::legacy::PassManager {
 public:
  explicit DroppingPassManager(bool dropDomainPasses) : dropDomainPasses_(dropDomainPasses) {}

  void add(llvm::Pass* pass) override {
    llvm::StringRef name = pass->getPassName();
    if (name == kLVILoadHardening ||
        (dropDomainPasses_ && (name == "X86 Execution Dependency Fix" || name == "BreakFalseDeps"))) {
      delete pass;
      return;
    }
    llvm::legacy::PassManager::add(pass);
  }

 private:
  bool dropDomainPasses_;
};

}  // namespace

absl::Status EmitMachineCode(llvm::Module& module, llvm::TargetMachine& machine, MachineCodeKind kind,
                             llvm::raw_pwrite_stream& out) {
  // -O0 and the -O1 fast mode select with FastISel (Target.cpp).
  if (machine.getOptLevel() == llvm::CodeGenOptLevel::None || machine.Options.EnableFastISel)
    PrepareForFastISel(module, machine);
  // Machine passes of wacc's own join LLVM's pipeline through a callback
  // addPassesToEmitFile runs before it adds instruction selection.
  RegisterCompareLoadsPass();
  RegisterCheckedDispatchTailsPass();
  DroppingPassManager passes(dropDomainPasses && machine.Options.EnableFastISel);
  auto fileType =
      kind == MachineCodeKind::Object ? llvm::CodeGenFileType::ObjectFile : llvm::CodeGenFileType::AssemblyFile;
  // The module was verified when it was generated; verifying again before
  // and after the IR passes of code generation costs ~15% of -O0.
  if (machine.addPassesToEmitFile(passes, out, nullptr, fileType, /*DisableVerify=*/true))
    return absl::InternalError("the target cannot emit this kind of file");
  passes.run(module);
  return absl::OkStatus();
}

}  // namespace wacc::codegen
