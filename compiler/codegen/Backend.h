// The back end of a compilation: LLVM's optimisation pipeline, the tables
// the runtime reads (function names, capabilities) and machine code, for a
// whole program module.
//
// A large program is cut into partitions (ModulePartitioner.h) that are
// optimised and compiled on their own threads, each in its own LLVMContext
// (contexts are not thread-safe): the module is written to bitcode once and
// every thread loads it lazily, materialising only its own functions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "compiler/codegen/CapabilityTable.h"
#include "compiler/codegen/MachineCode.h"
#include "compiler/codegen/Target.h"
#include "llvm/IR/Module.h"

namespace wacc::codegen {

struct BackendOptions {
  TargetInfo target;
  int optLevel = 2;
  std::string cpu;
  Capabilities capabilities;
};

// How many partitions `module` (unoptimised) is worth cutting into on this
// machine: 1 for small programs, where threads cost more than they save.
unsigned BackendPartitions(const llvm::Module& module);

// Optimises `module` and adds the runtime's tables, in place; for
// --emit=llvm/asm/obj, which want one module. Returns the target machine
// it used, to emit the module with.
absl::StatusOr<std::unique_ptr<llvm::TargetMachine>> OptimizeWhole(llvm::Module& module, const BackendOptions& options);

// Optimises and compiles `module` into one object per path of `objectPaths`
// (as many as BackendPartitions said); `module` is left partitioned.
absl::Status CompileToObjects(llvm::Module& module, const BackendOptions& options,
                              const std::vector<std::string>& objectPaths);

}  // namespace wacc::codegen
