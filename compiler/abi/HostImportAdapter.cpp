#include "compiler/abi/Adapters.h"
#include "compiler/abi/ValueTranslator.h"
#include "wacc/Runtime.h"

namespace wacc::abi {

using Kind = ValueType::Kind;

static void AppendFlatLLVMTypes(llvm::LLVMContext& c, const std::vector<FlatType>& flat,
                                std::vector<llvm::Type*>& out) {
  for (FlatType t : flat) out.push_back(FlatLLVMType(c, t));
}

llvm::FunctionType* LoweredCoreType(llvm::LLVMContext& c, const FuncSignature& sig) {
  CoreSignature core = LowerSignature(sig);
  std::vector<llvm::Type*> params;
  AppendFlatLLVMTypes(c, core.params, params);
  llvm::Type* result = core.results.empty() ? llvm::Type::getVoidTy(c) : FlatLLVMType(c, core.results[0]);
  return llvm::FunctionType::get(result, params, false);
}

llvm::FunctionType* HostFunctionType(llvm::LLVMContext& c, const FuncSignature& sig) {
  std::vector<llvm::Type*> params;
  for (const auto& p : sig.params) AppendFlatLLVMTypes(c, Flatten(p.type, Side::Host), params);
  if (sig.result) params.push_back(llvm::PointerType::getUnqual(c));
  // An async function returns 0 or the host subtask it started (Async.h).
  llvm::Type* result = sig.isAsync ? llvm::Type::getInt32Ty(c) : llvm::Type::getVoidTy(c);
  return llvm::FunctionType::get(result, params, false);
}

namespace {

// Whether the adapter builds host-side slot arrays or transcodes strings
// (and must release the scratch memory that takes).
bool UsesScratch(const FuncSignature& sig, binary::StringEncoding encoding) {
  bool uses = false;
  bool transcodes = encoding != binary::StringEncoding::Utf8;
  auto visit = [&](TypeRef t) {
    uses |= t->kind == Kind::List && !IsPlainData(t->element);
    uses |= transcodes && t->kind == Kind::Primitive && t->prim == component::PrimValType::String;
  };
  for (const auto& p : sig.params) ForEachNestedType(p.type, visit);
  if (sig.result) ForEachNestedType(sig.result, visit);
  return uses;
}

}  // namespace

absl::Status CheckHostAdapterSupported(const FuncSignature& sig, const AdapterContext& ctx) {
  CoreSignature core = LowerSignature(sig);
  bool needsMemory = core.paramsSpilled || core.resultsSpilled;
  bool needsRealloc = false;
  for (const auto& p : sig.params) ForEachNestedType(p.type, [&](TypeRef t) { needsMemory |= IsListLike(t); });
  if (sig.result)
    ForEachNestedType(sig.result, [&](TypeRef t) {
      needsMemory |= IsListLike(t);
      needsRealloc |= IsListLike(t);
    });
  if (needsMemory && !ctx.memory) return absl::InvalidArgumentError("canon lower needs a `memory` option");
  if (needsRealloc && !ctx.realloc) return absl::InvalidArgumentError("canon lower needs a `realloc` option");
  return absl::OkStatus();
}

void EmitHostImportAdapter(AdapterContext& ctx, const FuncSignature& sig, llvm::Function* adapter,
                           llvm::FunctionCallee host) {
  auto& c = adapter->getContext();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", adapter));
  CoreSignature core = LowerSignature(sig);

  std::vector<llvm::Value*> guestArgs;
  for (llvm::Argument& a : adapter->args()) guestArgs.push_back(&a);
  llvm::Value* retptr = nullptr;
  if (core.resultsSpilled) {
    retptr = guestArgs.back();
    guestArgs.pop_back();
  }

  // Guest arguments -> host arguments.
  std::vector<FlatType> hostParamTypes;
  for (const auto& p : sig.params) Flatten(p.type, Side::Host, hostParamTypes);
  SlotSink hostArgs(b, hostParamTypes);
  ValueTranslator lift(ctx, b, Direction::GuestToHost);
  lift.checkMayLeave();
  // A lend is observable during a host call only when the same call also
  // takes an own handle (the host never calls back into the guest), so the
  // common borrow-only calls keep their single handle lookup.
  bool takesOwn = false;
  for (const auto& p : sig.params) ForEachNestedType(p.type, [&](TypeRef t) { takesOwn |= t->kind == Kind::Own; });
  if (takesOwn) lift.beginLendScope();
  if (core.paramsSpilled) {
    // More than 16 flat parameters: the guest stored them as a tuple.
    component::TypeArena arena;
    ValueType tuple;
    tuple.kind = Kind::Tuple;
    for (const auto& p : sig.params) tuple.fields.push_back({"", p.type});
    TypeRef tupleType = arena.intern(std::move(tuple));
    MemoryLayout l = LayoutOf(tupleType);
    lift.checkRange(guestArgs[0], b.getInt64(l.size), l.align);
    lift.load(tupleType, guestArgs[0], hostArgs);
  } else {
    auto src = MakeValueSource(guestArgs);
    for (const auto& p : sig.params) lift.translate(p.type, *src, hostArgs);
  }

  std::vector<llvm::Value*> callArgs = hostArgs.load(b);
  llvm::Value* results = nullptr;
  std::vector<FlatType> hostResultTypes;
  if (sig.result) {
    hostResultTypes = Flatten(sig.result, Side::Host);
    llvm::IRBuilder<> entry(&adapter->getEntryBlock(), adapter->getEntryBlock().begin());
    results = entry.CreateAlloca(llvm::ArrayType::get(b.getInt64Ty(), std::max<size_t>(1, hostResultTypes.size())));
    callArgs.push_back(results);
  }
  b.CreateCall(host, callArgs);
  lift.endLendScope();
  bool usesScratch = UsesScratch(sig, ctx.stringEncoding);
  auto releaseScratch = [&] {
    if (usesScratch) b.CreateCall(ctx.program.runtime().scratchReset(), {});
  };
  if (!sig.result) {
    releaseScratch();
    b.CreateRetVoid();
    return;
  }

  // Host results -> guest results.
  ValueTranslator lower(ctx, b, Direction::HostToGuest);
  auto resultSrc = MakeHostResultsSource(results, hostResultTypes.size());
  if (core.resultsSpilled) {
    MemoryLayout l = LayoutOf(sig.result);
    lower.checkRange(retptr, b.getInt64(l.size), l.align);
    lower.store(sig.result, *resultSrc, retptr);
    releaseScratch();
    b.CreateRetVoid();
    return;
  }
  SlotSink guestResult(b, core.results);
  lower.translate(sig.result, *resultSrc, guestResult);
  releaseScratch();
  b.CreateRet(guestResult.load(b)[0]);
}

// --- Resource built-ins ----------------------------------------------------------

void EmitResourceNew(AdapterContext& ctx, component::ResourceId resource, llvm::Function* adapter) {
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(adapter->getContext(), "entry", adapter));
  ValueTranslator(ctx, b, Direction::GuestToHost).checkMayLeave();  // not from a post-return function
  llvm::Value* rep = adapter->getArg(0);
  b.CreateRet(
      b.CreateCall(ctx.program.runtime().handleNew(), {ctx.handleTable, b.getInt32(resource), rep, b.getInt32(1)}));
}

