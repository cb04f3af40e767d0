// LLVM's optimisation pipeline, as wacc runs it over a whole program (or a
// partition of one).
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

// Runs the default module pipeline for `optLevel` (0..3), with wacc's own
// passes at their extension points.
void OptimizeModule(llvm::Module& module, llvm::TargetMachine& machine, int optLevel);

// Runs the module pass pipeline `build` makes, with every analysis LLVM
// registers for `machine` available to it.
void RunModulePasses(llvm::Module& module, llvm::TargetMachine& machine,
                     llvm::function_ref<llvm::ModulePassManager(llvm::PassBuilder&)> build);

}  // namespace wacc::codegen
