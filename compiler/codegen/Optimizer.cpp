#include "compiler/codegen/Optimizer.h"

#include "compiler/codegen/AddressNoWrapFlags.h"
#include "compiler/codegen/AddressWrapVersioning.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"

namespace wacc::codegen {

void RunModulePasses(llvm::Module& module, llvm::TargetMachine& machine,
                     llvm::function_ref<llvm::ModulePassManager(llvm::PassBuilder&)> build) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(&machine);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm = build(pb);
  mpm.run(module, mam);
}

void OptimizeModule(llvm::Module& module, llvm::TargetMachine& machine, int optLevel) {
  static const llvm::OptimizationLevel kLevels[] = {llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1,
                                                    llvm::OptimizationLevel::O2, llvm::OptimizationLevel::O3};
  RunModulePasses(module, machine, [&](llvm::PassBuilder& pb) {
    pb.registerPeepholeEPCallback([](llvm::FunctionPassManager& fpm, llvm::OptimizationLevel level) {
      fpm.addPass(AddressNoWrapFlagsPass());
      if (level.getSpeedupLevel() >= 2) fpm.addPass(AddressWrapVersioningPass());
    });
    return optLevel == 0 ? pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
                         : pb.buildPerModuleDefaultPipeline(kLevels[optLevel]);
  });
}

}  // namespace wacc::codegen
