// The threads proposal's atomic instructions: loads, stores, read-modify-
// writes and compare-exchanges of 8 to 64 bits, atomic.fence, and
// memory.atomic.wait32/wait64/notify.
//
// Each access becomes LLVM's sequentially consistent atomic of its width
// (wasm's atomics are all seq_cst), narrow ones zero-extended; so the code
// stays right however many threads share the memory, though wacc runs a
// program on one. An atomic access must be naturally aligned: an address
// that is not traps with "unaligned atomic" before anything else is checked
// (Wasmtime checks alignment first too). Out of bounds traps as any access
// does (the guard pages, or the explicit checks of effectiveAddress).
//
// Narrow compare-exchanges compare the expected value wrapped to the access
// width, as Wasmtime's do. No thread can call notify, and wait has nobody
// to wake it: notify checks its address and wakes 0 waiters; wait on a
// shared memory returns 1 ("not-equal") when the value differs, else
// sleeps out its timeout in the runtime and returns 2 ("timed-out"); on an
// unshared memory it traps, as the proposal requires.
#include "compiler/lower/FunctionTranslator.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

namespace {

// The seven access shapes each group of atomic opcodes repeats, in code
// order: i32, i64, i32 of 8 bits, i32 of 16, i64 of 8, i64 of 16, i64 of 32.
struct AccessShape {
  uint8_t bytes;
  bool is64;
};
constexpr AccessShape kShapes[7] = {{4, false}, {8, true}, {1, false}, {2, false}, {1, true}, {2, true}, {4, true}};

constexpr uint32_t kFirstLoad = 0x10, kFirstStore = 0x17, kFirstRmw = 0x1E, kCmpxchgGroup = 6;
constexpr llvm::AtomicRMWInst::BinOp kRmwOps[6] = {llvm::AtomicRMWInst::Add, llvm::AtomicRMWInst::Sub,
                                                   llvm::AtomicRMWInst::And, llvm::AtomicRMWInst::Or,
                                                   llvm::AtomicRMWInst::Xor, llvm::AtomicRMWInst::Xchg};
constexpr auto kSeqCst = llvm::AtomicOrdering::SequentiallyConsistent;

}  // namespace

llvm::Value* FunctionTranslator::atomicAddress(const binary::MemArg& arg, llvm::Value* addr, uint64_t bytes) {
  if (bytes > 1) {
    // Only the low bits of addr + offset matter, so a wrapping i64 sum will do.
    llvm::Value* ea = b_.CreateAdd(b_.CreateZExt(addr, b_.getInt64Ty()), b_.getInt64(arg.offset));
    trapIf(b_.CreateICmpNE(b_.CreateAnd(ea, b_.getInt64(bytes - 1)), b_.getInt64(0)), WACC_TRAP_UNALIGNED_ATOMIC);
  }
  return effectiveAddress(arg, addr, bytes);
}

bool FunctionTranslator::lowerAtomic(const Instruction& inst) {
  if (binary::OpcodePrefix(inst.opcode) != 0xFE) return false;
  switch (inst.opcode) {
    case Opcode::AtomicFence: b_.CreateFence(kSeqCst); return true;
    case Opcode::MemoryAtomicNotify: {
      pop();  // how many waiters to wake: there are none
      llvm::Value* ptr = atomicAddress(inst.memArg, pop(), 4);
      // A load, so that an address beyond the memory faults in guard-page mode.
      b_.CreateAlignedLoad(b_.getInt32Ty(), ptr, llvm::Align(4))->setAtomic(kSeqCst);
      push(b_.getInt32(0));
      return true;
    }
    case Opcode::MemoryAtomicWait32: lowerAtomicWait(inst, b_.getInt32Ty()); return true;
    case Opcode::MemoryAtomicWait64: lowerAtomicWait(inst, b_.getInt64Ty()); return true;
    default: break;
  }
  uint32_t code = binary::OpcodeCode(inst.opcode);
  const AccessShape& shape = kShapes[(code - kFirstLoad) % 7];
  llvm::Type* memType = b_.getIntNTy(shape.bytes * 8);
  llvm::Type* valueType = shape.is64 ? b_.getInt64Ty() : b_.getInt32Ty();
  llvm::Align align(shape.bytes);
  if (code < kFirstStore) {
    llvm::LoadInst* load = b_.CreateAlignedLoad(memType, atomicAddress(inst.memArg, pop(), shape.bytes), align);
    load->setAtomic(kSeqCst);
    push(b_.CreateZExt(load, valueType));
    return true;
  }
  if (code < kFirstRmw) {
    llvm::Value* value = b_.CreateTrunc(pop(), memType);
    b_.CreateAlignedStore(value, atomicAddress(inst.memArg, pop(), shape.bytes), align)->setAtomic(kSeqCst);
    return true;
  }
  uint32_t group = (code - kFirstRmw) / 7;
  if (group == kCmpxchgGroup) {
    llvm::Value* replacement = b_.CreateTrunc(pop(), memType);
    llvm::Value* expected = b_.CreateTrunc(pop(), memType);
    llvm::Value* ptr = atomicAddress(inst.memArg, pop(), shape.bytes);
    llvm::Value* pair = b_.CreateAtomicCmpXchg(ptr, expected, replacement, align, kSeqCst, kSeqCst);
    push(b_.CreateZExt(b_.CreateExtractValue(pair, 0), valueType));
    return true;
  }
  llvm::Value* operand = b_.CreateTrunc(pop(), memType);
  llvm::Value* ptr = atomicAddress(inst.memArg, pop(), shape.bytes);
  push(b_.CreateZExt(b_.CreateAtomicRMW(kRmwOps[group], ptr, operand, align, kSeqCst), valueType));
  return true;
}

void FunctionTranslator::lowerAtomicWait(const Instruction& inst, llvm::Type* valueType) {
  llvm::Value* timeout = pop();
  llvm::Value* expected = pop();
  uint64_t bytes = valueType->getIntegerBitWidth() / 8;
  llvm::Value* ptr = atomicAddress(inst.memArg, pop(), bytes);
  if (!state_.module.memories[inst.memArg.memoryIndex].shared) {
    trapAlways(WACC_TRAP_WAIT_ON_UNSHARED_MEMORY);
    return;
  }
  llvm::LoadInst* current = b_.CreateAlignedLoad(valueType, ptr, llvm::Align(bytes));
  current->setAtomic(kSeqCst);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* sleep = newBlock("wait.sleep");
  llvm::BasicBlock* done = newBlock("wait.done");
  b_.CreateCondBr(b_.CreateICmpEQ(current, expected), sleep, done);
  b_.SetInsertPoint(sleep);
  llvm::Value* timedOut = b_.CreateCall(ctx_.runtime().atomicWait(), {timeout});
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* result = b_.CreatePHI(b_.getInt32Ty(), 2, "wait.result");
  result->addIncoming(b_.getInt32(1), from);  // "not-equal"
  result->addIncoming(timedOut, sleep);
  push(result);
}

}  // namespace wacc::lower
