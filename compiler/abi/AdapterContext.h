// What an adapter needs to know about the program around it: the linear
// memory, realloc and handle table its canonical options name, already
// materialised as LLVM objects by code generation.
#pragma once

#include <string>
#include <vector>

#include "compiler/abi/CanonicalLayout.h"
#include "compiler/lower/ProgramContext.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"

namespace wacc::abi {

struct AdapterContext {
  lower::ProgramContext& program;
  const std::vector<component::ResourceInfo>& resources;
  llvm::GlobalVariable* memory = nullptr;       // a struct wacc_memory, if the options name one
  llvm::Function* realloc = nullptr;            // the guest's realloc, if any
  llvm::Function* postReturn = nullptr;         // lifted functions only
  llvm::GlobalVariable* handleTable = nullptr;  // of the component instance the adapter belongs to
  llvm::GlobalVariable* table = nullptr;        // thread.new-indirect: its core table (a wasm table)
  binary::StringEncoding stringEncoding = binary::StringEncoding::Utf8;
  component::ComponentInstanceIndex componentInstance{};  // the plan's component instance of this side
  // An i8 that is 0 while the host's call into the instance runs, and stays
  // 0 after a trap: a later call from the host traps "cannot enter
  // component instance" (the instance is poisoned, as Wasmtime's store is).
  // Calls between components do not look at it: component-model#705 removed
  // the may_enter trap on reentrance.
  llvm::GlobalVariable* mayEnter = nullptr;
  // An i8 that is 0 while the instance runs its realloc or post-return,
  // which must not call out of the instance (may_leave).
  llvm::GlobalVariable* mayLeave = nullptr;
  std::string debugName{};  // for trap messages: the WIT function name
  // The program uses the async ABI (WASI 0.3): a call of a sync-lifted
  // function runs as a task of its own too, so that context.get/set and
  // Task.may_block see the callee's task, not the caller's.
  bool asyncTasks = false;
};

// The LLVM type of a flat value.
llvm::Type* FlatLLVMType(llvm::LLVMContext& context, FlatType type);

}  // namespace wacc::abi
