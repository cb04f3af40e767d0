// Loads, stores, memory.size/grow and the bulk memory instructions.
//
// Guard-page mode (the default): the runtime reserves 4 GiB + guard regions,
// so base + zext(addr) + offset needs no check. With boundsChecks every
// access compares its end against the current size. Bulk instructions are
// always checked: the spec requires them to trap before writing anything.
// A 64-bit memory's (memory64) addresses reach past any guard region, so
// its accesses are always checked, as Wasmtime checks them.
//
// In guard-page mode the trap of an out-of-bounds load is the load itself,
// and LLVM deletes loads whose results end up unused (a dropped sum, a
// local never read, a call result dropped after inlining, `x * 0`), and
// calls to functions that only load when their results are unused. Every
// load's value is therefore handed to an empty `asm sideeffect` that reads
// it in a register and touches no memory (wasm2c's FORCE_READ does the
// same): the optimiser keeps the load and the asm, which orders no memory
// access, and the function containing it is no longer `willreturn`, so
// calls to it stay. llvm.fake.use would do in one function but the inliner
// deletes the fake uses of the code it inlines; once inlining is over,
// codegen's KeptLoadsToFakeUsesPass turns each asm into one (an asm is a
// call to the loop unroller and a scheduling barrier to the machine
// scheduler; the fake use is neither), or drops it where the load's value
// is stored or passed on within its block (KeptLoads.h): a fake use stops
// the loop vectoriser and load folding. With boundsChecks, and in a 64-bit
// memory, the explicit check traps and no asm is needed.
#include "compiler/lower/FunctionTranslator.h"
#include "llvm/IR/InlineAsm.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

llvm::Value* FunctionTranslator::memoryBase(uint32_t memIndex) {
  llvm::GlobalVariable* memory = state_.symbols.memories[memIndex];
  llvm::StructType* memType = ctx_.runtime().memoryType();
  llvm::LoadInst* base =
      b_.CreateLoad(b_.getPtrTy(), b_.CreateStructGEP(memType, memory, RuntimeABI::kMemoryBase), "membase");
  // The base never moves once instantiate (never inlined) has set it.
  base->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(ctx_.context(), {}));
  return base;
}

llvm::Value* FunctionTranslator::memoryByteSize(uint32_t memIndex) {
  llvm::GlobalVariable* memory = state_.symbols.memories[memIndex];
  llvm::StructType* memType = ctx_.runtime().memoryType();
  llvm::Value* pages =
      b_.CreateLoad(b_.getInt64Ty(), b_.CreateStructGEP(memType, memory, RuntimeABI::kMemoryPages), "pages");
  return b_.CreateShl(pages, 16);
}

void FunctionTranslator::checkRange(llvm::Value* start64, llvm::Value* length64, llvm::Value* limit64, uint32_t reason,
                                    bool wide) {
  if (!wide) {
    // Zero-extended 32-bit values: the sum cannot overflow.
    trapIf(b_.CreateICmpUGT(b_.CreateAdd(start64, length64), limit64), reason);
    return;
  }
  // limit - start cannot underflow once start <= limit is known.
  llvm::Value* startBeyond = b_.CreateICmpUGT(start64, limit64);
  llvm::Value* lengthBeyond = b_.CreateICmpUGT(length64, b_.CreateSub(limit64, start64));
  trapIf(b_.CreateLogicalOr(startBeyond, lengthBeyond), reason);
}

llvm::Value* FunctionTranslator::popAs64() { return b_.CreateZExt(pop(), b_.getInt64Ty()); }

