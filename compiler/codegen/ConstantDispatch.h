// A `switch` at a loop's head on a label that every jump back sets to a
// constant: the dispatcher the wasm backend builds to make irreducible
// control flow reducible (C with case labels or gotos inside a loop: xz's
// `switch (coder->sequence) while (true) { case SEQ_…: … }`, which resumes a
// decoder where its input ran out; state machines; Duff's device). Native
// code jumps from each block straight to the next; wasm code sets the label,
// jumps back to the head and goes through `cmp; ja; jmp *table(,%reg,8)`:
// 16.4M indirect jumps in xz's decoder where native code has 95K
// (bench/NOTES.md, session 10, helper `realgap`).
//
// This pass, after the loop passes (the edges it adds make loops
// irreducible, which only code generation is left to see, as it sees in
// native code), takes each switch whose block holds nothing but phis and
// the switch, on one of those phis, and each edge into that block (or into
// a chain of up to three blocks of only phis, each branching to the next
// and the last to the head: the single back edge and outer loop head
// LoopSimplify makes of the dispatcher) along which the phi's value is a
// constant: the edge is split and the new block branches straight to the
// case's successor; the values the bypassed blocks' phis would have had
// along it are passed on by SSAUpdater. No code is copied: the head and its
// switch stay for the edges whose label is not constant (a select, the
// entry).
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class ConstantDispatchPass : public llvm::PassInfoMixin<ConstantDispatchPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
