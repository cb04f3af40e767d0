// Byte-compare loops, 16 bytes at a time. A wasm program brings its own
// libc, and wasi-libc's memcmp (musl's) is the byte loop
//   for (; n && *l == *r; n--, l++, r++);
// which the guest's clang inlines or wacc's inliner copies into every
// caller; native programs call glibc's vectorised memcmp instead. SQLite
// spends 5% of its time in such loops (its key comparisons) where native
// code spends a third of that. The loop vectoriser cannot widen a loop with
// an early exit whose loads may fault, and LLVM's own idiom pass for it
// (LoopIdiomVectorize) is AArch64-only and wants `p[i]` with a 64-bit
// pointer, not `membase + zext(p + i)` in 32-bit wrapping arithmetic.
//
// This pass finds innermost loops that compare two byte streams and leave
// at the first difference: the exit compares two i8 loads at
// `base + zext(a + i) (+ c)` and `base + zext(b + i) (+ c)`, every other
// exit has a count ScalarEvolution can compute, the loop has no other load,
// store or call (fake uses apart) and every header phi is an affine
// recurrence. Before the loop it compares 16-byte blocks of the two streams
// up to the loop's maximal backedge count, finds the first iteration k whose
// bytes differ (or the last iteration), and then enters the unchanged loop at
// iteration k: each header phi starts at start + k * step. The loop then
// runs from there as before, so every value it leaves with is its own.
//
// Traps stay where they were. A 16-byte load is made only when neither
// stream's block crosses a 4 KiB boundary (of the 32-bit wasm address, so it
// cannot wrap either, and of the offset in the reservation); linear memory
// ends on a 64 KiB page boundary, so such a block faults exactly when its
// first byte does, which the original loop reads in that iteration. Blocks
// that cross are compared a byte at a time, the same loads as the loop's.
// The last block overlaps the one before it (bytes already known equal)
// rather than leaving a tail to the byte loop.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class MismatchLoopsPass : public llvm::PassInfoMixin<MismatchLoopsPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
