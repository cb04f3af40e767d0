// Wasm addresses are 32-bit: a loop indexing memory computes
// `zext(i + C)` in i32 before adding the memory base. LLVM must assume the
// i32 sum can wrap, so it widens the induction variable as unsigned and
// masks every address back to 32 bits, one `lea` + `and` per access (this
// made vector loops ~1.5x slower than native). Where ScalarEvolution proves
// the i32 arithmetic under such a zext never overflows and is non-negative,
// this pass says so (`nsw` on the arithmetic, `nneg` on the zext); the
// induction variable is then widened as signed and the constant folds into
// the addressing mode, as in native code. Runs before the loop passes.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class AddressNoWrapFlagsPass : public llvm::PassInfoMixin<AddressNoWrapFlagsPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
