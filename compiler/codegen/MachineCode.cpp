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

class DroppingPassManager : public llvm::legacy::PassManager {
 public:
  void add(llvm::Pass* pass) override {
    llvm::StringRef name = pass->getPassName();
    if (name == "X86 Execution Dependency Fix" || name == "BreakFalseDeps") {
      delete pass;
      return;
    }
    llvm::legacy::PassManager::add(pass);
  }
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
  bool drop = dropDomainPasses && machine.Options.EnableFastISel;
  DroppingPassManager dropping;
  llvm::legacy::PassManager plain;
  llvm::legacy::PassManager& passes = drop ? dropping : plain;
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
