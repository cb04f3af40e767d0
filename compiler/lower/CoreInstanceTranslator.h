// Translates one core instance (a core module plus how its imports are
// satisfied) into LLVM functions and globals of the program's llvm::Module.
//
// Everything is internal linkage; the caller marks what must be visible.
// Function names are `symbolPrefix` + the name-section name (or "func<N>"),
// e.g. "i3.run"; other symbols are `symbolPrefix` + "memory0", "table0",
// "global2", "data1", "elem0", "instantiate".
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/lower/ProgramContext.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"

namespace wacc::lower {

// How one import of the module is satisfied (one per CoreModule::imports
// entry, same order).
struct CoreImportBinding {
  binary::ExternalKind kind = binary::ExternalKind::Func;
  llvm::Function* func = nullptr;          // Func: a function with ctx.functionType(import's type)
  llvm::GlobalVariable* memory = nullptr;  // Memory: a struct wacc_memory global
  llvm::GlobalVariable* table = nullptr;   // Table: a ctx.tableType() global
  llvm::GlobalVariable* global = nullptr;  // Global: a cell of ctx.valType(type)
};

// Everything of one instance, in the module's own index spaces (imports
// included).
struct CoreInstanceSymbols {
  std::vector<llvm::Function*> funcs;
  std::vector<llvm::GlobalVariable*> memories, tables, globals;
  // void(): initialises memories, globals, then runs the active element and
  // data segments in order (trapping on out of bounds like the spec), then
  // the start function.
  llvm::Function* instantiate = nullptr;
};

// What every generated function gets before optimisation, so that each wasm
// `call` stays a call: unbounded recursion must exhaust the stack (and trap,
// as the spec's tests expect), not become a loop through LLVM's tail call
// elimination. A tail body (TailCalls.cpp) is the exception: its tail calls
// must become jumps, and its other calls are marked `notail` instead.
void KeepCallsOnStack(llvm::Function& f);

absl::StatusOr<CoreInstanceSymbols> TranslateCoreInstance(ProgramContext& ctx, const binary::CoreModule& module,
                                                          std::string_view symbolPrefix,
                                                          const std::vector<CoreImportBinding>& imports);

}  // namespace wacc::lower
