// Code generation for WASI 0.3's async canonical ABI: the built-ins
// (trampolines calling the runtime, runtime-support/include/wacc/Async.h),
// async lowers of host functions, and calling an async-lifted run export.
// Types decide everything here, as for the sync adapters: task.return lifts
// its arguments with the same ValueTranslator a host call uses, and an
// async import's results are lowered by a generated function the runtime
// calls when the SUBTASK event reaches the guest.
#include "absl/strings/str_cat.h"
#include "compiler/abi/Adapters.h"
#include "compiler/abi/ValueTranslator.h"
#include "wacc/Async.h"
#include "wacc/Runtime.h"

namespace wacc::abi {

using B = binary::CanonBuiltin;
using Kind = ValueType::Kind;
using component::PrimValType;

namespace {

constexpr size_t kMaxFlatAsyncParams = 4;

std::vector<llvm::Value*> Arguments(llvm::Function* f) {
  std::vector<llvm::Value*> args;
  for (llvm::Argument& a : f->args()) args.push_back(&a);
  return args;
}

TypeRef ParamsTuple(component::TypeArena& arena, const FuncSignature& sig) {
  ValueType tuple;
  tuple.kind = Kind::Tuple;
  for (const auto& p : sig.params) tuple.fields.push_back({"", p.type});
  return arena.intern(std::move(tuple));
}

bool IsStreamBuiltin(B b) { return b >= B::StreamNew && b <= B::StreamDropWritable; }

uint32_t EndType(B b) {
  switch (b) {
    case B::StreamRead:
    case B::StreamCancelRead:
    case B::StreamDropReadable: return WACC_HANDLE_STREAM_READABLE;
    case B::StreamWrite:
    case B::StreamCancelWrite:
    case B::StreamDropWritable: return WACC_HANDLE_STREAM_WRITABLE;
    case B::FutureRead:
    case B::FutureCancelRead:
    case B::FutureDropReadable: return WACC_HANDLE_FUTURE_READABLE;
    default: return WACC_HANDLE_FUTURE_WRITABLE;
  }
}

// void fn(uint64_t* slots, uint32_t count, uint32_t ptr): the loop both
// element movers share (wacc/Async.h, wacc_lower_elements_fn and
// wacc_lift_elements_fn); `step` translates element i between its host
// slots and its guest address, both given.
template <typename Step>
llvm::Function* ElementsFunction(llvm::Function* builtin, llvm::StringRef suffix, TypeRef element, Step step) {
  auto& c = builtin->getContext();
  llvm::Type* i32 = llvm::Type::getInt32Ty(c);
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(c), {llvm::PointerType::getUnqual(c), i32, i32}, false);
  llvm::Function* f = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                             absl::StrCat(builtin->getName().str(), suffix.str()), builtin->getParent());
  f->setDoesNotThrow();
  llvm::BasicBlock* entry = llvm::BasicBlock::Create(c, "entry", f);
  llvm::BasicBlock* loop = llvm::BasicBlock::Create(c, "loop", f);
  llvm::BasicBlock* body = llvm::BasicBlock::Create(c, "body", f);
  llvm::BasicBlock* done = llvm::BasicBlock::Create(c, "done", f);
  llvm::IRBuilder<> b(entry);
  b.CreateBr(loop);
  b.SetInsertPoint(loop);
  llvm::PHINode* i = b.CreatePHI(i32, 2);
  i->addIncoming(b.getInt32(0), entry);
  b.CreateCondBr(b.CreateICmpULT(i, f->getArg(1)), body, done);
  b.SetInsertPoint(body);
  size_t slots = Flatten(element, Side::Host).size();
  MemoryLayout l = LayoutOf(element);
  llvm::Value* hostSlots =
      b.CreateGEP(b.getInt64Ty(), f->getArg(0), b.CreateMul(b.CreateZExt(i, b.getInt64Ty()), b.getInt64(slots)));
  llvm::Value* guest = b.CreateAdd(f->getArg(2), b.CreateMul(i, b.getInt32(l.size)));
  step(b, hostSlots, slots, guest, l);
  llvm::Value* next = b.CreateAdd(i, b.getInt32(1));
  i->addIncoming(next, b.GetInsertBlock());
  b.CreateBr(loop);
  b.SetInsertPoint(done);
  b.CreateRetVoid();
  return f;
}

// The reader's half: stores `count` elements given as host slots into the
// guest at ptr, for reads of elements holding strings, lists or handles.
llvm::Function* LowerElementsFunction(AdapterContext& ctx, TypeRef element, llvm::Function* builtin) {
  return ElementsFunction(builtin, ".lower", element,
                          [&](llvm::IRBuilder<>& b, llvm::Value* src, size_t slots, llvm::Value* dst,
                              const MemoryLayout& l) {
                            ValueTranslator lower(ctx, b, Direction::HostToGuest);
                            lower.checkRange(dst, b.getInt64(l.size), l.align);
                            auto source = MakeHostResultsSource(src, slots);
                            lower.store(element, *source, dst);
                          });
}

// The key of a task's result type and the LiftOptions task.return must
// match (CanonicalABI.md: the result type, and LiftOptions.equal: the string
// encoding and the memory), for wacc_rt_task_begin's flags and
// wacc_rt_task_return (wacc/Async.h): bits 0..15 hash the type and string
// encoding (never 0), bits 16..23 the memory (0: none). A task.return
// without a memory is not held to the lift's memory: the component model's
// reference tests lift with a memory (for parameters) and return nothing
// through a task.return without one.
uint32_t ReturnKey(TypeRef result, const AdapterContext& ctx) {
  auto fnv = [](const std::string& text) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char ch : text) h = (h ^ ch) * 16777619u;
    return h;
  };
  uint32_t type =
      fnv(absl::StrCat(result ? component::TypeToString(result, &ctx.resources) : "-", "|",
                       static_cast<int>(ctx.stringEncoding))) & 0xFFFFu;
  uint32_t memory = ctx.memory ? (fnv(ctx.memory->getName().str()) & 0xFFu) : 0u;
  if (ctx.memory && memory == 0) memory = 1;
  return (type ? type : 1) | (memory << 16);
}

uint32_t TaskFlags(uint32_t flags, TypeRef result, const AdapterContext& callee) {
  return flags | (ReturnKey(result, callee) << WACC_TASK_RETURN_KEY_SHIFT);
}

