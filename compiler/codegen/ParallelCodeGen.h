// Code generation of one large module on several cores: the module is split
// into partitions (llvm::SplitModule), each is moved into its own
// LLVMContext through bitcode (contexts are not thread-safe), and each
// thread runs its own TargetMachine. The objects are linked together.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "compiler/codegen/Target.h"
#include "llvm/IR/Module.h"

namespace wacc::codegen {

// How many partitions `module` is worth splitting into on this machine: 1
// for small programs, where threads cost more than they save.
unsigned CodeGenPartitions(const llvm::Module& module);

// Writes one object per path in `objectPaths` (its size is the number of
// partitions); `module` is consumed (partitions are carved out of it).
absl::Status EmitObjectsInParallel(llvm::Module& module, const TargetInfo& target, int optLevel,
                                   const std::string& cpu, const std::vector<std::string>& objectPaths);

}  // namespace wacc::codegen
