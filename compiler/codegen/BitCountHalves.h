// 64-bit bit counts that C code for 32-bit targets spells as two 32-bit
// ones. Libraries guard `__builtin_ctzll` and friends with `__LP64__` or
// `sizeof(size_t) == 8` and otherwise count each half of the word, e.g.
// zstd's
//   lo == 0 ? 32 + ctz32(hi) : ctz32(lo)
// wasm32 is not LP64, so clang's wasm build keeps that shape (two i32.ctz,
// an add and a select), and LLVM does not join it back: on x86-64 it costs
// eight instructions (two tzcnt with their zero fallbacks, the shift, the
// test, the cmov) where native code has one tzcnt. zstd's row match finder
// runs it once per candidate (bench/NOTES.md, helper `realprogs`).
//
// This pass rewrites, for an i64 X with lo = trunc X and hi = trunc(X >> 32):
//   select(lo == 0, cttz(hi) + 32, cttz(lo))  ->  trunc(cttz.i64(X))
//   select(hi == 0, ctlz(lo) + 32, ctlz(hi))  ->  trunc(ctlz.i64(X))
//   ctpop(lo) + ctpop(hi)                     ->  trunc(ctpop.i64(X))
// with the conditions in any of the forms InstCombine leaves (`X & M == 0`,
// `X < 2^32`, inverted with the arms swapped). Wasm's ctz and clz are
// defined at zero (32), so each left side equals the right one for every X,
// zero included (64); where LLVM has already marked a 32-bit count poison at
// zero, the 64-bit one defined everywhere only refines it.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class BitCountHalvesPass : public llvm::PassInfoMixin<BitCountHalvesPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