// The writer's half: loads `count` elements at ptr into host slots, own
// handles and readable ends leaving this instance's table.
llvm::Function* LiftElementsFunction(AdapterContext& ctx, TypeRef element, llvm::Function* builtin) {
  return ElementsFunction(builtin, ".lift", element,
                          [&](llvm::IRBuilder<>& b, llvm::Value* dst, size_t, llvm::Value* src,
                              const MemoryLayout& l) {
                            ValueTranslator lift(ctx, b, Direction::GuestToHost);
                            lift.checkRange(src, b.getInt64(l.size), l.align);
                            HostSlotSink sink(dst);
                            lift.load(element, src, sink);
                          });
}

// CanonicalABI.md's none_or_number_type: elements a component may copy to
// itself through a stream or future.
bool IsNoneOrNumber(TypeRef type) {
  if (!type) return true;
  if (type->kind != Kind::Primitive) return false;
  switch (type->prim) {
    case PrimValType::Bool:
    case PrimValType::Char:
    case PrimValType::String:
    case PrimValType::ErrorContext: return false;
    default: return true;
  }
}

}  // namespace

llvm::FunctionType* AsyncLoweredCoreType(llvm::LLVMContext& c, const FuncSignature& sig) {
  std::vector<FlatType> flat;
  for (const auto& p : sig.params) Flatten(p.type, Side::Guest, flat);
  std::vector<llvm::Type*> params;
  if (flat.size() > kMaxFlatAsyncParams)
    params.push_back(llvm::Type::getInt32Ty(c));
  else
    for (FlatType t : flat) params.push_back(FlatLLVMType(c, t));
  if (sig.result) params.push_back(llvm::Type::getInt32Ty(c));
  return llvm::FunctionType::get(llvm::Type::getInt32Ty(c), params, false);
}

llvm::FunctionType* BuiltinCoreType(llvm::LLVMContext& c, binary::CanonBuiltin builtin, TypeRef type) {
  llvm::Type* i32 = llvm::Type::getInt32Ty(c);
  llvm::Type* v = llvm::Type::getVoidTy(c);
  auto fn = [&](llvm::Type* r, std::vector<llvm::Type*> p) { return llvm::FunctionType::get(r, p, false); };
  switch (builtin) {
    case B::TaskCancel:
    case B::BackpressureInc:
    case B::BackpressureDec: return fn(v, {});
    case B::BackpressureSet: return fn(v, {i32});
    case B::SubtaskCancel: return fn(i32, {i32});
    case B::SubtaskDrop: return fn(v, {i32});
    case B::TaskReturn: {
      std::vector<llvm::Type*> params;
      if (type) {
        std::vector<FlatType> flat = Flatten(type, Side::Guest);
        if (flat.size() > kMaxFlatParams)
          params.push_back(i32);
        else
          for (FlatType t : flat) params.push_back(FlatLLVMType(c, t));
      }
      return fn(v, params);
    }
    case B::ContextGet: return fn(i32, {});
    case B::ContextSet: return fn(v, {i32});
    case B::ThreadYield:
    case B::ThreadIndex:
    case B::ThreadSuspend: return fn(i32, {});
    case B::ThreadNewIndirect: return fn(i32, {i32, i32});
    case B::ThreadResumeLater: return fn(v, {i32});
    case B::ThreadSuspendThenResume:
    case B::ThreadYieldThenResume:
    case B::ThreadSuspendThenPromote:
    case B::ThreadYieldThenPromote: return fn(i32, {i32});
    case B::StreamNew:
    case B::FutureNew: return fn(llvm::Type::getInt64Ty(c), {});
    case B::StreamRead:
    case B::StreamWrite: return fn(i32, {i32, i32, i32});
    case B::FutureRead:
    case B::FutureWrite: return fn(i32, {i32, i32});
    case B::StreamCancelRead:
    case B::StreamCancelWrite:
    case B::FutureCancelRead:
    case B::FutureCancelWrite: return fn(i32, {i32});
    case B::StreamDropReadable:
    case B::StreamDropWritable:
    case B::FutureDropReadable:
    case B::FutureDropWritable: return fn(v, {i32});
    case B::ErrorContextNew: return fn(i32, {i32, i32});
    case B::ErrorContextDebugMessage: return fn(v, {i32, i32});
    case B::ErrorContextDrop: return fn(v, {i32});
    case B::WaitableSetNew: return fn(i32, {});
    case B::WaitableSetWait:
    case B::WaitableSetPoll: return fn(i32, {i32, i32});
    case B::WaitableSetDrop: return fn(v, {i32});
    case B::WaitableJoin: return fn(v, {i32, i32});
  }
  return fn(v, {});
}

absl::Status CheckBuiltinSupported(binary::CanonBuiltin builtin, TypeRef type, const AdapterContext& ctx) {
  bool copies =
      builtin == B::StreamRead || builtin == B::StreamWrite || builtin == B::FutureRead || builtin == B::FutureWrite;
  if (copies && type && !ctx.memory)
    return absl::InvalidArgumentError(absl::StrCat(binary::CanonBuiltinName(builtin), " needs a `memory` option"));
  if (builtin == B::TaskReturn && type) {
    bool spilled = Flatten(type, Side::Guest).size() > kMaxFlatParams;
    bool lists = false;
    ForEachNestedType(type, [&](TypeRef t) { lists |= IsListLike(t); });
    if ((spilled || lists) && !ctx.memory) return absl::InvalidArgumentError("task.return needs a `memory` option");
  }
  return absl::OkStatus();
}

