// The third copy AddressWrapVersioningPass makes of a loop (its accesses
// marked apart, behind a check that their streams are: AddressWrapVersioning.h)
// exists for the vectoriser. Where the vectoriser did not take it (a carry
// from one iteration to the next, Mbed TLS's bignum loop `d[i] += s[i] * b +
// c`), its machine code is the plain no-wrap copy's, and the check is all
// that is left of it: about ten instructions each time the loop is entered
// (`lea`s of each stream's two ends, two compares a pair, `or`, `and`, a
// branch). mpi_mul_hlp enters its 16-limb loop 10.4M times for 2.1
// iterations on average: 1% of the program.
//
// This pass, after the vectoriser, finds each such check (the branch carries
// kDisjointCheckMetadata, LoopCopies.h) and sends control to the plain copy for good when
// the disjoint one has no loop the vectoriser transformed, no vector
// instruction, and no fewer instructions than the plain one (what the
// scopes could still have bought without vectorising: a load hoisted or
// forwarded past a store); the disjoint copy and its check are deleted.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class UnusedDisjointCopiesPass : public llvm::PassInfoMixin<UnusedDisjointCopiesPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
