// A driver's call of a lifted export, through the driver's own linear
// memory: the fused adapter's steps with the caller's side always in memory
// (parameters as a spilled tuple, the result at a return pointer), so a
// driver needs no per-signature code of its own.
#include "compiler/abi/Adapters.h"
#include "compiler/abi/ValueTranslator.h"
#include "wacc/Async.h"

namespace wacc::abi {

using Kind = ValueType::Kind;

void EmitExportCall(AdapterContext& caller, AdapterContext& callee, const FuncSignature& sig, llvm::Function* fn,
                    llvm::Function* calleeCore) {
  auto& c = fn->getContext();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", fn));
  CoreSignature lifted = LiftSignature(sig);
  component::TypeArena arena;
  ValueType tupleType;
  tupleType.kind = Kind::Tuple;
  for (const auto& p : sig.params) tupleType.fields.push_back({"", p.type});
  TypeRef paramsTuple = arena.intern(std::move(tupleType));
  llvm::Value* argsAddress = fn->getArg(0);
  llvm::Value* resultAddress = fn->getArg(1);

  ValueTranslator guard(callee, b, Direction::HostToGuest);
  guard.checkMayEnter();
  // In a program using the async ABI the call is a task (wacc/Async.h).
  llvm::Value* task = nullptr;
  if (callee.asyncTasks)
    task = b.CreateCall(caller.program.runtime().taskBegin(),
                        {callee.handleTable, b.getInt32(sig.isAsync ? WACC_TASK_ASYNC_TYPE : 0)});

  // 1. The caller's tuple of arguments, as host values.
  SlotSink hostArgs(b, Flatten(paramsTuple, Side::Host));
  ValueTranslator liftArgs(caller, b, Direction::GuestToHost);
  MemoryLayout tupleLayout = LayoutOf(paramsTuple);
  liftArgs.checkRange(argsAddress, b.getInt64(tupleLayout.size), tupleLayout.align);
  liftArgs.load(paramsTuple, argsAddress, hostArgs);

  // 2. Lowered into the callee.
  ValueTranslator lowerArgs(callee, b, Direction::HostToGuest);
  lowerArgs.beginBorrowScope();
  std::vector<llvm::Value*> calleeArgs;
  {
    auto src = MakeValueSource(hostArgs.load(b));
    if (lifted.paramsSpilled) {
      llvm::Value* tuple =
          CallRealloc(b, callee, {b.getInt32(0), b.getInt32(0), b.getInt32(tupleLayout.align), b.getInt32(tupleLayout.size)});
      lowerArgs.checkRange(tuple, b.getInt64(tupleLayout.size), tupleLayout.align);
      lowerArgs.store(paramsTuple, *src, tuple);
      calleeArgs.push_back(tuple);
    } else {
      SlotSink guestArgs(b, Flatten(paramsTuple, Side::Guest));
      lowerArgs.translate(paramsTuple, *src, guestArgs);
      calleeArgs = guestArgs.load(b);
    }
  }

  // 3. The call, and its result lifted into host slots.
  llvm::CallInst* call = b.CreateCall(calleeCore, calleeArgs);
  call->setCallingConv(calleeCore->getCallingConv());
  lowerArgs.endBorrowScope();
  if (sig.result) {
    size_t count = Flatten(sig.result, Side::Host).size();
    llvm::IRBuilder<> entry(&fn->getEntryBlock(), fn->getEntryBlock().begin());
    llvm::Value* hostResults = entry.CreateAlloca(llvm::ArrayType::get(b.getInt64Ty(), std::max<size_t>(1, count)));
    LiftCoreResults(callee, b, sig.result, lifted.resultsSpilled, call, hostResults);
    // 4. Stored in the caller's memory.
    ValueTranslator store(caller, b, Direction::HostToGuest);
    MemoryLayout l = LayoutOf(sig.result);
    store.checkRange(resultAddress, b.getInt64(l.size), l.align);
    auto src = MakeHostResultsSource(hostResults, count);
    store.store(sig.result, *src, resultAddress);
  }

  // 5. Only now may the callee free what it returned.
  if (callee.postReturn) {
    std::vector<llvm::Value*> postArgs;
    if (sig.result) postArgs.push_back(call);
    CallWithoutLeaving(b, callee, callee.postReturn, postArgs);
  }
  if (task) b.CreateCall(caller.program.runtime().taskEnd(), {task});
  b.CreateCall(caller.program.runtime().scratchReset(), {});
  b.CreateStore(b.getInt8(1), callee.mayEnter);
  b.CreateRetVoid();
}

}  // namespace wacc::abi