void EmitResourceRep(AdapterContext& ctx, component::ResourceId resource, llvm::Function* adapter) {
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(adapter->getContext(), "entry", adapter));
  b.CreateRet(
      b.CreateCall(ctx.program.runtime().handleRep(), {ctx.handleTable, adapter->getArg(0), b.getInt32(resource)}));
}

void EmitResourceDrop(AdapterContext& ctx, component::ResourceId resource, llvm::Function* adapter,
                      llvm::FunctionCallee destructor) {
  auto& c = adapter->getContext();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", adapter));
  llvm::AllocaInst* rep = b.CreateAlloca(b.getInt32Ty());
  ValueTranslator(ctx, b, Direction::GuestToHost).checkMayLeave();  // not from a post-return function
  llvm::Value* wasOwn = b.CreateCall(ctx.program.runtime().handleDrop(),
                                     {ctx.handleTable, adapter->getArg(0), b.getInt32(resource), rep});
  if (!destructor) {
    b.CreateRetVoid();
    return;
  }
  llvm::BasicBlock* destroy = llvm::BasicBlock::Create(c, "destroy", adapter);
  llvm::BasicBlock* done = llvm::BasicBlock::Create(c, "done", adapter);
  b.CreateCondBr(b.CreateICmpNE(wasOwn, b.getInt32(0)), destroy, done);
  b.SetInsertPoint(destroy);
  b.CreateCall(destructor, {b.CreateLoad(b.getInt32Ty(), rep)});
  b.CreateBr(done);
  b.SetInsertPoint(done);
  b.CreateRetVoid();
}