llvm::Value* FunctionTranslator::effectiveAddress(const binary::MemArg& arg, llvm::Value* addr, uint64_t accessSize) {
  if (memoryIs64(arg.memoryIndex)) {
    // addr + offset + accessSize <= size, where offset + accessSize may
    // itself exceed 64 bits: an i128 sum, folded to a constant but for addr.
    llvm::Type* i128 = b_.getInt128Ty();
    llvm::Value* end = b_.CreateAdd(b_.CreateZExt(addr, i128),
                                    llvm::ConstantInt::get(i128, llvm::APInt(128, arg.offset) + accessSize));
    trapIf(b_.CreateICmpUGT(end, b_.CreateZExt(memoryByteSize(arg.memoryIndex), i128)), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
    return b_.CreateInBoundsGEP(b_.getInt8Ty(), memoryBase(arg.memoryIndex),
                                b_.CreateAdd(addr, b_.getInt64(arg.offset)));
  }
  llvm::Value* addr64 = b_.CreateZExt(addr, b_.getInt64Ty());
  llvm::Value* offset = b_.CreateAdd(addr64, b_.getInt64(arg.offset));
  if (ctx_.options().boundsChecks)
    checkRange(offset, b_.getInt64(accessSize), memoryByteSize(arg.memoryIndex), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
  return b_.CreateInBoundsGEP(b_.getInt8Ty(), memoryBase(arg.memoryIndex), offset);
}

llvm::Value* FunctionTranslator::memoryLoad(llvm::Type* type, llvm::Value* ptr, uint32_t memIndex) {
  llvm::LoadInst* load = b_.CreateAlignedLoad(type, ptr, llvm::Align(1));
  if (ctx_.options().boundsChecks || memoryIs64(memIndex)) return load;
  // An integer in a general register; floats and vectors in an SSE / NEON one.
  const char* constraint = type->isIntegerTy() ? "r" : ctx_.isAArch64() ? "w" : "x";
  auto* asmType = llvm::FunctionType::get(b_.getVoidTy(), {type}, /*isVarArg=*/false);
  llvm::CallInst* read = b_.CreateCall(llvm::InlineAsm::get(asmType, "", constraint, /*hasSideEffects=*/true), {load});
  read->setDoesNotAccessMemory();
  read->setDoesNotThrow();
  return load;
}

void FunctionTranslator::lowerLoad(const Instruction& inst, llvm::Type* memType, llvm::Type* resultType,
                                   bool signExtend) {
  llvm::Value* addr = pop();
  uint64_t size = memType->getPrimitiveSizeInBits() / 8;
  llvm::Value* ptr = effectiveAddress(inst.memArg, addr, size);
  llvm::Value* v = memoryLoad(memType, ptr, inst.memArg.memoryIndex);
  if (memType != resultType) v = signExtend ? b_.CreateSExt(v, resultType) : b_.CreateZExt(v, resultType);
  push(v);
}

void FunctionTranslator::lowerStore(const Instruction& inst, llvm::Type* memType) {
  llvm::Value* value = pop();
  llvm::Value* addr = pop();
  uint64_t size = memType->getPrimitiveSizeInBits() / 8;
  llvm::Value* ptr = effectiveAddress(inst.memArg, addr, size);
  if (value->getType() != memType) value = b_.CreateTrunc(value, memType);
  b_.CreateAlignedStore(value, ptr, llvm::Align(1));
}

bool FunctionTranslator::lowerMemory(const Instruction& inst) {
  llvm::Type* i8 = b_.getInt8Ty();
  llvm::Type* i16 = b_.getInt16Ty();
  llvm::Type* i32 = b_.getInt32Ty();
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::Type* f32 = b_.getFloatTy();
  llvm::Type* f64 = b_.getDoubleTy();
  switch (inst.opcode) {
    case Opcode::I32Load: lowerLoad(inst, i32, i32, false); return true;
    case Opcode::I64Load: lowerLoad(inst, i64, i64, false); return true;
    case Opcode::F32Load: lowerLoad(inst, f32, f32, false); return true;
    case Opcode::F64Load: lowerLoad(inst, f64, f64, false); return true;
    case Opcode::I32Load8S: lowerLoad(inst, i8, i32, true); return true;
    case Opcode::I32Load8U: lowerLoad(inst, i8, i32, false); return true;
    case Opcode::I32Load16S: lowerLoad(inst, i16, i32, true); return true;
    case Opcode::I32Load16U: lowerLoad(inst, i16, i32, false); return true;
    case Opcode::I64Load8S: lowerLoad(inst, i8, i64, true); return true;
    case Opcode::I64Load8U: lowerLoad(inst, i8, i64, false); return true;
    case Opcode::I64Load16S: lowerLoad(inst, i16, i64, true); return true;
    case Opcode::I64Load16U: lowerLoad(inst, i16, i64, false); return true;
    case Opcode::I64Load32S: lowerLoad(inst, i32, i64, true); return true;
    case Opcode::I64Load32U: lowerLoad(inst, i32, i64, false); return true;
    case Opcode::I32Store: lowerStore(inst, i32); return true;
    case Opcode::I64Store: lowerStore(inst, i64); return true;
    case Opcode::F32Store: lowerStore(inst, f32); return true;
    case Opcode::F64Store: lowerStore(inst, f64); return true;
    case Opcode::I32Store8: lowerStore(inst, i8); return true;
    case Opcode::I32Store16: lowerStore(inst, i16); return true;
    case Opcode::I64Store8: lowerStore(inst, i8); return true;
    case Opcode::I64Store16: lowerStore(inst, i16); return true;
    case Opcode::I64Store32: lowerStore(inst, i32); return true;
    case Opcode::MemorySize: {
      llvm::Value* pages = b_.CreateLShr(memoryByteSize(inst.index), 16);
      push(memoryIs64(inst.index) ? pages : b_.CreateTrunc(pages, i32));
      return true;
    }
    case Opcode::MemoryGrow: {
      llvm::Value* delta = pop();
      llvm::Value* memory = state_.symbols.memories[inst.index];
      if (!memoryIs64(inst.index)) {
        push(b_.CreateCall(ctx_.runtime().memoryGrow(), {memory, delta}));
        return true;
      }
      // The runtime grows by 32-bit deltas (no memory reaches 2^32 pages);
      // a larger one fails as 0xFFFFFFFF does. Sizes it returns are below
      // 2^31 pages, so sign extension makes its failure -1 and keeps them.
      llvm::Value* fits = b_.CreateICmpULE(delta, b_.getInt64(UINT32_MAX));
      llvm::Value* delta32 = b_.CreateSelect(fits, b_.CreateTrunc(delta, i32), b_.getInt32(UINT32_MAX));
      push(b_.CreateSExt(b_.CreateCall(ctx_.runtime().memoryGrow(), {memory, delta32}), i64));
      return true;
    }
    case Opcode::MemoryFill: {
      llvm::Value* n = popAs64();
      llvm::Value* value = b_.CreateTrunc(pop(), i8);
      llvm::Value* d = popAs64();
      checkRange(d, n, memoryByteSize(inst.index), WACC_TRAP_MEMORY_OUT_OF_BOUNDS, memoryIs64(inst.index));
      b_.CreateMemSet(b_.CreateInBoundsGEP(i8, memoryBase(inst.index), d), value, n, llvm::MaybeAlign(1));
      return true;
    }
    case Opcode::MemoryCopy: {
      llvm::Value* n = popAs64();
      llvm::Value* s = popAs64();
      llvm::Value* d = popAs64();
      bool wide = memoryIs64(inst.index) || memoryIs64(inst.index2);
      if (wide) {
        checkRange(s, n, memoryByteSize(inst.index2), WACC_TRAP_MEMORY_OUT_OF_BOUNDS, /*wide=*/true);
        checkRange(d, n, memoryByteSize(inst.index), WACC_TRAP_MEMORY_OUT_OF_BOUNDS, /*wide=*/true);
      } else if (inst.index == inst.index2) {
        // Within one memory, both ranges fit iff the higher one does: one
        // compare and one branch, not two (the trap is the same either way).
        // Two compares or-ed into one branch cost PCRE2's frame copy ten
        // instructions (bench/NOTES.md, session 8).
        checkRange(b_.CreateBinaryIntrinsic(llvm::Intrinsic::umax, s, d), n, memoryByteSize(inst.index),
                   WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
      } else {
        checkRange(s, n, memoryByteSize(inst.index2), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
        checkRange(d, n, memoryByteSize(inst.index), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
      }
      b_.CreateMemMove(b_.CreateInBoundsGEP(i8, memoryBase(inst.index), d), llvm::MaybeAlign(1),
                       b_.CreateInBoundsGEP(i8, memoryBase(inst.index2), s), llvm::MaybeAlign(1), n);
      return true;
    }
    case Opcode::MemoryInit: {
      const SegmentStorage& segment = state_.datas[inst.index];
      llvm::Value* n = popAs64();
      llvm::Value* s = popAs64();
      llvm::Value* d = popAs64();
      llvm::Value* segmentLength = b_.CreateZExt(b_.CreateLoad(i32, segment.length), i64);
      checkRange(s, n, segmentLength, WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
      checkRange(d, n, memoryByteSize(inst.index2), WACC_TRAP_MEMORY_OUT_OF_BOUNDS, memoryIs64(inst.index2));
      b_.CreateMemCpy(b_.CreateInBoundsGEP(i8, memoryBase(inst.index2), d), llvm::MaybeAlign(1),
                      b_.CreateInBoundsGEP(i8, segment.contents, s), llvm::MaybeAlign(1), n);
      return true;
    }
    case Opcode::DataDrop: b_.CreateStore(b_.getInt32(0), state_.datas[inst.index].length); return true;
    default: return false;
  }
}

}  // namespace wacc::lower
