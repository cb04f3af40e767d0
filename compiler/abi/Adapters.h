// Code generation for the functions `canon` definitions synthesise.
#pragma once

#include "absl/status/status.h"
#include "compiler/abi/AdapterContext.h"
#include "llvm/IR/Function.h"

namespace wacc::abi {

// The core function type a guest sees for a lowered function.
llvm::FunctionType* LoweredCoreType(llvm::LLVMContext& context, const FuncSignature& sig);

// The C type of the runtime's host function implementing `sig`
// (runtime-support/include/wacc/Runtime.h: host-flattened parameters, then a
// `uint64_t* results` when there is a result).
llvm::FunctionType* HostFunctionType(llvm::LLVMContext& context, const FuncSignature& sig);

// Whether an adapter between a guest with these options and the host can be
// generated for `sig`; the message says what is missing otherwise.
absl::Status CheckHostAdapterSupported(const FuncSignature& sig, const AdapterContext& ctx);

// canon lower of a host function: fills `adapter` (declared with
// LoweredCoreType) with lifting the guest's arguments, calling `host`, and
// lowering its results back into the guest.
void EmitHostImportAdapter(AdapterContext& ctx, const FuncSignature& sig, llvm::Function* adapter,
                           llvm::FunctionCallee host);

// canon lower of a function that another component lifted: one fused
// adapter (CanonicalABI.md allows an AOT compiler to fuse lift and lower)
// that lifts the caller's arguments, lowers them into the callee, calls
// `calleeCore`, carries the results back and runs the callee's post-return.
// Values travel through the host representation in between, so the same
// type-directed code serves host calls and component-to-component calls.
absl::Status CheckFusedAdapterSupported(const FuncSignature& sig, const AdapterContext& caller,
                                        const AdapterContext& callee);
void EmitFusedAdapter(AdapterContext& caller, AdapterContext& callee, const FuncSignature& sig, llvm::Function* adapter,
                      llvm::Function* calleeCore);

// canon resource.new / resource.rep / resource.drop for resource `resource`
// in ctx.handleTable. `destructor`, for drop, runs on the rep when an own
// handle is dropped: the guest's dtor or the host's [resource-drop] function
// (both void(i32)); may be null.
void EmitResourceNew(AdapterContext& ctx, component::ResourceId resource, llvm::Function* adapter);
void EmitResourceRep(AdapterContext& ctx, component::ResourceId resource, llvm::Function* adapter);
void EmitResourceDrop(AdapterContext& ctx, component::ResourceId resource, llvm::Function* adapter,
                      llvm::FunctionCallee destructor);

// A call of a lifted export by a driver that keeps its values in a linear
// memory of its own (`caller`: memory and realloc, as a guest lowering the
// export would have): fills `fn`, void(i32 argsAddress, i32 resultAddress),
// with loading the parameters as a tuple from the caller's memory at
// argsAddress, lowering them into the callee, calling `calleeCore`, storing
// the result at resultAddress (strings and lists copied into the caller's
// memory through its realloc) and running the callee's post-return. The
// wast runner (compiler/wast) calls exports this way.
void EmitExportCall(AdapterContext& caller, AdapterContext& callee, const FuncSignature& sig, llvm::Function* fn,
                    llvm::Function* calleeCore);

// Calls the lifted `wasi:cli/run#run` (func() -> result) from the host and
// returns the process exit status as an i32 value (0 for ok, 1 for err).
llvm::Value* EmitRunExportCall(AdapterContext& ctx, llvm::IRBuilder<>& b, llvm::Function* coreRun);

}  // namespace wacc::abi
