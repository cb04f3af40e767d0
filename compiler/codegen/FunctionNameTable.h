// The table that lets the runtime name the wasm function a faulting
// instruction belongs to (section `wacc_function_names`, see wacc/Runtime.h).
//
// Addresses are only known after linking, so the table is data that
// references each function's symbol, built after optimisation (so inlined
// and deleted functions are not kept alive by it). Each object file (one per
// code generation partition) contributes its own entries to the section; the
// linker concatenates them. All generated functions go into one section,
// `wacc_code`, whose linker-made bounds tell the runtime whether an address
// is generated code at all.
#pragma once

#include <string>
#include <string_view>

#include "compiler/binary/CoreModule.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

namespace wacc::codegen {

// Records that `f` is the code of the wasm function called `name`
// (binary::CoreModule::displayName).
void SetWasmFunctionName(llvm::Function& f, std::string_view name);

// Run after optimisation, before emitting machine code: moves every defined
// function into `wacc_code` and adds an entry for each to
// `wacc_function_names`, with the names given by SetWasmFunctionName (null
// for the others).
void AddFunctionNameTable(llvm::Module& module);

}  // namespace wacc::codegen
