// table.get/set/size/grow/fill/copy/init, elem.drop, ref.null/is_null/func.
//
// A table is { ptr elements, i32 size, i32 capacity } (ProgramContext.h);
// growing past `capacity` fails (returns -1), which the spec allows.
#include "compiler/lower/FunctionTranslator.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

llvm::Value* FunctionTranslator::tableField(uint32_t tableIndex, unsigned field) {
  llvm::GlobalVariable* table = state_.symbols.tables[tableIndex];
  llvm::Type* fieldType =
      field == ProgramContext::kTableElements ? static_cast<llvm::Type*>(b_.getPtrTy()) : b_.getInt32Ty();
  return b_.CreateLoad(fieldType, b_.CreateStructGEP(ctx_.tableType(), table, field));
}

llvm::Value* FunctionTranslator::tableElementAddress(uint32_t tableIndex, llvm::Value* index32) {
  llvm::Value* elements = tableField(tableIndex, ProgramContext::kTableElements);
  return b_.CreateInBoundsGEP(b_.getPtrTy(), elements, b_.CreateZExt(index32, b_.getInt64Ty()));
}

// Stores `value` into elements[start, start + count) with an explicit loop.
static void EmitFillLoop(llvm::IRBuilder<>& b, llvm::Function* f, llvm::Value* elements, llvm::Value* start64,
                         llvm::Value* count64, llvm::Value* value) {
  llvm::LLVMContext& c = f->getContext();
  llvm::BasicBlock* before = b.GetInsertBlock();
  llvm::BasicBlock* loop = llvm::BasicBlock::Create(c, "fill.loop", f);
  llvm::BasicBlock* done = llvm::BasicBlock::Create(c, "fill.done", f);
  llvm::Value* end = b.CreateAdd(start64, count64);
  b.CreateCondBr(b.CreateICmpEQ(count64, b.getInt64(0)), done, loop);
  b.SetInsertPoint(loop);
  llvm::PHINode* i = b.CreatePHI(b.getInt64Ty(), 2);
  i->addIncoming(start64, before);
  b.CreateStore(value, b.CreateInBoundsGEP(b.getPtrTy(), elements, i));
  llvm::Value* next = b.CreateAdd(i, b.getInt64(1));
  i->addIncoming(next, loop);
  b.CreateCondBr(b.CreateICmpEQ(next, end), done, loop);
  b.SetInsertPoint(done);
}

