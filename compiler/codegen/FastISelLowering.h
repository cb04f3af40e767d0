// -O0 and the -O1 fast mode select instructions with FastISel, which gives
// up on a few intrinsics and instructions the translator and InstCombine
// emit and hands them to the SelectionDAG selector, several times slower:
// a call alone, anything else with the rest of its block. This rewrites
// them, before code generation, into equivalent instructions FastISel
// selects. At -O1 only those whose code is as good as the SelectionDAG's
// (min/max as a compare and select, i1 selects as and/or, vector zero
// stores as i64 ones, memmove of a variable length as the call it becomes
// anyway, unsigned i32 to float); -O0 also has rotations as shifts, fabs
// as a mask and saturating truncations as compares. Switches, which
// FastISel never selects, are LLVM's LowerSwitchPass's at -O0; at -O1 they
// keep their jump tables and are only split from the rest of their block.
#pragma once

#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

class FastISelLoweringPass : public llvm::PassInfoMixin<FastISelLoweringPass> {
 public:
  // `optimized` (-O1): only the rewrites whose code is as good as the
  // SelectionDAG's, and switches isolated in their blocks, not lowered.
  explicit FastISelLoweringPass(bool optimized = false) : optimized_(optimized) {}
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);

 private:
  bool optimized_;
};

// Runs LowerSwitchPass (-O0) and FastISelLoweringPass over `module`; machine
// code generation does so with FastISel (so --emit=llvm still shows the
// optimiser's output).
void PrepareForFastISel(llvm::Module& module, llvm::TargetMachine& machine);

}  // namespace wacc::codegen
