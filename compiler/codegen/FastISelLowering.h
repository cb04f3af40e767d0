// At -O0 code generation uses FastISel, which gives up on a few intrinsics
// and conversions the translator emits (rotations, fabs, saturating
// truncations, unsigned i32 to float) and hands the rest of the block to the
// SelectionDAG selector, several times slower. This rewrites them into
// equivalent plain instructions FastISel selects, before code generation.
// (Switches, which FastISel never selects, are LLVM's LowerSwitchPass's.)
#pragma once

#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

class FastISelLoweringPass : public llvm::PassInfoMixin<FastISelLoweringPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

// Runs LowerSwitchPass and FastISelLoweringPass over `module`; machine code
// generation does so at -O0 (so --emit=llvm still shows the translation).
void PrepareForFastISel(llvm::Module& module, llvm::TargetMachine& machine);

}  // namespace wacc::codegen
