// clang's WebAssembly target unrolls small loops itself (partial unrolling,
// two or three copies of the body a trip), so a plain `out[i] = f(in[i])`
// reaches wacc as a loop whose body does i and i+1. The loop vectoriser then
// sees interleave groups of factor 2 and, where the target's cost model has
// no cheap shuffle for them (bytes on SSE2), gathers and scatters lane by
// lane: the scalar simd kernel's byte loop ran 10x native's instructions.
// This pass undoes such unrolling before the vectoriser: a single-block
// innermost loop with no reduction whose body is k copies of one sequence,
// copy j reading and writing where copy 0 would k/j of a trip later, becomes
// the loop of copy 0 alone with every induction step divided by k. The
// rerolled loop makes the same memory accesses and computes the same values
// in the same order; ScalarEvolution checks that before it is kept (trip
// count k times the old one, each copy's addresses and inductive values
// those of copy 0 j iterations later), and only where each access of the
// rerolled loop is consecutive (or invariant): where the vectoriser gains.
// Copies match by value, not by spelling: copy j's address may be copy 0's
// plus an offset (`(c + j) + 8`), or an induction of its own, as the
// versioning passes (AddressWrapVersioning.h) widen each address of their
// no-wrap copies: bench/run's constant-size matmul, unrolled three times,
// has six such inductions, of which the rolled loop keeps two (the others,
// used only by the deleted copies, go). Those copies are reached from their
// version check, not through a preheader of their own; the loop passes
// after this one give them one. Runs at VectorizerStart, after
// InBoundsLoops (a loop with fake uses is not taken: the vectoriser could
// not take it either).
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class RerollLoopsPass : public llvm::PassInfoMixin<RerollLoopsPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
