// Threaded dispatch for interpreters. An interpreter written with computed
// goto (QuickJS, CPython, many bytecode VMs: `goto *labels[*pc++]` at the end
// of every handler) compiles natively to one indirect jump per handler, each
// predicted on its own. WebAssembly has no computed goto: clang's wasm
// backend numbers the labels and turns every `goto *` into a branch to one
// shared `br_table`, and a switch-based interpreter is one `br_table` to
// begin with. wacc translates that to an LLVM `switch`, which becomes one
// jump table whose single `jmp *table(,%rax,8)` all handlers go back to:
// an extra jump per bytecode, and one branch-predictor entry for all of them.
// LLVM's tail duplicator would copy the dispatch into every handler, but
// before register allocation it refuses blocks with more than 16
// predecessors and successors when phis are involved (the loop's locals
// always are), and after it allows only 2 instructions unless the block is a
// computed goto (every successor address-taken), where it allows 10.
//
// This pass turns such a switch into what clang makes of computed goto: an
// `indirectbr` through a constant table of block addresses. Values past the
// table go to the default by a branch before the table is read (out-of-range
// and missing values reach the default, so the semantics are the
// br_table's): a predicted branch, off the chain label load -> table load ->
// jump that a clamp of the index (umin: cmp, cmov) would lengthen on every
// dispatch. After register allocation CheckedDispatchTails.h copies the
// check and the jump into each handler, as the tail duplicator does for
// native computed goto's one block.
//
// Which switches: in a loop (executed again and again), with at least
// kMinTargets distinct destinations (a dispatch, not a small state machine),
// values dense enough for a table (as a jump table would need anyway), and
// the computed-goto shape: the value is a label number loaded from a table
// at a constant address, indexed by a scaled opcode (`labels[*pc]`). A
// switch on the bytecode's byte itself (SQLite, PCRE2) is left alone: native
// code has one jump table there too, and threading SQLite's cost 8.6% more
// instructions in its interpreter (bench/NOTES.md, session 8).
// It runs at the end of the IR pipeline: before it, the switch is easier to
// optimise (blocks with their address taken cannot be merged or threaded).
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class ThreadedDispatchPass : public llvm::PassInfoMixin<ThreadedDispatchPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses);
};

}  // namespace wacc::codegen
