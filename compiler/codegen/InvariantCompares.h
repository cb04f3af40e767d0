// A loop's equality compare against an invariant moved off the loop's side
// of an xor: `(x ^ inv) == c` becomes `x == (inv ^ c)`, with the right-hand
// side computed once before the loop. (The same rules for add and sub were
// measured and dropped: zlib, bzip2, xz, pcre2 and Mbed TLS ran the same
// instructions to within 20; bench/NOTES.md, session 11.)
//
// Why: InstCombine writes a bound of the form `(1 << k) - 1` as `~(-1 <<
// k)` and then `i == ~m` as `(i ^ m) == -1` (the `not` sunk into the
// compare), which is the right canonical form for one compare but costs a
// loop that counts to such a bound an `xor` and a register copy every
// iteration (x86: `mov %i,%t; xor %m,%t; cmp $-1,%t` against `cmp %b,%i`).
// zstd's row match finder counts its candidates to `1 << searchLog` that
// way (69M iterations). LLVM's LICM cannot help: the xor's operand varies.
//
// The rewrite is exact: xor with a fixed invariant is a bijection of the
// 32- or 64-bit integers, so the compare's result is the same for every x. Only where the operation has
// no other user (else it stays in the loop and the new invariant costs a
// register), the loop is entered from one block outside it (the
// preheader, or a rotated loop's guard, which may also branch past the
// loop: the new operation cannot trap), and c and inv are invariant in
// that loop (defined outside it, so they dominate that block's end). Run
// at the end of the IR pipeline: no InstCombine follows to
// put the xor back, and loop strength reduction (code generation's) sees
// the plain compare of an induction variable with an invariant.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class InvariantComparesPass : public llvm::PassInfoMixin<InvariantComparesPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
