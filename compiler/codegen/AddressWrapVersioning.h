// The other half of AddressNoWrapFlagsPass: a loop indexing a heap array
// computes `zext(p + i)` with `p` a pointer ScalarEvolution knows nothing
// about, so nothing proves the i32 sum cannot wrap and every access pays
// for 32-bit masking. This pass versions such innermost loops: one check
// before the loop (in 64 bits, `p + largest index` stays below 2^32 for
// every such address) picks a copy of the loop whose sums are marked
// `nuw`, so the zext folds away as in native code; otherwise the original
// loop runs, wrapping as wasm says. Runs before the loop passes.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class AddressWrapVersioningPass : public llvm::PassInfoMixin<AddressWrapVersioningPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
