// call_indirect through a frozen table (lower/FrozenTables.cpp) loads the
// callee from a constant code table: `call *codes(,%idx,8)`. The index
// itself is usually loaded from linear memory (a function pointer in a C
// struct or array is a table index), so the call's target is known only
// after two dependent loads, where native code's function pointer needs one.
// When the slot is data-dependent the call mispredicts, and the processor
// learns the right target only when that second load completes: the
// `indirect` kernel ran 1.12-1.17x native with the instruction count of the
// loop within two of native's (bench/NOTES.md, session 8).
//
// This pass computes the target instead of loading it: each code table a
// call uses gets a jump table, one 8-byte entry per slot from the first
// non-null one to the last, each a direct jump to that slot's code, and the
// call goes to `jumps + 8 * (index - first)` (one `lea`). The load stays only
// where something else uses it (the null test that sends a scattered
// signature's calls to the checks that trap). Why this is right: a call
// through a null pointer is undefined, so wherever the original call runs
// the slot's entry is non-null, and the jump table's entry for that slot
// jumps to the same code; the checks that trap are not touched.
//
// The jump table is a naked function of inline assembly with the targets as
// operands (as LLVM's LowerTypeTests builds CFI jump tables), so they stay
// ordinary references for partitioning and linking. It runs last in the
// -O2/-O3 pipeline, after inlining and constant folding: a call whose index
// LLVM knows has become a direct call by then and is left alone.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class CodeTableJumpsPass : public llvm::PassInfoMixin<CodeTableJumpsPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Module& module, llvm::ModuleAnalysisManager& analyses);
};

}  // namespace wacc::codegen