void EmitBuiltin(AdapterContext& ctx, binary::CanonBuiltin builtin, TypeRef type, uint32_t immediate, bool flag,
                 llvm::Function* f) {
  if (IsThreadBuiltin(builtin)) return EmitThreadBuiltin(ctx, builtin, flag, f);
  auto& c = f->getContext();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", f));
  auto& rt = ctx.program.runtime();
  std::vector<llvm::Value*> args = Arguments(f);
  llvm::Value* table = ctx.handleTable;
  auto ret = [&](llvm::Value* v) {
    if (f->getReturnType()->isVoidTy())
      b.CreateRetVoid();
    else
      b.CreateRet(v);
  };
  ValueTranslator guest(ctx, b, Direction::GuestToHost);
  // Every built-in but context.get/set and backpressure traps in a
  // post-return function (CanonicalABI.md: trap_if(not inst.may_leave)).
  bool leaves = builtin != B::ContextGet && builtin != B::ContextSet && builtin != B::BackpressureInc &&
                builtin != B::BackpressureDec && builtin != B::BackpressureSet;
  if (leaves) guest.checkMayLeave();
  switch (builtin) {
    case B::TaskCancel: b.CreateCall(rt.taskCancel(), {}); return ret(nullptr);
    case B::BackpressureInc:
    case B::BackpressureDec:
      b.CreateCall(rt.backpressureAdjust(), {table, b.getInt32(builtin == B::BackpressureInc ? 1 : -1)});
      return ret(nullptr);
    case B::BackpressureSet: return ret(nullptr);
    case B::SubtaskCancel: return ret(b.CreateCall(rt.subtaskCancel(), {table, args[0], b.getInt32(flag)}));
    case B::SubtaskDrop: b.CreateCall(rt.subtaskDrop(), {table, args[0]}); return ret(nullptr);
    case B::TaskReturn: {
      size_t count = type ? Flatten(type, Side::Host).size() : 0;
      llvm::Value* slots = b.CreateAlloca(llvm::ArrayType::get(b.getInt64Ty(), std::max<size_t>(1, count)));
      if (type) {
        HostSlotSink sink(slots);
        if (Flatten(type, Side::Guest).size() > kMaxFlatParams) {
          MemoryLayout l = LayoutOf(type);
          guest.checkRange(args[0], b.getInt64(l.size), l.align);
          guest.load(type, args[0], sink);
        } else {
          auto src = MakeValueSource(args);
          guest.translate(type, *src, sink);
        }
      }
      b.CreateCall(rt.taskReturn(), {slots, b.getInt32(count), b.getInt32(ReturnKey(type, ctx))});
      return ret(nullptr);
    }
    case B::ContextGet: return ret(b.CreateCall(rt.contextGet(), {b.getInt32(immediate)}));
    case B::ContextSet: b.CreateCall(rt.contextSet(), {b.getInt32(immediate), args[0]}); return ret(nullptr);
    case B::ThreadYield: return ret(b.CreateCall(rt.threadYield(), {b.getInt32(flag)}));
    case B::StreamNew:
    case B::FutureNew: return ret(b.CreateCall(rt.streamNew(), {table, b.getInt32(builtin == B::FutureNew)}));
    case B::StreamRead:
    case B::StreamWrite:
    case B::FutureRead:
    case B::FutureWrite: {
      bool stream = IsStreamBuiltin(builtin);
      MemoryLayout element = type ? LayoutOf(type) : MemoryLayout{0, 1};
      llvm::Value* count = stream ? args[2] : b.getInt32(1);
      if (stream) {
        // Buffer's first check (MAX_LENGTH), before its bounds.
        llvm::BasicBlock* tooLarge = llvm::BasicBlock::Create(c, "count.too.large", f);
        llvm::BasicBlock* fits = llvm::BasicBlock::Create(c, "count.fits", f);
        b.CreateCondBr(b.CreateICmpUGT(count, b.getInt32(uint32_t(kMaxValueByteLength))), tooLarge, fits);
        b.SetInsertPoint(tooLarge);
        rt.emitTrap(b, WACC_TRAP_COPY_TOO_LARGE, rt.cString(ctx.debugName));
        b.SetInsertPoint(fits);
      }
      if (element.size != 0) {
        // A zero-length buffer is not checked at all (BufferGuestImpl).
        llvm::BasicBlock* check = llvm::BasicBlock::Create(c, "check.buffer", f);
        llvm::BasicBlock* checked = llvm::BasicBlock::Create(c, "buffer.checked", f);
        b.CreateCondBr(b.CreateICmpNE(count, b.getInt32(0)), check, checked);
        b.SetInsertPoint(check);
        guest.checkRange(args[1], b.CreateMul(b.CreateZExt(count, b.getInt64Ty()), b.getInt64(element.size)),
                         element.align);
        b.CreateBr(checked);
        b.SetInsertPoint(checked);
      }
      llvm::Value* memory =
          ctx.memory ? static_cast<llvm::Value*>(ctx.memory) : llvm::ConstantPointerNull::get(b.getPtrTy());
      // Elements holding strings, lists or handles are marked and move as
      // host slots: lifted out of a writer, lowered into a reader, by the
      // same value translation the sync adapters use.
      bool plain = !type || IsPlainData(type);
      uint32_t elemSize = element.size | (plain ? 0u : 0x80000000u);
      llvm::Value* lowerFn = llvm::ConstantPointerNull::get(b.getPtrTy());
      llvm::Value* liftFn = llvm::ConstantPointerNull::get(b.getPtrTy());
      bool reads = builtin == B::StreamRead || builtin == B::FutureRead;
      if (!plain && reads) lowerFn = LowerElementsFunction(ctx, type, f);
      if (!plain && !reads) liftFn = LiftElementsFunction(ctx, type, f);
      uint32_t slotsPerElement = plain ? 0 : uint32_t(Flatten(type, Side::Host).size());
      uint32_t flags = (flag ? WACC_COPY_ASYNC : 0u) | (IsNoneOrNumber(type) ? WACC_COPY_NUMERIC : 0u);
      return ret(b.CreateCall(rt.streamCopy(),
                              {table, b.getInt32(EndType(builtin)), args[0], memory, args[1], count,
                               b.getInt32(elemSize), lowerFn, liftFn, b.getInt32(slotsPerElement), b.getInt32(flags)}));
    }
    case B::StreamCancelRead:
    case B::StreamCancelWrite:
    case B::FutureCancelRead:
    case B::FutureCancelWrite:
      return ret(b.CreateCall(rt.streamCancel(), {table, b.getInt32(EndType(builtin)), args[0], b.getInt32(flag)}));
    case B::StreamDropReadable:
    case B::StreamDropWritable:
    case B::FutureDropReadable:
    case B::FutureDropWritable:
      b.CreateCall(rt.streamDrop(), {table, b.getInt32(EndType(builtin)), args[0]});
      return ret(nullptr);
    case B::ErrorContextNew: {
      guest.checkRange(args[0], b.CreateZExt(args[1], b.getInt64Ty()), 1);
      return ret(b.CreateCall(rt.errorContextNew(), {table, guest.hostPointer(args[0]), args[1]}));
    }
    case B::ErrorContextDebugMessage: {
      // The runtime keeps no messages: the debug message is the empty string.
      guest.checkRange(args[1], b.getInt64(8), 4);
      llvm::Value* out = guest.hostPointer(args[1]);
      b.CreateStore(b.getInt64(0), out);
      return ret(nullptr);
    }
    case B::ErrorContextDrop:
      b.CreateCall(rt.errorContextDrop(), {table, args[0]});
      return ret(nullptr);
    case B::WaitableSetNew: return ret(b.CreateCall(rt.waitableSetNew(), {table}));
    case B::WaitableSetWait:
    case B::WaitableSetPoll: {
      // The event is stored after the wait (unpack_event): a bad pointer
      // traps only then, after a sync task's "cannot block".
      llvm::IRBuilder<> entry(&f->getEntryBlock(), f->getEntryBlock().begin());
      llvm::Value* event = entry.CreateAlloca(b.getInt64Ty());
      llvm::Value* code = b.CreateCall(builtin == B::WaitableSetWait ? rt.waitableSetWait() : rt.waitableSetPoll(),
                                       {table, args[0], event, b.getInt32(flag)});
      guest.checkRange(args[1], b.getInt64(8), 4);
      b.CreateStore(b.CreateLoad(b.getInt64Ty(), event), guest.hostPointer(args[1]));
      return ret(code);
    }
    case B::WaitableSetDrop: b.CreateCall(rt.waitableSetDrop(), {table, args[0]}); return ret(nullptr);
    case B::WaitableJoin: b.CreateCall(rt.waitableJoin(), {table, args[0], args[1]}); return ret(nullptr);
    case B::ThreadIndex:
    case B::ThreadNewIndirect:
    case B::ThreadResumeLater:
    case B::ThreadSuspend:
    case B::ThreadSuspendThenResume:
    case B::ThreadYieldThenResume:
    case B::ThreadSuspendThenPromote:
    case B::ThreadYieldThenPromote: break;  // EmitThreadBuiltin
  }
  ret(b.getInt32(0));
}

