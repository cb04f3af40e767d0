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

// The same into `module`, telling `stream` of each core function body as it
// is translated (a very large program, handed on a partition at a time:
// PartitionStream.h); the stream may delete the bodies it is told of.
absl::Status EmitProgram(llvm::Module& module, const component::InstantiationPlan& plan,
                         const lower::TranslateOptions& options, lower::BodyObserver& stream);

// What wacc_main starts, chosen from the plan's exports: a preview1
// module's _start; a wasi:cli/run export (0.3's over 0.2's, as Wasmtime);
// a wasi:http server (a 0.3 wasi:http/handler even beside run, as `wasmtime
// serve` serves it; a 0.2 incoming-handler only without run); or nothing.
struct ProgramEntry {
  enum class Kind { Preview1Start, Run, HttpServer, AsyncHttpServer, None };
  Kind kind = Kind::None;
  const component::PlannedExport* exported = nullptr;  // run's or handle's
  bool servesHttp() const { return kind == Kind::HttpServer || kind == Kind::AsyncHttpServer; }
};
ProgramEntry SelectProgramEntry(const component::InstantiationPlan& plan);

// For a driver that calls a component's exports itself (wacc-wast): the
// program without wacc_main, and what the driver needs to call it.
struct ExportCallers {
  // void(): creates every core instance, in plan order.
  llvm::Function* instantiate = nullptr;
  // The driver's own linear memory (a struct wacc_memory the driver
  // initialises with wacc_rt_memory_init) and the i32 offset in it where
  // its realloc allocates next (bumping, never freeing).
  llvm::GlobalVariable* memory = nullptr;
  llvm::GlobalVariable* top = nullptr;
  // Per plan.exports: void(i32 argsAddress, i32 resultAddress) calling the
  // export with the tuple of parameters at argsAddress and storing its
  // result at resultAddress, both in `memory` (abi::EmitExportCall); null
  // when it cannot be called, with the reason in problems.
  std::vector<llvm::Function*> exports;
  std::vector<std::string> problems;
};

absl::StatusOr<std::unique_ptr<llvm::Module>> EmitExportCallers(llvm::LLVMContext& context,
                                                                const component::InstantiationPlan& plan,
                                                                const lower::TranslateOptions& options,
                                                                ExportCallers& callers);

}  // namespace wacc::codegen
