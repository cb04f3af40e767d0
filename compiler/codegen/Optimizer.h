// LLVM's optimisation pipeline, as wacc runs it over a whole program.
#pragma once

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

// Runs the default module pipeline for `optLevel` (0..3).
void OptimizeModule(llvm::Module& module, llvm::TargetMachine& machine, int optLevel);

}  // namespace wacc::codegen