void EmitAsyncHostImportAdapter(AdapterContext& ctx, const FuncSignature& sig, llvm::Function* adapter,
                                llvm::FunctionCallee host, bool asyncLower) {
  auto& c = adapter->getContext();
  llvm::Module& module = *adapter->getParent();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", adapter));
  auto& rt = ctx.program.runtime();
  component::TypeArena arena;
  TypeRef paramsTuple = ParamsTuple(arena, sig);

  std::vector<llvm::Value*> guestArgs = Arguments(adapter);
  llvm::Value* retptr = nullptr;
  CoreSignature syncCore = LowerSignature(sig);
  bool resultInMemory = asyncLower ? sig.result != nullptr : syncCore.resultsSpilled;
  if (resultInMemory) {
    retptr = guestArgs.back();
    guestArgs.pop_back();
  }
  size_t flatParams = Flatten(paramsTuple, Side::Guest).size();
  bool paramsSpilled = flatParams > (asyncLower ? kMaxFlatAsyncParams : kMaxFlatParams);

  // Guest arguments -> host arguments. Lists of elements the host cannot
  // read in place, and transcoded strings, are lifted into the scratch
  // arena: in a scope of their own that ends once the host call returns
  // (the host copies what it keeps), since this call may be nested in
  // another host call's (a fiber or the event loop under it), which a
  // reset would pull the arena from under.
  bool transcodes = ctx.stringEncoding != binary::StringEncoding::Utf8;
  bool usesScratch = false;
  ForEachNestedType(paramsTuple, [&](TypeRef t) {
    usesScratch |= t->kind == Kind::List && !IsPlainData(t->element);
    usesScratch |= transcodes && t->kind == Kind::Primitive && t->prim == PrimValType::String;
  });
  llvm::Value* scratchScope = nullptr;
  SlotSink hostArgs(b, Flatten(paramsTuple, Side::Host));
  ValueTranslator lift(ctx, b, Direction::GuestToHost);
  lift.checkMayLeave();
  if (usesScratch) {
    scratchScope = b.CreateAlloca(llvm::ArrayType::get(b.getInt64Ty(), 3));
    b.CreateCall(rt.scratchBegin(), {scratchScope});
  }
  if (paramsSpilled) {
    MemoryLayout l = LayoutOf(paramsTuple);
    lift.checkRange(guestArgs[0], b.getInt64(l.size), l.align);
    lift.load(paramsTuple, guestArgs[0], hostArgs);
  } else {
    auto src = MakeValueSource(guestArgs);
    lift.translate(paramsTuple, *src, hostArgs);
  }
  std::vector<llvm::Value*> callArgs = hostArgs.load(b);
  size_t resultCount = sig.result ? Flatten(sig.result, Side::Host).size() : 0;
  llvm::Value* results = b.CreateAlloca(llvm::ArrayType::get(b.getInt64Ty(), std::max<size_t>(1, resultCount)));
  if (sig.result) callArgs.push_back(results);
  llvm::Value* call = b.CreateCall(host, callArgs);
  if (scratchScope) b.CreateCall(rt.scratchEnd(), {scratchScope});
  // A host function of a sync WIT type always completes in the call.
  llvm::Value* subtask = sig.isAsync ? call : b.getInt32(0);

  // The results' lowering: a function of its own, since an async call's
  // results reach the guest only when its SUBTASK event is delivered.
  llvm::Function* lower = nullptr;
  if (sig.result) {
    auto* type = llvm::FunctionType::get(b.getVoidTy(), {b.getPtrTy(), b.getInt32Ty()}, false);
    lower = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                   absl::StrCat(adapter->getName().str(), ".results"), module);
    lower->setDoesNotThrow();
    llvm::IRBuilder<> lb(llvm::BasicBlock::Create(c, "entry", lower));
    ValueTranslator lowerResults(ctx, lb, Direction::HostToGuest);
    auto src = MakeHostResultsSource(lower->getArg(0), resultCount);
    if (resultInMemory) {
      MemoryLayout l = LayoutOf(sig.result);
      lowerResults.checkRange(lower->getArg(1), lb.getInt64(l.size), l.align);
      lowerResults.store(sig.result, *src, lower->getArg(1));
      lb.CreateRetVoid();
    } else {
      lb.CreateRetVoid();  // a sync lower with a flat result lowers it below
    }
  }

  if (!asyncLower) {
    // A sync caller of an async host function waits for it in place.
    llvm::Value* pending = b.CreateICmpNE(subtask, b.getInt32(0));
    llvm::BasicBlock* wait = llvm::BasicBlock::Create(c, "wait", adapter);
    llvm::BasicBlock* done = llvm::BasicBlock::Create(c, "done", adapter);
    llvm::BasicBlock* entry = b.GetInsertBlock();
    b.CreateCondBr(pending, wait, done);
    b.SetInsertPoint(wait);
    llvm::Value* waited = b.CreateCall(rt.subtaskBlock(), {subtask});
    b.CreateBr(done);
    b.SetInsertPoint(done);
    llvm::PHINode* finalResults = b.CreatePHI(b.getPtrTy(), 2);
    finalResults->addIncoming(results, entry);
    finalResults->addIncoming(waited, wait);
    if (!sig.result) {
      b.CreateRetVoid();
      return;
    }
    if (resultInMemory) {
      b.CreateCall(lower, {finalResults, retptr});
      b.CreateRetVoid();
      return;
    }
    ValueTranslator lowerResult(ctx, b, Direction::HostToGuest);
    auto src = MakeHostResultsSource(finalResults, resultCount);
    SlotSink guestResult(b, syncCore.results);
    lowerResult.translate(sig.result, *src, guestResult);
    b.CreateRet(guestResult.load(b)[0]);
    return;
  }

  // Async lower: RETURNED at once, or the subtask's handle.
  llvm::BasicBlock* now = llvm::BasicBlock::Create(c, "returned", adapter);
  llvm::BasicBlock* later = llvm::BasicBlock::Create(c, "started", adapter);
  b.CreateCondBr(b.CreateICmpEQ(subtask, b.getInt32(0)), now, later);
  b.SetInsertPoint(now);
  if (lower) b.CreateCall(lower, {results, retptr});
  b.CreateRet(b.getInt32(WACC_SUBTASK_RETURNED));
  b.SetInsertPoint(later);
  llvm::Value* lowerFn = lower ? static_cast<llvm::Value*>(lower) : llvm::ConstantPointerNull::get(b.getPtrTy());
  b.CreateRet(b.CreateCall(rt.subtaskAdopt(), {ctx.handleTable, subtask, lowerFn, retptr ? retptr : b.getInt32(0)}));
}

