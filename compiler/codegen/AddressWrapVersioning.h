// The other half of AddressNoWrapFlagsPass: a loop indexing a heap array
// computes `zext(p + i)` with `p` a pointer ScalarEvolution knows nothing
// about, so nothing proves the i32 sum cannot wrap and every access pays
// for 32-bit masking. This pass versions such innermost loops: one check
// before the loop (in 64 bits, `p + index` stays in [0, 2^32) at the first
// and the last iteration for every such address, the index increasing or
// decreasing, a negative constant taken as such) picks a copy of the loop
// whose addresses are 64-bit recurrences, as in native code; otherwise the
// original loop runs, wrapping as wasm says. A loop versioned for such a sum also
// has its pointer induction variables (`zext(p)`, p stepping by a
// constant: clang's unrolled loops) checked and widened with it.
//
// Then the no-wrap copy is versioned once more, on its streams being apart
// (accesses of one stride whose starts differ by constants form a stream,
// c[j] and c[j+1]; each pair of streams, one of them written, is checked
// apart over the whole loop before it). Every wasm address is based on the
// memory base, so LoopAccessAnalysis cannot order `b[k*n+j]` against
// `c[i*n+j]`, and its runtime checks then compare c[j] with c[j+1], which
// always overlap: the scalar matmul's loop was never vectorised. The third
// copy's accesses carry a scope per stream and !noalias of the streams
// checked apart from it, which LoopAccessAnalysis takes as independence.
// Overlapping streams run the plain no-wrap copy. Runs before the loop
// passes.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class AddressWrapVersioningPass : public llvm::PassInfoMixin<AddressWrapVersioningPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
