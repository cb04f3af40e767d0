// The other half of the kept loads of compiler/lower/Memory.cpp. A guard-
// page load's value is read by an empty `asm sideeffect` so that no pass
// deletes a load that may trap; the asm survives inlining (llvm.fake.use
// does not: the inliner drops the fake uses of what it inlines). Once the
// inliner is done, at the start of the module optimisation pipeline, this
// pass turns each such asm into llvm.fake.use: an intrinsic, so the loop
// unroller no longer sees a call in the loop (it does not runtime-unroll
// loops with calls), and code generation keeps the load and emits nothing
// for the use, with no scheduling barrier.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class KeptLoadsToFakeUsesPass : public llvm::PassInfoMixin<KeptLoadsToFakeUsesPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
