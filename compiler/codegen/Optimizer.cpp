#include "compiler/codegen/Optimizer.h"

#include <algorithm>
#include <vector>

#include "compiler/codegen/AddressNoWrapFlags.h"
#include "compiler/codegen/AddressRangeVersioning.h"
#include "compiler/codegen/AddressWrapVersioning.h"
#include "compiler/codegen/BitCountHalves.h"
#include "compiler/codegen/CodeTableJumps.h"
#include "compiler/codegen/ConstantDispatch.h"
#include "compiler/codegen/InBoundsLoops.h"
#include "compiler/codegen/InvariantCompares.h"
#include "compiler/codegen/KeptLoads.h"
#include "compiler/codegen/MismatchLoops.h"
#include "compiler/codegen/NegativeOffsets.h"
#include "compiler/codegen/NonZeroCounts.h"
#include "compiler/codegen/RerollLoops.h"
#include "compiler/codegen/ShadowFrameSinking.h"
#include "compiler/codegen/ThreadedDispatch.h"
#include "compiler/codegen/UnusedDisjointCopies.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/IR/PassTimingInfo.h"
#include "llvm/Transforms/IPO/AlwaysInliner.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/LICM.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Utils/PromoteMemToReg.h"

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

// The translation's allocas are its locals: scalars and v128s, each loaded
// and stored whole (11,166 of SQLite's 11,189). SSA construction is all
// they need, not SROA's slicing of each alloca into partitions (SROA was
// 17% of the fast pipeline's IR passes, this 9%). The allocas are promoted
// in the order SROA promotes them (it pops its worklist from the back), so
// the phis come out in the same order and so does the code; SROA still runs
// after it for the few allocas this leaves (a v128 local read in lanes).
struct PromoteLocalsPass : llvm::PassInfoMixin<PromoteLocalsPass> {
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& fam) {
    std::vector<llvm::AllocaInst*> allocas;
    for (llvm::Instruction& i : f.getEntryBlock())
      if (auto* alloca = llvm::dyn_cast<llvm::AllocaInst>(&i); alloca && llvm::isAllocaPromotable(alloca))
        allocas.push_back(alloca);
    if (allocas.empty()) return llvm::PreservedAnalyses::all();
    std::reverse(allocas.begin(), allocas.end());
    llvm::PromoteMemToReg(allocas, fam.getResult<llvm::DominatorTreeAnalysis>(f),
                          &fam.getResult<llvm::AssumptionAnalysis>(f));
    llvm::PreservedAnalyses preserved;
    preserved.preserveSet<llvm::CFGAnalyses>();
    return preserved;
  }
};

// -O1, the fast mode. LLVM's own -O1 pipeline costs about as much as -O2 on
// wasm (its inliner and loop passes run over every function), and -O0's
// code keeps every local in memory. This is the least that makes the
// translation's code good: locals into registers (SSA construction, SROA
// for what is left), redundant loads and memory-base reloads gone
// (EarlyCSE, then LICM hoisting the base out of loops), the translation's
// patterns folded (InstCombine, SimplifyCFG), and the always-inline adapters
// inlined. Machine code generation then selects
// with FastISel and leaves out the machine scheduler (Target.cpp). Not here:
// AddressNoWrapFlagsPass, whose flags are for loop passes -O1 does not run
// (-O1's executables were byte-identical without it on seven programs,
// SQLite among them, and it cost 3% of -O1's time).
llvm::ModulePassManager FastPipeline() {
  llvm::FunctionPassManager fpm;
  fpm.addPass(PromoteLocalsPass());
  fpm.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
  // Without MemorySSA: a load is reused only up to the next store or call,
  // not across stores BasicAA tells apart. That cost PCRE2 0.3% more
  // instructions and saved a third of EarlyCSE's time and one of the two
  // MemorySSA constructions (LICM's is left).
  fpm.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/false));
  // InstSimplify instead was measured and refuted: half the IR passes'
  // time saved, but zlib ran 10% more instructions, PCRE2 2.7%.
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
    // After each InstCombine of the function simplification (the xor form
    // of BitCountHalves.h comes from one), at every peephole point.
    pb.registerPeepholeEPCallback(
        [](llvm::FunctionPassManager& fpm, llvm::OptimizationLevel) { fpm.addPass(BitCountHalvesPass()); });
    // Once the loops are simplified and rotated, before the vectoriser
    // (InBoundsLoops.h: the copies without fake uses are the ones it takes;
    // RerollLoops.h: clang's unrolled bodies as one copy again). Not at -O0,
    // whose pipeline invokes this point too but has no loop passes and no
    // vectoriser: there the three only computed loops and scalar evolution
    // of every function for nothing (large.wasm -O0: 0.5% of the compiler's
    // instructions).
    pb.registerVectorizerStartEPCallback([](llvm::FunctionPassManager& fpm, llvm::OptimizationLevel level) {
      if (level == llvm::OptimizationLevel::O0) return;
      fpm.addPass(MismatchLoopsPass());
      fpm.addPass(InBoundsLoopsPass());
      fpm.addPass(RerollLoopsPass());
    });
    // Once the vectoriser has taken the disjoint copies it can
    // (UnusedDisjointCopies.h).
    pb.registerVectorizerEndEPCallback([](llvm::FunctionPassManager& fpm, llvm::OptimizationLevel level) {
      if (level.getSpeedupLevel() >= 2) fpm.addPass(UnusedDisjointCopiesPass());
    });
    // Last: the shadow frames sunk once inlining and the function passes
    // are done (ShadowFrameSinking.h), then an interpreter's dispatch switch
    // as computed goto (ThreadedDispatch.h), and call_indirect's code
    // computed rather than loaded where its index is not known
    // (CodeTableJumps.h); negative address offsets last, once no IR pass
    // that reasons about the 32-bit addresses is left (NegativeOffsets.h);
    // loop compares against invariants with no InstCombine left to undo
    // them (InvariantCompares.h); bit counts of operands a branch showed
    // non-zero (NonZeroCounts.h).
    pb.registerOptimizerLastEPCallback(
        [](llvm::ModulePassManager& mpm, llvm::OptimizationLevel level, llvm::ThinOrFullLTOPhase) {
          if (level.getSpeedupLevel() < 2) return;
          mpm.addPass(ShadowFrameSinkingPass());
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(ConstantDispatchPass()));
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(ThreadedDispatchPass()));
          mpm.addPass(CodeTableJumpsPass());
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(NegativeOffsetsPass()));
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(InvariantComparesPass()));
          mpm.addPass(llvm::createModuleToFunctionPassAdaptor(NonZeroCountsPass()));
        });
    return optLevel == 0 ? pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
                         : pb.buildPerModuleDefaultPipeline(kLevels[optLevel]);
  });
}

}  // namespace wacc::codegen
