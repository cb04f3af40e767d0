// What the passes that copy a loop behind a check share (AddressWrapVersioning.h,
// AddressRangeVersioning.h, InBoundsLoops.h): a loop copied behind a run-time check,
// and the mark each leaves on the zero-extensions it has dealt with.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <vector>

namespace wacc::codegen {

// Metadata on a zext AddressWrapVersioning has versioned (in both copies),
// which neither pass takes again.
inline constexpr const char* kWrapVersionedMetadata = "wacc.wrap-versioned";

// AddressWrapVersioning's disjoint-streams copy, for UnusedDisjointCopies:
// the metadata on the conditional branch that picks it (taken when the
// streams are apart) or the plain no-wrap copy, and the name of the alias
// scope domain its accesses are scoped in (which tells the copies apart
// once InstCombine has swapped the branch's successors).
inline constexpr const char* kDisjointCheckMetadata = "wacc.disjoint-check";
inline constexpr const char* kDisjointStreamsDomain = "wacc.streams";

// Copies `loop` (in LCSSA form, with dedicated exits) behind `ok`, computed
// in its preheader `checkBlock`: the check stays there, the loop gets an
// empty preheader of its own (what the copy's is cloned from), the copy runs
// when `ok` holds and the original otherwise, and the phis of the exit
// blocks take the copy's values when control comes from it. `vmap` maps the
// original's values to the copy's. The dominator tree is left for the
// caller to recalculate once it has finished changing the function.
void CloneLoopBehindCheck(llvm::Loop& loop, llvm::BasicBlock* checkBlock, llvm::Value* ok, llvm::StringRef suffix,
                          llvm::LoopInfo& li, llvm::DominatorTree& dt, llvm::ValueToValueMapTy& vmap);

// The innermost loops of a function, outer ones' first, taken before any is
// copied (a copy adds loops the pass must not visit again).
std::vector<llvm::Loop*> InnermostLoops(llvm::LoopInfo& li);

// What a pass that copied loops this way keeps: the loop info and the
// dominator tree, which it kept up to date.
llvm::PreservedAnalyses PreservedAfterLoopCopies();

}  // namespace wacc::codegen