bool FunctionTranslator::lowerTable(const Instruction& inst) {
  llvm::Type* i32 = b_.getInt32Ty();
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::Type* ptr = b_.getPtrTy();
  uint64_t pointerBytes = state_.ctx.module().getDataLayout().getPointerSize();
  switch (inst.opcode) {
    case Opcode::RefNull: push(llvm::ConstantPointerNull::get(b_.getPtrTy())); return true;
    case Opcode::RefIsNull:
      push(b_.CreateZExt(b_.CreateICmpEQ(pop(), llvm::ConstantPointerNull::get(b_.getPtrTy())), i32));
      return true;
    case Opcode::RefFunc: push(ctx_.funcRef(state_.symbols.funcs[inst.index], funcType(inst.index))); return true;
    case Opcode::TableGet: {
      llvm::Value* index = pop();
      trapIf(b_.CreateICmpUGE(index, tableField(inst.index, ProgramContext::kTableSize)),
             WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      push(b_.CreateLoad(ptr, tableElementAddress(inst.index, index)));
      return true;
    }
    case Opcode::TableSet: {
      llvm::Value* value = pop();
      llvm::Value* index = pop();
      trapIf(b_.CreateICmpUGE(index, tableField(inst.index, ProgramContext::kTableSize)),
             WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      b_.CreateStore(value, tableElementAddress(inst.index, index));
      return true;
    }
    case Opcode::TableSize: push(tableField(inst.index, ProgramContext::kTableSize)); return true;
    case Opcode::TableGrow: {
      llvm::Value* delta = b_.CreateZExt(pop(), i64);
      llvm::Value* init = pop();
      llvm::Value* oldSize = tableField(inst.index, ProgramContext::kTableSize);
      llvm::Value* capacity = b_.CreateZExt(tableField(inst.index, ProgramContext::kTableCapacity), i64);
      llvm::Value* old64 = b_.CreateZExt(oldSize, i64);
      llvm::Value* newSize = b_.CreateAdd(old64, delta);
      llvm::BasicBlock* grow = newBlock("table.grow");
      llvm::BasicBlock* done = newBlock("table.grow.done");
      llvm::BasicBlock* failed = b_.GetInsertBlock();
      b_.CreateCondBr(b_.CreateICmpUGT(newSize, capacity), done, grow);
      b_.SetInsertPoint(grow);
      EmitFillLoop(b_, function_, tableField(inst.index, ProgramContext::kTableElements), old64, delta, init);
      b_.CreateStore(
          b_.CreateTrunc(newSize, i32),
          b_.CreateStructGEP(ctx_.tableType(), state_.symbols.tables[inst.index], ProgramContext::kTableSize));
      llvm::BasicBlock* grown = b_.GetInsertBlock();
      b_.CreateBr(done);
      b_.SetInsertPoint(done);
      llvm::PHINode* result = b_.CreatePHI(i32, 2);
      result->addIncoming(b_.getInt32(-1), failed);
      result->addIncoming(oldSize, grown);
      push(result);
      return true;
    }
    case Opcode::TableFill: {
      llvm::Value* n = b_.CreateZExt(pop(), i64);
      llvm::Value* value = pop();
      llvm::Value* d = b_.CreateZExt(pop(), i64);
      llvm::Value* size = b_.CreateZExt(tableField(inst.index, ProgramContext::kTableSize), i64);
      checkRange(d, n, size, WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      EmitFillLoop(b_, function_, tableField(inst.index, ProgramContext::kTableElements), d, n, value);
      return true;
    }
    case Opcode::TableCopy: {
      llvm::Value* n = b_.CreateZExt(pop(), i64);
      llvm::Value* s = b_.CreateZExt(pop(), i64);
      llvm::Value* d = b_.CreateZExt(pop(), i64);
      checkRange(s, n, b_.CreateZExt(tableField(inst.index2, ProgramContext::kTableSize), i64),
                 WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      checkRange(d, n, b_.CreateZExt(tableField(inst.index, ProgramContext::kTableSize), i64),
                 WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      llvm::Value* dst = b_.CreateInBoundsGEP(ptr, tableField(inst.index, ProgramContext::kTableElements), d);
      llvm::Value* src = b_.CreateInBoundsGEP(ptr, tableField(inst.index2, ProgramContext::kTableElements), s);
      b_.CreateMemMove(dst, llvm::MaybeAlign(pointerBytes), src, llvm::MaybeAlign(pointerBytes),
                       b_.CreateMul(n, b_.getInt64(pointerBytes)));
      return true;
    }
    case Opcode::TableInit: {
      const SegmentStorage& segment = state_.elems[inst.index];
      llvm::Value* n = b_.CreateZExt(pop(), i64);
      llvm::Value* s = b_.CreateZExt(pop(), i64);
      llvm::Value* d = b_.CreateZExt(pop(), i64);
      checkRange(s, n, b_.CreateZExt(b_.CreateLoad(i32, segment.length), i64), WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      checkRange(d, n, b_.CreateZExt(tableField(inst.index2, ProgramContext::kTableSize), i64),
                 WACC_TRAP_TABLE_OUT_OF_BOUNDS);
      llvm::Value* dst = b_.CreateInBoundsGEP(ptr, tableField(inst.index2, ProgramContext::kTableElements), d);
      llvm::Value* src = b_.CreateInBoundsGEP(ptr, segment.contents, s);
      b_.CreateMemCpy(dst, llvm::MaybeAlign(pointerBytes), src, llvm::MaybeAlign(pointerBytes),
                      b_.CreateMul(n, b_.getInt64(pointerBytes)));
      return true;
    }
    case Opcode::ElemDrop: b_.CreateStore(b_.getInt32(0), state_.elems[inst.index].length); return true;
    default: return false;
  }
}

}  // namespace wacc::lower
