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

// A call of a lifted export without results by the host: fills `fn`, whose
// parameters are the export's as the host flattens them (a handle is the
// host's rep), with lowering them into the callee (an own handle becomes a
// new handle in its table), calling `calleeCore` and running the callee's
// post-return. The HTTP server calls wasi:http/incoming-handler#handle so.
absl::Status CheckHostExportCallSupported(const FuncSignature& sig);
void EmitHostExportCall(AdapterContext& ctx, const FuncSignature& sig, llvm::Function* fn, llvm::Function* calleeCore);

// Calls the lifted `wasi:cli/run#run` (func() -> result) from the host and
// returns the process exit status as an i32 value (0 for ok, 1 for err).
llvm::Value* EmitRunExportCall(AdapterContext& ctx, llvm::IRBuilder<>& b, llvm::Function* coreRun);

// --- WASI 0.3: the async ABI (AsyncAdapters.cpp) ----------------------------

// The core type of an async-lowered function (CanonicalABI.md,
// flatten_functype 'lower' with `async`).
llvm::FunctionType* AsyncLoweredCoreType(llvm::LLVMContext& context, const FuncSignature& sig);
// The core type of an async built-in; `type` is its stream/future payload
// or task.return's result (may be null).
llvm::FunctionType* BuiltinCoreType(llvm::LLVMContext& context, binary::CanonBuiltin builtin, TypeRef type);
absl::Status CheckBuiltinSupported(binary::CanonBuiltin builtin, TypeRef type, const AdapterContext& ctx);
// The built-in's trampoline: its checks and a call of the runtime
// (wacc/Async.h); `immediate` is a context slot, `flag` async/cancellable
// (for stream/future read and write: their `async` option).
void EmitBuiltin(AdapterContext& ctx, binary::CanonBuiltin builtin, TypeRef type, uint32_t immediate, bool flag,
                 llvm::Function* adapter);
// The cooperative-thread built-ins (ThreadAdapters.cpp), which EmitBuiltin
// hands on: `cancellable` is their cancellation byte.
bool IsThreadBuiltin(binary::CanonBuiltin builtin);
void EmitThreadBuiltin(AdapterContext& ctx, binary::CanonBuiltin builtin, bool cancellable, llvm::Function* adapter);
// canon lower of a host function whose WIT type is `async func` (the host
// returns 0 or a host subtask), or of any host function with the `async`
// option (asyncLower: the adapter returns a packed subtask state).
void EmitAsyncHostImportAdapter(AdapterContext& ctx, const FuncSignature& sig, llvm::Function* adapter,
                                llvm::FunctionCallee host, bool asyncLower);
// canon lower of a function another component lifted, when either side is
// async: the callee runs as a task the event loop drives (through its
// callback, or on a fiber when lifted stackful); an async caller gets RETURNED or a subtask, a sync caller waits.
// With `driverCaller` the caller is a driver calling an async-lifted export
// (the wast runner): the adapter is void(i32 argsAddress, i32 resultAddress)
// as EmitExportCall's, and waits like a sync caller (the host may block).
absl::Status CheckAsyncFusedAdapterSupported(const FuncSignature& sig, const AdapterContext& caller,
                                             const AdapterContext& callee, bool callerAsync, bool calleeAsync,
                                             bool calleeCallback);
void EmitAsyncFusedAdapter(AdapterContext& caller, AdapterContext& callee, const FuncSignature& sig,
                           llvm::Function* adapter, llvm::Function* calleeCore, llvm::Function* calleeCallback,
                           bool callerAsync, bool calleeAsync, bool driverCaller = false);
// The 0.3 HTTP server's call of an async-lifted export (wasi:http/handler#
// handle): `fn` is i32(host params..., ptr task) and starts the callee's
// task with the host's arguments lowered into it (own handles of host
// resources become its handles), writes the task's id to *task and returns
// wacc_rt_task_start's state: 0 pending, 1 returned and exited (the caller
// reads wacc_rt_task_results, then calls wacc_rt_task_end), 2 returned and
// still running. The runtime learns of a later task.return through
// wacc_rt::TaskOnReturn (core/AsyncHost.h).
absl::Status CheckAsyncHostExportStartSupported(const FuncSignature& sig);
void EmitAsyncHostExportStart(AdapterContext& callee, const FuncSignature& sig, llvm::Function* fn,
                              llvm::Function* calleeCore, llvm::Function* calleeCallback);
// Runs an async-lifted `wasi:cli/run#run` as a task (with its callback,
// when lifted with one) and returns the exit status, as EmitRunExportCall.
llvm::Value* EmitAsyncRunExportCall(AdapterContext& ctx, llvm::IRBuilder<>& b, llvm::Function* coreRun,
                                    llvm::Function* callback);

}  // namespace wacc::abi
