// Cutting one program module into partitions that are optimised and
// compiled on separate threads (each in its own LLVMContext).
//
// Functions are cut into contiguous runs of the module order (wasm function
// order, which keeps a source file's functions together) of about equal
// size. A symbol used across partitions becomes a hidden global; small
// functions called from another partition are also given to it as
// `available_externally` copies, so the inliner still sees them; small
// constant data without references is copied into every partition that uses
// it, so its loads still fold.
#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

namespace wacc::codegen {

struct ModulePartition {
  absl::flat_hash_set<std::string> defined;   // bodies and initializers compiled here
  absl::flat_hash_set<std::string> imported;  // bodies kept only for inlining
  // Local symbols that other partitions use, given hidden external linkage
  // when the partition is loaded (a PartitionStream's partitions, written
  // before that was known; PartitionModule changes the module instead).
  absl::flat_hash_set<std::string> externalized;
};

// Functions up to this many (unoptimised) instructions are copied into the
// partitions that call them; larger ones would rarely be inlined anyway.
constexpr size_t kImportedFunctionLimit = 80;

using GlobalSet = absl::flat_hash_set<const llvm::GlobalValue*>;

// Adds the globals the body of `f` refers to (through constant expressions,
// aggregates).
void CollectGlobals(const llvm::Function& f, GlobalSet& out);
void CollectGlobals(const llvm::Constant* c, GlobalSet& out);

// Small constant data without references, copied into every partition that
// uses it (so its loads still fold) rather than shared.
bool IsCopiedConstant(const llvm::GlobalVariable& g);

// Gives `g` hidden external linkage if it is local.
void Externalize(llvm::GlobalValue& g);

// Assigns every definition of `module` to one of `count` partitions and
// gives the symbols that cross partitions hidden external linkage (in
// `module`, before it is written out for the partition threads).
// `importForInlining` is on at -O2 and -O3, where the inliner runs.
std::vector<ModulePartition> PartitionModule(llvm::Module& module, unsigned count, bool importForInlining);

// Turns `part`, the partitioned module itself or a (lazily loaded) copy of
// it, into partition `p`: `p.externalized` symbols external, other
// partitions' bodies and initializers declarations, imported bodies
// `available_externally`.
llvm::Error SelectPartition(llvm::Module& part, const ModulePartition& p);

}  // namespace wacc::codegen