// A C-convention function calling a guest's callback (guest functions may
// use another calling convention), for the runtime's function pointer.
// A stackful thunk's arguments: one i64 slot each in the block at `slots`,
// narrowed (or reinterpreted, for floats) back to the types of `like`.
static std::vector<llvm::Value*> UnpackSlots(llvm::IRBuilder<>& tb, llvm::Value* slots,
                                             llvm::ArrayRef<llvm::Value*> like) {
  llvm::Type* i64 = tb.getInt64Ty();
  std::vector<llvm::Value*> values;
  for (size_t i = 0; i < like.size(); ++i) {
    llvm::Type* t = like[i]->getType();
    llvm::Value* slot = tb.CreateLoad(i64, tb.CreateConstGEP1_32(i64, slots, i));
    if (t->isFloatTy())
      slot = tb.CreateBitCast(tb.CreateTrunc(slot, tb.getInt32Ty()), t);
    else if (t->isDoubleTy())
      slot = tb.CreateBitCast(slot, t);
    else if (t != i64)
      slot = tb.CreateTrunc(slot, t);
    values.push_back(slot);
  }
  return values;
}

static llvm::Function* CallbackWrapper(llvm::Module& module, llvm::Function* callback) {
  std::string name = absl::StrCat("wacc.callback.", callback->getName().str());
  if (llvm::Function* existing = module.getFunction(name)) return existing;
  auto& c = module.getContext();
  llvm::Type* i32 = llvm::Type::getInt32Ty(c);
  auto* type = llvm::FunctionType::get(i32, {i32, i32, i32}, false);
  llvm::Function* wrapper = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, name, module);
  wrapper->setDoesNotThrow();
  llvm::IRBuilder<> wb(llvm::BasicBlock::Create(c, "entry", wrapper));
  llvm::CallInst* call = wb.CreateCall(callback, {wrapper->getArg(0), wrapper->getArg(1), wrapper->getArg(2)});
  call->setCallingConv(callback->getCallingConv());
  wb.CreateRet(call);
  return wrapper;
}

absl::Status CheckAsyncFusedAdapterSupported(const FuncSignature& sig, const AdapterContext& caller,
                                             const AdapterContext& callee, bool callerAsync, bool calleeAsync,
                                             bool calleeCallback) {
  bool paramLists = false, resultLists = false;
  for (const auto& p : sig.params) ForEachNestedType(p.type, [&](TypeRef t) { paramLists |= IsListLike(t); });
  if (sig.result) ForEachNestedType(sig.result, [&](TypeRef t) { resultLists |= IsListLike(t); });
  if ((paramLists || (callerAsync && sig.result)) && !caller.memory)
    return absl::InvalidArgumentError("canon lower needs a `memory` option");
  if (resultLists && !caller.realloc) return absl::InvalidArgumentError("canon lower needs a `realloc` option");
  if (paramLists && !callee.realloc) return absl::InvalidArgumentError("canon lift needs a `realloc` option");
  return absl::OkStatus();
}

