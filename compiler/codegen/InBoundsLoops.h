// In guard-page mode a load whose value KeptLoads cannot show to be kept by
// a store or call of its block keeps an llvm.fake.use (KeptLoads.h): the
// loads feeding a compare, a select, a min or max, an abs, a mask, or a sum
// carried round the loop. The loop vectoriser gives up on any loop with a
// call it cannot widen, and a fake use is one, so plain loops over arrays
// (a sum of absolute differences, a byte-wise max) stayed scalar when the
// wasm was scalar, 4-5x slower than native code that vectorises them.
//
// This pass versions an innermost loop the vectoriser could take (one exit,
// at the latch; a computable trip count; no call but side-effect-free
// intrinsics and the fake uses) on one check before it: every byte the
// fake-used loads read, over every iteration the loop can run, lies below
// the memory's current size. Memory never shrinks, so in the copy that runs
// when the check holds none of those loads can trap, and their fake uses
// are deleted; otherwise the original, fake uses and all, runs and traps
// where wasm says. The addresses must be affine in the loop (64-bit offsets
// from the memory base: AddressNoWrapFlags or AddressWrapVersioning's
// no-wrap copy made them so). Runs at VectorizerStart, after the loop
// passes that could still change the loop's shape.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class InBoundsLoopsPass : public llvm::PassInfoMixin<InBoundsLoopsPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
