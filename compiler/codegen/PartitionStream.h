// A very large program translated and handed on a partition at a time, so
// that its whole IR is never in memory at once (about 190 bytes an
// unoptimised instruction: 1.4 GiB for a 9 MB JavaScript engine, more than
// all the partitions' optimisation and code generation need).
//
// ProgramEmitter tells the stream of each core function body as soon as it
// is translated (small bodies first: lower::BodyObserver). When the bodies
// told of since the last partition reach `instructionsPerPartition`, they
// become a partition: the module as it is then is written to bitcode, with a
// ModulePartition naming what that partition compiles, and their bodies are
// deleted. Small bodies (ModulePartitioner's kImportedFunctionLimit) stay
// until the end, so that later partitions can copy them for inlining as
// ModulePartitioner's partitions do. What is left once the program is
// emitted (the last bodies, the adapters, instantiation, wacc_main) is the
// last partition.
//
// A variable lives with the first partition using it, whose bitcode alone
// has its initializer (the others' have a declaration; an initializer never
// changes once created; finish() checks),
// a small constant with every user, the others with the last partition.
// Which local symbols cross partitions is only known at the end, after most
// bitcode is written: each ModulePartition's `externalized` lists them, and
// SelectPartition applies it when the partition is loaded. Until then a
// written partition's bitcode holds the other bodies as declarations (those
// still local are written as hidden external ones).
//
// So at -O2 the partitions are handed on (to the sink) once the program is
// emitted, their `externalized` complete. At -O0 and -O1 a partition is
// handed on as soon as it is cut, to be compiled while the rest of the
// program is translated: every symbol it defines and owns is external
// (hidden) then, since any later partition may use it. Their passes do not
// look at linkage (no inliner but the always-inline one, no interprocedural
// pass), so the code is the same; -O2's inlining and interprocedural passes
// do, and there only the symbols that cross partitions are made external.
#pragma once

#include <functional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/codegen/ModulePartitioner.h"
#include "compiler/lower/ProgramContext.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/IR/Module.h"

namespace wacc::codegen {

struct PartitionBitcode {
  llvm::SmallString<0> bitcode;  // the whole module when the partition was cut
  ModulePartition partition;
};

// Takes a partition whose bitcode and ModulePartition are final.
using PartitionSink = std::function<absl::Status(PartitionBitcode)>;

class PartitionStream : public lower::BodyObserver {
 public:
  // `interprocedural`: the partitions are compiled with -O2's or -O3's
  // inliner and interprocedural passes. Then small bodies are kept for later
  // partitions to copy for inlining (as PartitionModule's importForInlining)
  // and every partition goes to `sink` in finish(); otherwise (-O0, -O1)
  // each goes to it as soon as it is cut, its own symbols all external.
  PartitionStream(llvm::Module& module, size_t instructionsPerPartition, bool interprocedural, PartitionSink sink)
      : module_(module), limit_(instructionsPerPartition), interprocedural_(interprocedural), sink_(std::move(sink)) {}

  // Whether partitions reach the sink while the program is translated.
  bool handsOnAsCut() const { return !interprocedural_; }

  size_t smallBodyBytes() const override;
  absl::Status translated(llvm::Function& f, const binary::CoreModule& module, uint32_t index) override;

  // Once the program is emitted: cuts the last partition, completes every
  // partition's `externalized`, hands on what is left and drops the
  // module's bodies (the module is used up). Fails if a variable's
  // initializer changed after its partition was written.
  absl::Status finish();

  size_t partitionCount() const { return partitions_.size(); }
  // The bitcode written, over all partitions.
  size_t bitcodeBytes() const { return bitcodeBytes_; }

 private:
  // Makes `bodies` partition `partitions_.size()` (not yet written).
  void cut(const std::vector<llvm::Function*>& bodies);
  // Places the variables partition `p` refers to, and those their
  // initializers refer to, that no partition has yet (copied constants in
  // every user).
  void placeVariables(unsigned p);
  // Makes partition `p` the one defining `g` (a function, or a variable not
  // copied).
  void own(llvm::GlobalObject& g, unsigned p);
  void write(PartitionBitcode& out);

  llvm::Module& module_;
  size_t limit_;
  bool interprocedural_;
  PartitionSink sink_;
  std::vector<llvm::Function*> pending_;
  size_t pendingInstructions_ = 0;
  std::vector<PartitionBitcode> partitions_;  // those handed on are left empty
  size_t bitcodeBytes_ = 0;
  std::vector<GlobalSet> referenced_, compiled_;
  // The partition defining each function and (not copied) variable.
  absl::flat_hash_map<const llvm::GlobalValue*, unsigned> owner_;
  // Small bodies kept for inlining, and the initializers written.
  absl::flat_hash_set<const llvm::Function*> kept_;
  absl::flat_hash_map<const llvm::GlobalVariable*, const llvm::Constant*> initializers_;
};

}  // namespace wacc::codegen
