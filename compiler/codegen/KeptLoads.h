// The other half of the kept loads of compiler/lower/Memory.cpp. A guard-
// page load's value is read by an empty `asm sideeffect` so that no pass
// deletes a load that may trap; the asm survives inlining (llvm.fake.use
// does not: the inliner drops the fake uses of what it inlines). Once the
// inliner is done, at the start of the module optimisation pipeline, this
// pass turns each such asm into llvm.fake.use: an intrinsic, so the loop
// unroller no longer sees a call in the loop (it does not runtime-unroll
// loops with calls), and code generation keeps the load and emits nothing
// for the use, with no scheduling barrier. A load whose value already flows,
// within its block, into a store, a call, a return or another kept load's
// address is kept by that chain and loses its marker altogether: a fake use
// stops the loop vectoriser (a call it cannot widen) and the folding of the
// load into the instruction using it, and most loads are of this kind. The
// chain must keep every bit of the load with operands no later pass can
// fold (KeptLoads.cpp, Link): else the unroller's constants delete it, or
// instruction selection narrows the load to the bytes the store needs.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class KeptLoadsToFakeUsesPass : public llvm::PassInfoMixin<KeptLoadsToFakeUsesPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
