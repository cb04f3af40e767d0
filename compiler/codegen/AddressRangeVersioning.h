// AddressWrapVersioningPass proves `zext(base + index)` cannot wrap from a
// trip count, so it takes only innermost loops with affine indices. Many
// hot loops index by a *bounded* value instead: `bucket[i & mask]`, or
// `data[x]` after a branch that left the loop when `x > limit`. This pass
// versions any loop (innermost or not) on such bounds: before the loop, one
// 64-bit check that the address computed with every bounded value at its
// bound stays below 2^32 (and, where a negative constant is part of it, as
// in a shadow-stack array's `sp + -48 + 4*i`, with each at 0 stays at or
// above 0) picks a copy whose addresses are 64-bit arithmetic
// (the zext distributed over the sum), so the invariant part folds into one
// hoisted pointer as in native code; otherwise the original loop runs,
// wrapping as wasm says. Where the bounds are constants no copy is made.
// Runs before the loop passes, after AddressWrapVersioningPass.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class AddressRangeVersioningPass : public llvm::PassInfoMixin<AddressRangeVersioningPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
