#include "compiler/abi/Adapters.h"
#include "compiler/abi/ValueTranslator.h"
#include "wacc/Async.h"

namespace wacc::abi {

using Kind = ValueType::Kind;

namespace {

TypeRef ParamsTuple(component::TypeArena& arena, const FuncSignature& sig) {
  ValueType tuple;
  tuple.kind = Kind::Tuple;
  for (const auto& p : sig.params) tuple.fields.push_back({"", p.type});
  return arena.intern(std::move(tuple));
}

std::vector<llvm::Value*> Arguments(llvm::Function* f) {
  std::vector<llvm::Value*> args;
  for (llvm::Argument& a : f->args()) args.push_back(&a);
  return args;
}

}  // namespace

absl::Status CheckFusedAdapterSupported(const FuncSignature& sig, const AdapterContext& caller,
                                        const AdapterContext& callee) {
  bool paramLists = false, resultLists = false;
  for (const auto& p : sig.params) ForEachNestedType(p.type, [&](TypeRef t) { paramLists |= IsListLike(t); });
  if (sig.result) ForEachNestedType(sig.result, [&](TypeRef t) { resultLists |= IsListLike(t); });
  CoreSignature lowered = LowerSignature(sig), lifted = LiftSignature(sig);
  if ((paramLists || resultLists || lowered.paramsSpilled || lowered.resultsSpilled) && !caller.memory)
    return absl::InvalidArgumentError("canon lower needs a `memory` option");
  if ((paramLists || resultLists || lifted.paramsSpilled || lifted.resultsSpilled) && !callee.memory)
    return absl::InvalidArgumentError("canon lift needs a `memory` option");
  if ((paramLists || lifted.paramsSpilled) && !callee.realloc)
    return absl::InvalidArgumentError("canon lift needs a `realloc` option");
  if (resultLists && !caller.realloc) return absl::InvalidArgumentError("canon lower needs a `realloc` option");
  return absl::OkStatus();
}

void EmitFusedAdapter(AdapterContext& caller, AdapterContext& callee, const FuncSignature& sig, llvm::Function* adapter,
                      llvm::Function* calleeCore) {
  auto& c = adapter->getContext();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", adapter));
  CoreSignature lowered = LowerSignature(sig);
  CoreSignature lifted = LiftSignature(sig);
  component::TypeArena arena;
  TypeRef paramsTuple = ParamsTuple(arena, sig);

  std::vector<llvm::Value*> callerArgs = Arguments(adapter);
  llvm::Value* retptr = nullptr;
  if (lowered.resultsSpilled) {
    retptr = callerArgs.back();
    callerArgs.pop_back();
  }

  // 0. The caller must be allowed to call out (may_leave). Whether the
  // callee is in the middle of a call already does not matter: since
  // component-model#705 the canonical ABI has no may_enter trap, and
  // reentrance between components (parent to child and back) is valid.
  ValueTranslator(caller, b, Direction::GuestToHost).checkMayLeave();
  // In a program using the async ABI the callee runs as a task of its own
  // (wacc/Async.h); an `async`-typed callee may block, which the caller's
  // task must be allowed to do (Task.may_block). (There, an `async`-typed
  // callee is called through the async adapter instead, which enters its
  // instance past backpressure and the exclusive lock: AsyncAdapters.cpp.)
  auto& rt = caller.program.runtime();
  llvm::Value* task = nullptr;
  if (sig.isAsync) b.CreateCall(rt.taskCheckBlock(), {});
  if (callee.asyncTasks)
    task = b.CreateCall(rt.taskBegin(), {callee.handleTable, b.getInt32(sig.isAsync ? WACC_TASK_ASYNC_TYPE : 0)});

  // 1. Lift the caller's arguments into host values.
  SlotSink hostArgs(b, Flatten(paramsTuple, Side::Host));
  ValueTranslator liftArgs(caller, b, Direction::GuestToHost);
  liftArgs.beginLendScope();
  if (lowered.paramsSpilled) {
    MemoryLayout l = LayoutOf(paramsTuple);
    liftArgs.checkRange(callerArgs[0], b.getInt64(l.size), l.align);
    liftArgs.load(paramsTuple, callerArgs[0], hostArgs);
  } else {
    auto src = MakeValueSource(callerArgs);
    liftArgs.translate(paramsTuple, *src, hostArgs);
  }

  // 2. Lower them into the callee: flat, or a tuple in its memory.
  ValueTranslator lowerArgs(callee, b, Direction::HostToGuest);
  lowerArgs.beginBorrowScope();
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
      std::vector<FlatType> flat = Flatten(paramsTuple, Side::Guest);
      SlotSink guestArgs(b, flat);
      lowerArgs.translate(paramsTuple, *src, guestArgs);
      calleeArgs = guestArgs.load(b);
    }
  }

  // 3. Call, then lift the results out of the callee into host slots.
  llvm::CallInst* call = b.CreateCall(calleeCore, calleeArgs);
  call->setCallingConv(calleeCore->getCallingConv());
  lowerArgs.endBorrowScope();
  liftArgs.endLendScope();
  llvm::Value* hostResults = nullptr;
  size_t hostResultCount = 0;
  if (sig.result) {
    hostResultCount = Flatten(sig.result, Side::Host).size();
    llvm::IRBuilder<> entry(&adapter->getEntryBlock(), adapter->getEntryBlock().begin());
    hostResults = entry.CreateAlloca(llvm::ArrayType::get(b.getInt64Ty(), std::max<size_t>(1, hostResultCount)));
    LiftCoreResults(callee, b, sig.result, lifted.resultsSpilled, call, hostResults);
  }

  // 4. Lower the results into the caller.
  llvm::Value* returnValue = nullptr;
  if (sig.result) {
    ValueTranslator lowerResults(caller, b, Direction::HostToGuest);
    auto src = MakeHostResultsSource(hostResults, hostResultCount);
    if (lowered.resultsSpilled) {
      MemoryLayout l = LayoutOf(sig.result);
      lowerResults.checkRange(retptr, b.getInt64(l.size), l.align);
      lowerResults.store(sig.result, *src, retptr);
    } else {
      SlotSink guestResult(b, lowered.results);
      lowerResults.translate(sig.result, *src, guestResult);
      returnValue = guestResult.load(b)[0];
    }
  }

  // 5. The callee may free what it returned only now.
  if (callee.postReturn) {
    std::vector<llvm::Value*> postArgs;
    if (sig.result) postArgs.push_back(call);
    CallWithoutLeaving(b, callee, callee.postReturn, postArgs);
  }
  if (task) b.CreateCall(rt.taskEnd(), {task});
  bool usesScratch = false;
  bool transcodes =
      caller.stringEncoding != binary::StringEncoding::Utf8 || callee.stringEncoding != binary::StringEncoding::Utf8;
  auto visit = [&](TypeRef t) {
    usesScratch |= t->kind == Kind::List && !IsPlainData(t->element);
    usesScratch |= transcodes && t->kind == Kind::Primitive && t->prim == component::PrimValType::String;
  };
  ForEachNestedType(paramsTuple, visit);
  ForEachNestedType(sig.result, visit);
  if (usesScratch) b.CreateCall(caller.program.runtime().scratchReset(), {});
  if (returnValue)
    b.CreateRet(returnValue);
  else
    b.CreateRetVoid();
}

}  // namespace wacc::abi
