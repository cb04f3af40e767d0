// Shadow frames published only where something can see them. C compiled to
// wasm keeps its stack pointer in a mutable global (`__stack_pointer`); a
// function with a frame loads it, subtracts its frame size and stores the
// result back on entry, and stores the old value back before each return.
// Small functions do that on every call even when only a rare path needs the
// global to hold the new value (a call that reads it): SQLite's
// vdbeRecordCompareString publishes 32 bytes used only around one
// sqlite3GetVarint call. LLVM removes both stores when nothing between them
// can read the global (leaf functions), but not when a call on some path can.
//
// This pass moves the entry store `store %new, @g` (after `%old = load @g`,
// the function's first access of @g) to where the global is observed, for any
// global whose every use is a plain load or store of it (wasm globals have no
// address, so only code that names the global reaches it; anything else is a
// call). A forward data flow tracks, at each point, what the original program
// held in @g and what the transformed one holds:
//   pending  original %new, ours %old (nothing has observed the global yet);
//   fresh    both %new;
//   mixed    original %new, ours %old or %new (paths of both kinds meet);
//   synced   both the same, whatever it is.
// Observers are calls that may reach the global (a callee that names it,
// transitively, or anything unknown: indirect calls, imports, the runtime),
// and returns not preceded by the restore. Before an observer in a pending
// or mixed state the pass stores %new; where pending or mixed paths meet a
// synced one, it stores %new on the pending edges. Loads of @g where the
// original holds %new become %new. The restore `store %old, @g` before a
// return is dropped where the path is still pending (the global already holds
// %old), and moved onto the incoming edges that are not, when they differ.
// After a call the state is fresh if the callee preserves the global (it
// restores the value it loaded on entry before every return, or it stores
// nothing to it and calls only such functions), synced otherwise.
//
// Loops: a store before an observer in a loop would run on every iteration
// where the entry store ran once, so a loop with an observer that can return
// is entered synced (its entry edges get the store) and nothing is inserted
// inside it. The change is kept only if the static block frequencies of the
// stores it executes (inserted ones and kept restores) are below those of the
// entry store and the restores it replaces.
//
// Traps: a path that traps before reaching an observer leaves @g holding %old
// where the original held %new. That is sound because a trap ends the
// instance (the process, or wasi:http's per-request snapshot restore; the
// p3 server never calls a trapped instance again); LLVM's dead-store
// elimination already makes the same assumption for globals and memory
// (a store overwritten after a possibly trapping load is deleted), which the
// spec-test harnesses, the one place execution continues after a trap, do
// not test.
#pragma once

#include "llvm/IR/PassManager.h"

namespace wacc::codegen {

class ShadowFrameSinkingPass : public llvm::PassInfoMixin<ShadowFrameSinkingPass> {
 public:
  llvm::PreservedAnalyses run(llvm::Module& module, llvm::ModuleAnalysisManager& analyses);
};

}  // namespace wacc::codegen
