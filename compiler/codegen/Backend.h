// The back end of a compilation: LLVM's optimisation pipeline, the tables
// the runtime reads (function names, capabilities) and machine code, for a
// whole program module.
//
// A large program is cut into partitions (ModulePartitioner.h) that are
// optimised and compiled by a few worker threads, each partition in its own
// LLVMContext (contexts are not thread-safe): the module is written to
// bitcode once and every partition is loaded from it lazily, materialising
// only its own functions. Partitions and threads are separate numbers: the
// partitions decide the code (cross-partition calls are not inlined), the
// threads only how many partitions are in memory and compiled at once. A
// very large program gets more partitions than threads so that no one
// partition's IR and machine code has to fit in memory beside the others,
// and one of more than 2 MiB of wasm code is not even translated as one
// module: PartitionStream.h cuts it into partitions while it is translated
// (CompilePartitions compiles those).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "compiler/codegen/CapabilityTable.h"
#include "compiler/codegen/MachineCode.h"
#include "compiler/codegen/PartitionStream.h"
#include "compiler/codegen/Target.h"
#include "llvm/IR/Module.h"

namespace wacc::codegen {

struct BackendOptions {
  TargetInfo target;
  int optLevel = 2;
  std::string cpu;
  Capabilities capabilities;
  unsigned jobs = 0;  // threads compiling partitions at once; 0: one per core
};

// The worker threads `options` asks for (--jobs), or one per core.
unsigned BackendThreads(const BackendOptions& options);

// How many partitions `module` (unoptimised) is worth cutting into for
// `threads` threads: 1 for small programs, where threads cost more than they
// save; more than `threads` for very large ones, to bound memory.
unsigned BackendPartitions(const llvm::Module& module, unsigned threads);

// Optimises `module` and adds the runtime's tables, in place; for
// --emit=llvm/asm/obj, which want one module. Returns the target machine
// it used, to emit the module with.
absl::StatusOr<std::unique_ptr<llvm::TargetMachine>> OptimizeWhole(llvm::Module& module, const BackendOptions& options);

// Optimises and compiles `module` into one object per path of `objectPaths`
// (as many as BackendPartitions said), on BackendThreads(options) threads.
// With more than one partition `module` is used up: once its bitcode is
// written it becomes the first partition.
absl::Status CompileToObjects(llvm::Module& module, const BackendOptions& options,
                              const std::vector<std::string>& objectPaths);

// Unoptimised IR instructions per partition for a program of `codeBytes`
// bytes of wasm code (over all core instances) to be translated a partition
// at a time (PartitionStream.h) at `optLevel`, or 0 when it is better
// translated as one module and partitioned then (CompileToObjects).
size_t StreamedPartitionInstructions(uint64_t codeBytes, int optLevel);

class CompileJobs;  // Backend.cpp

// Optimises and compiles a PartitionStream's partitions into objects as
// they are handed to it, on BackendThreads(options) threads: start()
// starts all but one of them (for partitions handed on while the program is
// still translated, on the one left), finish() has the caller's thread join
// them (and starts them, if start() was not called). Each partition's
// bitcode is freed once compiled. Partitions are compiled independently, so
// the objects do not depend on the threads or their order.
class PartitionCompiler {
 public:
  explicit PartitionCompiler(const BackendOptions& options);
  ~PartitionCompiler();  // stops the workers, leaving what they have not begun
  PartitionCompiler(const PartitionCompiler&) = delete;
  PartitionCompiler& operator=(const PartitionCompiler&) = delete;

  void start();
  // The first partition added is the program's first, which holds the
  // capability table.
  void add(PartitionBitcode partition, std::string objectPath);
  // Once every partition is added: compiles what is left, waits for the
  // workers; the first partition's error, in order, if any.
  absl::Status finish();

  size_t partitionCount() const;
  // The threads that compiled: BackendThreads(options), or fewer partitions.
  unsigned threadCount() const;

 private:
  BackendOptions options_;
  std::unique_ptr<CompileJobs> jobs_;
};

}  // namespace wacc::codegen
