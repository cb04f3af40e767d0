#include "compiler/codegen/KeptLoads.h"

#include <vector>

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

namespace wacc::codegen {

llvm::PreservedAnalyses KeptLoadsToFakeUsesPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  // Wasm has no inline assembly: every empty one-operand asm with side
  // effects is lowering's marker.
  std::vector<llvm::CallInst*> markers;
  for (llvm::Instruction& inst : llvm::instructions(f)) {
    auto* call = llvm::dyn_cast<llvm::CallInst>(&inst);
    if (!call || call->arg_size() != 1) continue;
    auto* asmCode = llvm::dyn_cast<llvm::InlineAsm>(call->getCalledOperand());
    if (asmCode && asmCode->hasSideEffects() && asmCode->getAsmString().empty()) markers.push_back(call);
  }
  if (markers.empty()) return llvm::PreservedAnalyses::all();
  for (llvm::CallInst* marker : markers) {
    llvm::IRBuilder<> b(marker);
    b.CreateIntrinsic(llvm::Intrinsic::fake_use, llvm::ArrayRef<llvm::Type*>(), {marker->getArgOperand(0)});
    marker->eraseFromParent();
  }
  llvm::PreservedAnalyses kept;
  kept.preserveSet<llvm::CFGAnalyses>();
  return kept;
}

}  // namespace wacc::codegen
