#include "compiler/codegen/Optimizer.h"

#include "compiler/codegen/AddressNoWrapFlags.h"
#include "compiler/codegen/AddressRangeVersioning.h"
#include "compiler/codegen/AddressWrapVersioning.h"
#include "compiler/codegen/KeptLoads.h"
#include "compiler/codegen/MismatchLoops.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/IR/PassTimingInfo.h"
#include "llvm/Transforms/IPO/AlwaysInliner.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/LICM.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"

namespace wacc::codegen {

void RunModulePasses(llvm::Module& module, llvm::TargetMachine& machine,
                     llvm::function_ref<llvm::ModulePassManager(llvm::PassBuilder&)> build) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // -mllvm -time-passes: the IR passes' times join code generation's in the
  // report LLVM prints at exit (use -j1: the legacy code generation passes'
  // timers are shared between threads).
  llvm::PassInstrumentationCallbacks instrumentation;
  llvm::TimePassesHandler timePasses;  // enabled by -time-passes
  timePasses.registerCallbacks(instrumentation);
  llvm::PassBuilder pb(&machine, llvm::PipelineTuningOptions(), std::nullopt, &instrumentation);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm = build(pb);
  mpm.run(module, mam);
}

namespace {

// -O1, the fast mode. LLVM's own -O1 pipeline costs about as much as -O2 on
// wasm (its inliner and loop passes run over every function), and -O0's
// code keeps every local in memory. This is the least that makes the
// translation's code good: locals into registers (SROA), redundant loads
// and memory-base reloads gone (EarlyCSE, then LICM hoisting the base out of
// loops), the translation's patterns folded (InstCombine, SimplifyCFG), and
// the always-inline adapters inlined. Machine code generation then selects
// with FastISel and leaves out the machine scheduler (Target.cpp). Not here:
// AddressNoWrapFlagsPass, whose flags are for loop passes -O1 does not run
// (-O1's executables were byte-identical without it on seven programs,
// SQLite among them, and it cost 3% of -O1's time).
llvm::ModulePassManager FastPipeline() {
  llvm::FunctionPassManager fpm;
  fpm.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
  fpm.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
  fpm.addPass(llvm::InstCombinePass());
  fpm.addPass(llvm::SimplifyCFGPass());
  fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(llvm::LICMOptions()), /*UseMemorySSA=*/true));
  fpm.addPass(KeptLoadsToFakeUsesPass());
  llvm::ModulePassManager mpm;
  mpm.addPass(llvm::AlwaysInlinerPass());
  mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(fpm)));
  return mpm;
}

}  // namespace

void OptimizeModule(llvm::Module& module, llvm::TargetMachine& machine, int optLevel) {
  if (optLevel == 1) {
    RunModulePasses(module, machine, [](llvm::PassBuilder&) { return FastPipeline(); });
    return;
  }
  static const llvm::OptimizationLevel kLevels[] = {llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1,
                                                    llvm::OptimizationLevel::O2, llvm::OptimizationLevel::O3};
  RunModulePasses(module, machine, [&](llvm::PassBuilder& pb) {
    // AddressNoWrapFlagsPass at the first two of LLVM's four peephole points
    // (the pipeline invokes them in this order as it is built): the cleanup
    // after the module's global optimisation, before inlining, and the
    // function simplification's first InstCombine, before its loop passes.
    // At the other two (after GVN, at the end of the function simplification)
    // it was 2/3 of its 4% of -O2 on SQLite and changed no executable of
    // bench/run's but bzip2's, which needs the first (bench/NOTES.md).
    pb.registerPeepholeEPCallback([point = 0](llvm::FunctionPassManager& fpm, llvm::OptimizationLevel level) mutable {
      if (++point <= 2) fpm.addPass(AddressNoWrapFlagsPass());
      if (level.getSpeedupLevel() >= 2) {
        fpm.addPass(AddressWrapVersioningPass());
        // After it (affine addresses are its), once: at later points it
        // versioned its own copies again, on zexts InstCombine had rebuilt.
        if (point == 1) fpm.addPass(AddressRangeVersioningPass());
      }
    });
    // After the inliner, before the loop passes (KeptLoads.h).
    pb.registerOptimizerEarlyEPCallback(
        [](llvm::ModulePassManager& mpm, llvm::OptimizationLevel, llvm::ThinOrFullLTOPhase) {
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(KeptLoadsToFakeUsesPass()));
        });
    // Once the loops are simplified and rotated, before the vectoriser.
    pb.registerVectorizerStartEPCallback(
        [](llvm::FunctionPassManager& fpm, llvm::OptimizationLevel) { fpm.addPass(MismatchLoopsPass()); });
    return optLevel == 0 ? pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
                         : pb.buildPerModuleDefaultPipeline(kLevels[optLevel]);
  });
}

}  // namespace wacc::codegen