// --- The exported run function ----------------------------------------------------

llvm::Value* EmitRunExportCall(AdapterContext& ctx, llvm::IRBuilder<>& b, llvm::Function* coreRun) {
  b.CreateStore(b.getInt8(0), ctx.mayEnter);
  llvm::Value* flat = b.CreateCall(coreRun, {});
  b.CreateStore(b.getInt8(1), ctx.mayEnter);
  // result (no payloads) lifts from one i32 discriminant: 0 ok, 1 err.
  llvm::Function* f = b.GetInsertBlock()->getParent();
  auto& c = b.getContext();
  llvm::BasicBlock* bad = llvm::BasicBlock::Create(c, "bad.result", f);
  llvm::BasicBlock* good = llvm::BasicBlock::Create(c, "result", f);
  b.CreateCondBr(b.CreateICmpUGT(flat, b.getInt32(1)), bad, good);
  b.SetInsertPoint(bad);
  ctx.program.runtime().emitTrap(b, WACC_TRAP_INVALID_DISCRIMINANT, ctx.program.runtime().cString(ctx.debugName));
  b.SetInsertPoint(good);
  if (ctx.postReturn) CallWithoutLeaving(b, ctx, ctx.postReturn, {flat});
  return flat;
}

absl::Status CheckHostExportCallSupported(const FuncSignature& sig) {
  CoreSignature core = LowerSignature(sig);
  if (sig.result || core.paramsSpilled)
    return absl::UnimplementedError("a host call of an export with results or more than 16 flat parameters");
  for (const auto& p : sig.params) {
    bool plain = true;
    ForEachNestedType(p.type, [&](TypeRef t) { plain &= !IsListLike(t) && t->kind != Kind::Borrow; });
    if (!plain) return absl::UnimplementedError("a host call of an export taking strings, lists or borrows");
  }
  return absl::OkStatus();
}

void EmitHostExportCall(AdapterContext& ctx, const FuncSignature& sig, llvm::Function* fn, llvm::Function* calleeCore) {
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(fn->getContext(), "entry", fn));
  std::vector<llvm::Value*> hostArgs;
  for (llvm::Argument& a : fn->args()) hostArgs.push_back(&a);
  auto src = MakeValueSource(hostArgs);
  SlotSink guestArgs(b, LowerSignature(sig).params);
  ValueTranslator lower(ctx, b, Direction::HostToGuest);
  for (const auto& p : sig.params) lower.translate(p.type, *src, guestArgs);
  b.CreateStore(b.getInt8(0), ctx.mayEnter);
  b.CreateCall(calleeCore, guestArgs.load(b));
  b.CreateStore(b.getInt8(1), ctx.mayEnter);
  if (ctx.postReturn) CallWithoutLeaving(b, ctx, ctx.postReturn, {});
  b.CreateRetVoid();
}

}  // namespace wacc::abi