void EmitAsyncFusedAdapter(AdapterContext& caller, AdapterContext& callee, const FuncSignature& sig,
                           llvm::Function* adapter, llvm::Function* calleeCore, llvm::Function* calleeCallback,
                           bool callerAsync, bool calleeAsync, bool driverCaller) {
  auto& c = adapter->getContext();
  llvm::Module& module = *adapter->getParent();
  auto& rt = caller.program.runtime();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", adapter));
  component::TypeArena arena;
  TypeRef paramsTuple = ParamsTuple(arena, sig);
  CoreSignature lowered = LowerSignature(sig), lifted = LiftSignature(sig);

  // 1. The caller's arguments, lifted into host slots.
  std::vector<llvm::Value*> callerArgs = Arguments(adapter);
  bool resultInCaller = callerAsync || driverCaller ? sig.result != nullptr : lowered.resultsSpilled;
  llvm::Value* retptr = nullptr;
  if (resultInCaller || driverCaller) {
    retptr = callerArgs.back();
    callerArgs.pop_back();
  }
  size_t flatParams = Flatten(paramsTuple, Side::Guest).size();
  bool callerSpilled = driverCaller || flatParams > (callerAsync ? kMaxFlatAsyncParams : kMaxFlatParams);
  ValueTranslator liftArgs(caller, b, Direction::GuestToHost);
  liftArgs.checkMayLeave();
  // The host's call: not into an instance a trap poisoned (as ExportCall).
  if (driverCaller) ValueTranslator(callee, b, Direction::HostToGuest).checkMayEnter();
  // A sync caller waits for an `async`-typed callee, which may block: the
  // caller's task must be allowed to (Task.may_block), whatever the callee
  // then does.
  if (!callerAsync && !driverCaller && sig.isAsync) b.CreateCall(rt.taskCheckBlock(), {});
  // The driver is the host, which may wait for the callee: a task that
  // may block.
  llvm::Value* driverTask =
      driverCaller ? b.CreateCall(rt.taskBegin(), {caller.handleTable, b.getInt32(WACC_TASK_ASYNC_TYPE)}) : nullptr;
  // A sync-lifted callee of `async` type may block before it returns: it
  // runs on a fiber of its own, as a stackful task whose results its thunk
  // lifts (so the caller can go on meanwhile, or wait by suspending).
  bool syncOnFiber = !calleeAsync && sig.isAsync && callee.asyncTasks;
  bool calleeTask = calleeAsync || syncOnFiber;
  SlotSink hostArgs(b, Flatten(paramsTuple, Side::Host));
  if (callerSpilled) {
    MemoryLayout l = LayoutOf(paramsTuple);
    liftArgs.checkRange(callerArgs[0], b.getInt64(l.size), l.align);
    liftArgs.load(paramsTuple, callerArgs[0], hostArgs);
  } else {
    auto src = MakeValueSource(callerArgs);
    liftArgs.translate(paramsTuple, *src, hostArgs);
  }

  // 2. Lowered into the callee (its lift is the same, async or not).
  llvm::Value* task = nullptr;
  if (calleeAsync)
    task = b.CreateCall(rt.taskBegin(),
                        {callee.handleTable, b.getInt32(TaskFlags(WACC_TASK_ASYNC | (calleeCallback ? WACC_TASK_CALLBACK : 0),
                                                                  sig.result, callee))});
  else if (callee.asyncTasks)
    task = b.CreateCall(rt.taskBegin(), {callee.handleTable, b.getInt32(sig.isAsync ? WACC_TASK_ASYNC_TYPE : 0)});
  size_t resultCount = sig.result ? Flatten(sig.result, Side::Host).size() : 0;
  ValueTranslator lowerArgs(callee, b, Direction::HostToGuest);
  if (task) lowerArgs.beginBorrowScope();
  std::vector<llvm::Value*> calleeArgs;
  {
    auto src = MakeValueSource(hostArgs.load(b));
    if (lifted.paramsSpilled) {
      MemoryLayout l = LayoutOf(paramsTuple);
      llvm::Value* tuple =
          CallRealloc(b, callee, {b.getInt32(0), b.getInt32(0), b.getInt32(l.align), b.getInt32(l.size)});
      lowerArgs.checkRange(tuple, b.getInt64(l.size), l.align);
      lowerArgs.store(paramsTuple, *src, tuple);
      calleeArgs.push_back(tuple);
    } else {
      SlotSink guestArgs(b, Flatten(paramsTuple, Side::Guest));
      lowerArgs.translate(paramsTuple, *src, guestArgs);
      calleeArgs = guestArgs.load(b);
    }
  }
  // The callee's borrows are its task's until it drops them.
  if (task) lowerArgs.scopeBorrowsToTask(task);
  llvm::CallInst* call = nullptr;
  llvm::Value* stackfulState = nullptr;
  if (calleeTask) {
    // The callee runs on a fiber of its own, through a thunk that takes
    // its arguments from a block of 64-bit slots: a stackful callee
    // throughout, a callback callee for its first core call (which may
    // block or yield before it returns its code).
    llvm::Type* i64 = b.getInt64Ty();
    llvm::Value* block = b.CreateAlloca(llvm::ArrayType::get(i64, std::max<size_t>(1, calleeArgs.size())));
    for (size_t i = 0; i < calleeArgs.size(); ++i) {
      llvm::Value* v = calleeArgs[i];
      llvm::Type* t = v->getType();
      if (t->isFloatTy()) v = b.CreateBitCast(v, b.getInt32Ty());
      if (t->isDoubleTy()) v = b.CreateBitCast(v, i64);
      if (v->getType() != i64) v = b.CreateZExt(v, i64);
      b.CreateStore(
          v, b.CreateConstGEP2_32(llvm::ArrayType::get(i64, std::max<size_t>(1, calleeArgs.size())), block, 0, i));
    }
    auto* thunkType = llvm::FunctionType::get(b.getVoidTy(), {b.getPtrTy()}, false);
    llvm::Function* thunk = llvm::Function::Create(thunkType, llvm::GlobalValue::InternalLinkage,
                                                   absl::StrCat(adapter->getName().str(), ".stackful"), module);
    thunk->setDoesNotThrow();
    llvm::IRBuilder<> tb(llvm::BasicBlock::Create(c, "entry", thunk));
    // Backpressure may hold the call before the callee's code runs.
    tb.CreateCall(rt.taskEnter(), {});
    llvm::CallInst* inner = tb.CreateCall(calleeCore, UnpackSlots(tb, thunk->getArg(0), calleeArgs));
    inner->setCallingConv(calleeCore->getCallingConv());
    if (calleeCallback) tb.CreateCall(rt.taskFirstCode(), {inner, CallbackWrapper(module, calleeCallback)});
    if (syncOnFiber) {
      // The sync lift's results, handed over as task.return's would be,
      // then its post-return.
      llvm::Value* slots = tb.CreateAlloca(llvm::ArrayType::get(i64, std::max<size_t>(1, resultCount)));
      if (sig.result) {
        LiftCoreResults(callee, tb, sig.result, lifted.resultsSpilled, inner, slots);
      }
      tb.CreateCall(rt.taskResolve(), {slots, tb.getInt32(resultCount)});
      if (callee.postReturn) {
        std::vector<llvm::Value*> postArgs;
        if (sig.result) postArgs.push_back(inner);
        CallWithoutLeaving(tb, callee, callee.postReturn, postArgs);
      }
    }
    tb.CreateRetVoid();
    stackfulState = b.CreateCall(rt.taskStartStackful(), {task, thunk, block});
  } else {
    call = b.CreateCall(calleeCore, calleeArgs);
    call->setCallingConv(calleeCore->getCallingConv());
  }

  // 3. Where the results are (host slots) and whether they are there yet:
  //    state 0 pending, 1 returned and exited, 2 returned and running.
  llvm::Value* results = nullptr;
  llvm::Value* state = nullptr;
  if (calleeTask) {
    state = stackfulState ? stackfulState
                          : b.CreateCall(rt.taskStart(), {task, call, CallbackWrapper(module, calleeCallback)});
    results = b.CreateCall(rt.taskResults(), {task});
  } else {
    llvm::IRBuilder<> entry(&adapter->getEntryBlock(), adapter->getEntryBlock().begin());
    results = entry.CreateAlloca(llvm::ArrayType::get(b.getInt64Ty(), std::max<size_t>(1, resultCount)));
    if (sig.result) {
      LiftCoreResults(callee, b, sig.result, lifted.resultsSpilled, call, results);
    }
    if (callee.postReturn) {
      std::vector<llvm::Value*> postArgs;
      if (sig.result) postArgs.push_back(call);
      CallWithoutLeaving(b, callee, callee.postReturn, postArgs);
    }
    if (task) b.CreateCall(rt.taskEnd(), {task});
    state = b.getInt32(1);
  }

  // The lowering of results into the caller's memory at retptr.
  llvm::Function* lower = nullptr;
  if (sig.result && resultInCaller) {
    auto* type = llvm::FunctionType::get(b.getVoidTy(), {b.getPtrTy(), b.getInt32Ty()}, false);
    lower = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                   absl::StrCat(adapter->getName().str(), ".results"), module);
    lower->setDoesNotThrow();
    llvm::IRBuilder<> lb(llvm::BasicBlock::Create(c, "entry", lower));
    ValueTranslator lowerResults(caller, lb, Direction::HostToGuest);
    auto src = MakeHostResultsSource(lower->getArg(0), resultCount);
    MemoryLayout l = LayoutOf(sig.result);
    lowerResults.checkRange(lower->getArg(1), lb.getInt64(l.size), l.align);
    lowerResults.store(sig.result, *src, lower->getArg(1));
    lb.CreateRetVoid();
  }
  auto endIfExited = [&](llvm::IRBuilder<>& ib, llvm::Value* st) {
    if (!calleeTask) return;
    llvm::BasicBlock* end = llvm::BasicBlock::Create(c, "end.task", adapter);
    llvm::BasicBlock* after = llvm::BasicBlock::Create(c, "after.task", adapter);
    ib.CreateCondBr(ib.CreateICmpEQ(st, ib.getInt32(1)), end, after);
    ib.SetInsertPoint(end);
    ib.CreateCall(rt.taskEnd(), {task});
    ib.CreateBr(after);
    ib.SetInsertPoint(after);
  };

  if (callerAsync && !calleeTask) {
    // A sync callee has returned and exited: there is no task to adopt.
    if (lower) b.CreateCall(lower, {results, retptr});
    b.CreateRet(b.getInt32(WACC_SUBTASK_RETURNED));
    return;
  }
  if (callerAsync) {
    llvm::BasicBlock* now = llvm::BasicBlock::Create(c, "returned", adapter);
    llvm::BasicBlock* later = llvm::BasicBlock::Create(c, "started", adapter);
    b.CreateCondBr(b.CreateICmpNE(state, b.getInt32(0)), now, later);
    b.SetInsertPoint(now);
    if (lower) b.CreateCall(lower, {results, retptr});
    endIfExited(b, state);
    b.CreateRet(b.getInt32(WACC_SUBTASK_RETURNED));
    b.SetInsertPoint(later);
    llvm::Value* lowerFn = lower ? static_cast<llvm::Value*>(lower) : llvm::ConstantPointerNull::get(b.getPtrTy());
    b.CreateRet(
        b.CreateCall(rt.subtaskAdoptTask(), {caller.handleTable, task, lowerFn, retptr ? retptr : b.getInt32(0)}));
    return;
  }

  // A sync caller waits for the callee's task.return.
  if (calleeTask) {
    llvm::BasicBlock* entry = b.GetInsertBlock();
    llvm::BasicBlock* wait = llvm::BasicBlock::Create(c, "wait", adapter);
    llvm::BasicBlock* done = llvm::BasicBlock::Create(c, "done", adapter);
    b.CreateCondBr(b.CreateICmpEQ(state, b.getInt32(0)), wait, done);
    b.SetInsertPoint(wait);
    llvm::Value* waited = b.CreateCall(rt.taskBlock(), {task});
    b.CreateBr(done);
    b.SetInsertPoint(done);
    llvm::PHINode* phi = b.CreatePHI(b.getPtrTy(), 2);
    phi->addIncoming(results, entry);
    phi->addIncoming(waited, wait);
    results = phi;
  }
  llvm::Value* returnValue = nullptr;
  if (sig.result) {
    if (lower) {
      b.CreateCall(lower, {results, retptr});
    } else {
      ValueTranslator lowerResults(caller, b, Direction::HostToGuest);
      auto src = MakeHostResultsSource(results, resultCount);
      SlotSink guestResult(b, lowered.results);
      lowerResults.translate(sig.result, *src, guestResult);
      returnValue = guestResult.load(b)[0];
    }
  }
  endIfExited(b, state);
  if (driverCaller) {
    b.CreateCall(rt.taskEnd(), {driverTask});
    b.CreateCall(rt.scratchReset(), {});
    b.CreateStore(b.getInt8(1), callee.mayEnter);
  }
  if (returnValue)
    b.CreateRet(returnValue);
  else
    b.CreateRetVoid();
}

