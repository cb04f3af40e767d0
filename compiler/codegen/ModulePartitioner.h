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
};

// Assigns every definition of `module` to one of `count` partitions and
// gives the symbols that cross partitions hidden external linkage (in
// `module`, before it is written out for the partition threads).
// `importForInlining` is off at -O0, where nothing is inlined.
std::vector<ModulePartition> PartitionModule(llvm::Module& module, unsigned count, bool importForInlining);

// Turns `part`, a (lazily loaded) copy of the partitioned module, into
// partition `p`: other partitions' bodies and initializers become
// declarations, imported bodies `available_externally`.
llvm::Error SelectPartition(llvm::Module& part, const ModulePartition& p);

}  // namespace wacc::codegen
