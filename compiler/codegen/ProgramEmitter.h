// Builds the LLVM module of a whole program from an instantiation plan:
// every core instance translated in plan order, one adapter per trampoline,
// a handle table per component instance, and `wacc_main`.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "compiler/component/InstantiationPlan.h"
#include "compiler/lower/ProgramContext.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

namespace wacc::codegen {

absl::StatusOr<std::unique_ptr<llvm::Module>> EmitProgram(llvm::LLVMContext& context,
                                                          const component::InstantiationPlan& plan,
                                                          const lower::TranslateOptions& options);

}  // namespace wacc::codegen