absl::Status CheckAsyncHostExportStartSupported(const FuncSignature& sig) {
  if (LiftSignature(sig).paramsSpilled)
    return absl::InvalidArgumentError("an async export called by the host with spilled parameters");
  for (const auto& p : sig.params) {
    bool lists = false;
    ForEachNestedType(p.type, [&](TypeRef t) { lists |= IsListLike(t); });
    if (lists) return absl::InvalidArgumentError("an async export called by the host with list parameters");
  }
  return absl::OkStatus();
}

void EmitAsyncHostExportStart(AdapterContext& callee, const FuncSignature& sig, llvm::Function* fn,
                              llvm::Function* calleeCore, llvm::Function* calleeCallback) {
  auto& c = fn->getContext();
  llvm::Module& module = *fn->getParent();
  auto& rt = callee.program.runtime();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", fn));
  llvm::Type* i64 = b.getInt64Ty();
  // The host's arguments (all parameters but the last, the task's out
  // pointer), lowered into the callee before its task begins: own handles
  // of host resources become handles in its table.
  std::vector<llvm::Value*> hostArgs;
  for (llvm::Argument& a : fn->args()) hostArgs.push_back(&a);
  llvm::Value* taskOut = hostArgs.back();
  hostArgs.pop_back();
  auto src = MakeValueSource(hostArgs);
  SlotSink guestArgs(b, LiftSignature(sig).params);
  ValueTranslator lower(callee, b, Direction::HostToGuest);
  for (const auto& p : sig.params) lower.translate(p.type, *src, guestArgs);
  std::vector<llvm::Value*> args = guestArgs.load(b);

  llvm::Value* task = b.CreateCall(
      rt.taskBegin(), {callee.handleTable, b.getInt32(TaskFlags(WACC_TASK_ASYNC | (calleeCallback ? WACC_TASK_CALLBACK : 0),
                                                                sig.result, callee))});
  b.CreateStore(task, taskOut);
  // The callee's first core call runs on a fiber of its own, as an async
  // caller's call does (fused adapters), so it may block before it returns.
  auto* blockType = llvm::ArrayType::get(i64, std::max<size_t>(1, args.size()));
  llvm::Value* block = b.CreateAlloca(blockType);
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::Value* v = args[i];
    if (v->getType()->isFloatTy()) v = b.CreateBitCast(v, b.getInt32Ty());
    if (v->getType()->isDoubleTy()) v = b.CreateBitCast(v, i64);
    if (v->getType() != i64) v = b.CreateZExt(v, i64);
    b.CreateStore(v, b.CreateConstGEP2_32(blockType, block, 0, i));
  }
  auto* thunkType = llvm::FunctionType::get(b.getVoidTy(), {b.getPtrTy()}, false);
  llvm::Function* thunk = llvm::Function::Create(thunkType, llvm::GlobalValue::InternalLinkage,
                                                 absl::StrCat(fn->getName().str(), ".stackful"), module);
  thunk->setDoesNotThrow();
  llvm::IRBuilder<> tb(llvm::BasicBlock::Create(c, "entry", thunk));
  tb.CreateCall(rt.taskEnter(), {});
  llvm::CallInst* inner = tb.CreateCall(calleeCore, UnpackSlots(tb, thunk->getArg(0), args));
  inner->setCallingConv(calleeCore->getCallingConv());
  if (calleeCallback) tb.CreateCall(rt.taskFirstCode(), {inner, CallbackWrapper(module, calleeCallback)});
  tb.CreateRetVoid();
  b.CreateRet(b.CreateCall(rt.taskStartStackful(), {task, thunk, block}));
}

