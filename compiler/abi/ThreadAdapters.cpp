// Code generation for the cooperative threads of the component model
// (CanonicalABI.md, the 🧵 built-ins thread.index, thread.new-indirect,
// thread.resume-later, thread.suspend and the suspend/yield-then-resume/
// promote switches). Each trampoline checks what the guest can get wrong
// here (calling from a post-return function, a bad table slot) and calls the
// runtime (wacc/Async.h, runtime-support/core/Async.cpp), which keeps the
// threads: a fiber each, numbered per component instance.
#include "compiler/abi/Adapters.h"
#include "compiler/abi/ValueTranslator.h"
#include "llvm/IR/MDBuilder.h"
#include "wacc/Async.h"
#include "wacc/Runtime.h"

namespace wacc::abi {

using B = binary::CanonBuiltin;

namespace {

// Traps with `reason` when `condition` holds (an unlikely branch).
void TrapIf(AdapterContext& ctx, llvm::IRBuilder<>& b, llvm::Value* condition, uint32_t reason) {
  llvm::Function* f = b.GetInsertBlock()->getParent();
  auto& c = f->getContext();
  llvm::BasicBlock* trap = llvm::BasicBlock::Create(c, "thread.trap", f);
  llvm::BasicBlock* cont = llvm::BasicBlock::Create(c, "thread.ok", f);
  b.CreateCondBr(condition, trap, cont, llvm::MDBuilder(c).createUnlikelyBranchWeights());
  b.SetInsertPoint(trap);
  auto& rt = ctx.program.runtime();
  rt.emitTrap(b, reason, rt.cString(ctx.debugName));
  b.SetInsertPoint(cont);
}

// thread.new-indirect's start function: table[index], which must be a
// funcref of type (func (param i32)), as call_indirect would check it.
llvm::Value* StartFunction(AdapterContext& ctx, llvm::IRBuilder<>& b, llvm::Value* index) {
  lower::ProgramContext& program = ctx.program;
  llvm::StructType* tableType = program.tableType();
  llvm::Value* size =
      b.CreateLoad(b.getInt32Ty(), b.CreateStructGEP(tableType, ctx.table, lower::ProgramContext::kTableSize));
  TrapIf(ctx, b, b.CreateICmpUGE(index, size), WACC_TRAP_TABLE_OUT_OF_BOUNDS);
  llvm::Value* elements =
      b.CreateLoad(b.getPtrTy(), b.CreateStructGEP(tableType, ctx.table, lower::ProgramContext::kTableElements));
  llvm::Value* ref =
      b.CreateLoad(b.getPtrTy(), b.CreateInBoundsGEP(b.getPtrTy(), elements, b.CreateZExt(index, b.getInt64Ty())));
  TrapIf(ctx, b, b.CreateICmpEQ(ref, llvm::ConstantPointerNull::get(b.getPtrTy())),
         WACC_TRAP_UNINITIALIZED_ELEMENT);
  llvm::StructType* descriptor = program.funcRefDescriptorType();
  llvm::Value* sig =
      b.CreateLoad(b.getInt32Ty(), b.CreateStructGEP(descriptor, ref, lower::ProgramContext::kDescriptorSignature));
  binary::FuncType start{{binary::ValType::I32}, {}};
  TrapIf(ctx, b, b.CreateICmpNE(sig, b.getInt32(program.signatureId(start))), WACC_TRAP_INDIRECT_CALL_TYPE);
  return b.CreateLoad(b.getPtrTy(), b.CreateStructGEP(descriptor, ref, lower::ProgramContext::kDescriptorCode));
}

uint32_t SwitchOp(B builtin) {
  switch (builtin) {
    case B::ThreadSuspendThenResume: return WACC_THREAD_SUSPEND_THEN_RESUME;
    case B::ThreadYieldThenResume: return WACC_THREAD_YIELD_THEN_RESUME;
    case B::ThreadSuspendThenPromote: return WACC_THREAD_SUSPEND_THEN_PROMOTE;
    case B::ThreadYieldThenPromote: return WACC_THREAD_YIELD_THEN_PROMOTE;
    default: return WACC_THREAD_SUSPEND;
  }
}

}  // namespace

bool IsThreadBuiltin(binary::CanonBuiltin builtin) {
  return builtin >= B::ThreadIndex && builtin <= B::ThreadYieldThenPromote;
}

void EmitThreadBuiltin(AdapterContext& ctx, binary::CanonBuiltin builtin, bool cancellable, llvm::Function* f) {
  auto& c = f->getContext();
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", f));
  auto& rt = ctx.program.runtime();
  llvm::Value* table = ctx.handleTable;
  // Every thread built-in traps in a post-return function (may_leave).
  ValueTranslator(ctx, b, Direction::GuestToHost).checkMayLeave();
  switch (builtin) {
    case B::ThreadIndex: b.CreateRet(b.CreateCall(rt.threadIndex(), {table})); return;
    case B::ThreadNewIndirect: {
      llvm::Value* start = StartFunction(ctx, b, f->getArg(0));
      b.CreateRet(b.CreateCall(rt.threadNew(), {table, start, f->getArg(1)}));
      return;
    }
    case B::ThreadResumeLater:
      b.CreateCall(rt.threadResumeLater(), {table, f->getArg(0)});
      b.CreateRetVoid();
      return;
    default: {
      llvm::Value* index = builtin == B::ThreadSuspend ? static_cast<llvm::Value*>(b.getInt32(0)) : f->getArg(0);
      b.CreateRet(b.CreateCall(rt.threadSwitch(),
                               {table, b.getInt32(SwitchOp(builtin)), b.getInt32(cancellable ? 1 : 0), index}));
      return;
    }
  }
}

}  // namespace wacc::abi
