// The other half of the kept loads of compiler/lower/Memory.cpp. A guard-
// page load's value is read by an empty `asm sideeffect` so that no pass
// deletes a load that may trap; the asm survives inlining (llvm.fake.use
// does not: the inliner drops the fake uses of what it inlines). Once the
// inliner is done, at the start of the module optimisation pipeline, this
// pass turns each such asm into llvm.fake.use: an intrinsic, so the loop
// unroller no longer sees a call in the loop (it does not runtime-unroll
// loops with calls), and code generation keeps the load and emits nothing
// for the use, with no scheduling barrier. A load whose value no later pass
// can leave unused loses its marker altogether: a fake use stops the loop
// and SLP vectorisers (a call they cannot widen) and the folding of the load
// into the instruction using it, and most loads are of this kind. That is a
// load whose value flows, through links that keep every bit of it with
// operands that cannot cancel it (KeptLoads.cpp, Link), into a store (one
// back where it read: that code generation cannot narrow, or whose word a
// dominating store showed in bounds, StaysWhole), a
// call, a return or another kept load's address: within its block, or
// through phis and across blocks provided every edge out of each block it
// passes carries it on and every block can still reach such a use (a value
// used on one path only, or carried round a loop nobody reads after, keeps
// its marker).
#pragma once

#include "llvm/IR/Instructions.h"
#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

// The load that `inst` keeps for its trap when `inst` is such an
// llvm.fake.use, else null. This pass decides which loads keep one from
// their value alone; later passes drop a fake use only with a proof of their
// own that the trap still happens or cannot: InBoundsLoops (a loop copy
// entered only when every byte its loads read is inside memory),
// CompareLoads (after CodeGenPrepare: a load folded into the compare of its
// block's branch still faults), and at -O0 FastISelLowering (the load made
// volatile instead). MismatchLoops only looks past them.
llvm::LoadInst* FakeUsedLoad(const llvm::Instruction& inst);

class KeptLoadsToFakeUsesPass : public llvm::PassInfoMixin<KeptLoadsToFakeUsesPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