llvm::Value* EmitAsyncRunExportCall(AdapterContext& ctx, llvm::IRBuilder<>& b, llvm::Function* coreRun,
                                    llvm::Function* callback) {
  auto& c = b.getContext();
  auto& rt = ctx.program.runtime();
  llvm::Module& module = *b.GetInsertBlock()->getModule();
  uint32_t flags = WACC_TASK_ASYNC | (callback ? WACC_TASK_CALLBACK : 0);
  llvm::Value* task = b.CreateCall(rt.taskBegin(), {ctx.handleTable, b.getInt32(flags)});
  b.CreateStore(b.getInt8(0), ctx.mayEnter);
  llvm::CallInst* first = b.CreateCall(coreRun, {});
  first->setCallingConv(coreRun->getCallingConv());
  if (callback) {
    // The runtime calls the callback through a C function pointer; guest
    // functions may use another convention, so a C wrapper calls it.
    llvm::Type* i32 = b.getInt32Ty();
    auto* type = llvm::FunctionType::get(i32, {i32, i32, i32}, false);
    llvm::Function* wrapper =
        llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, "wacc.callback.run", module);
    wrapper->setDoesNotThrow();
    llvm::IRBuilder<> wb(llvm::BasicBlock::Create(c, "entry", wrapper));
    llvm::CallInst* call = wb.CreateCall(callback, {wrapper->getArg(0), wrapper->getArg(1), wrapper->getArg(2)});
    call->setCallingConv(callback->getCallingConv());
    wb.CreateRet(call);
    b.CreateCall(rt.taskRunCallback(), {task, first, wrapper});
  }
  b.CreateStore(b.getInt8(1), ctx.mayEnter);
  llvm::Value* results = b.CreateCall(rt.taskResults(), {task});
  llvm::Value* flat = b.CreateTrunc(b.CreateLoad(b.getInt64Ty(), results), b.getInt32Ty());
  b.CreateCall(rt.taskEnd(), {task});
  llvm::Function* f = b.GetInsertBlock()->getParent();
  llvm::BasicBlock* bad = llvm::BasicBlock::Create(c, "bad.result", f);
  llvm::BasicBlock* good = llvm::BasicBlock::Create(c, "result", f);
  b.CreateCondBr(b.CreateICmpUGT(flat, b.getInt32(1)), bad, good);
  b.SetInsertPoint(bad);
  rt.emitTrap(b, WACC_TRAP_INVALID_DISCRIMINANT, rt.cString(ctx.debugName));
  b.SetInsertPoint(good);
  return flat;
}

}  // namespace wacc::abi
