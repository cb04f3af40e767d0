// v128 loads and stores: whole vectors, extending loads, splat and zero
// loads, and single-lane loads/stores. Addresses go through the same
// effectiveAddress() as scalar accesses, so guard-page and bounds-check modes
// behave identically; every access is unaligned (wasm alignment is a hint).
#include "compiler/lower/FunctionTranslator.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

bool FunctionTranslator::lowerSimdMemory(const Instruction& inst) {
  // Pops the address and loads `bytes` bytes as `t`.
  auto load = [&](llvm::Type* t, uint64_t bytes) -> llvm::Value* {
    llvm::Value* ptr = effectiveAddress(inst.memArg, pop(), bytes);
    return memoryLoad(t, ptr, inst.memArg.memoryIndex);
  };
  auto store = [&](llvm::Value* value, uint64_t bytes) {
    llvm::Value* ptr = effectiveAddress(inst.memArg, pop(), bytes);
    b_.CreateAlignedStore(value, ptr, llvm::Align(1));
  };
  // Eight bytes as `lanes` lanes, each extended to twice its width.
  auto loadExtend = [&](unsigned laneBits, bool isSigned) {
    unsigned lanes = 64 / laneBits;
    llvm::Value* narrow = load(llvm::FixedVectorType::get(b_.getIntNTy(laneBits), lanes), 8);
    llvm::Type* wide = intShape(laneBits * 2);
    pushVector(isSigned ? b_.CreateSExt(narrow, wide) : b_.CreateZExt(narrow, wide));
  };
  auto loadSplat = [&](unsigned laneBits) {
    llvm::Value* x = load(b_.getIntNTy(laneBits), laneBits / 8);
    pushVector(b_.CreateVectorSplat(128 / laneBits, x));
  };
  auto loadZero = [&](unsigned laneBits) {
    llvm::Value* x = load(b_.getIntNTy(laneBits), laneBits / 8);
    pushVector(b_.CreateInsertElement(llvm::Constant::getNullValue(intShape(laneBits)), x, uint64_t(0)));
  };
  auto loadLane = [&](unsigned laneBits) {
    llvm::Value* v = popVector(intShape(laneBits));
    llvm::Value* x = load(b_.getIntNTy(laneBits), laneBits / 8);
    pushVector(b_.CreateInsertElement(v, x, uint64_t(inst.lane)));
  };
  auto storeLane = [&](unsigned laneBits) {
    llvm::Value* v = popVector(intShape(laneBits));
    store(b_.CreateExtractElement(v, uint64_t(inst.lane)), laneBits / 8);
  };
  switch (inst.opcode) {
    case Opcode::V128Load: push(load(type(binary::ValType::V128), 16)); return true;
    case Opcode::V128Load8x8S: loadExtend(8, true); return true;
    case Opcode::V128Load8x8U: loadExtend(8, false); return true;
    case Opcode::V128Load16x4S: loadExtend(16, true); return true;
    case Opcode::V128Load16x4U: loadExtend(16, false); return true;
    case Opcode::V128Load32x2S: loadExtend(32, true); return true;
    case Opcode::V128Load32x2U: loadExtend(32, false); return true;
    case Opcode::V128Load8Splat: loadSplat(8); return true;
    case Opcode::V128Load16Splat: loadSplat(16); return true;
    case Opcode::V128Load32Splat: loadSplat(32); return true;
    case Opcode::V128Load64Splat: loadSplat(64); return true;
    case Opcode::V128Load32Zero: loadZero(32); return true;
    case Opcode::V128Load64Zero: loadZero(64); return true;
    case Opcode::V128Load8Lane: loadLane(8); return true;
    case Opcode::V128Load16Lane: loadLane(16); return true;
    case Opcode::V128Load32Lane: loadLane(32); return true;
    case Opcode::V128Load64Lane: loadLane(64); return true;
    case Opcode::V128Store: {
      llvm::Value* v = popVector(intShape(32));
      store(v, 16);
      return true;
    }
    case Opcode::V128Store8Lane: storeLane(8); return true;
    case Opcode::V128Store16Lane: storeLane(16); return true;
    case Opcode::V128Store32Lane: storeLane(32); return true;
    case Opcode::V128Store64Lane: storeLane(64); return true;
    default: return false;
  }
}

}  // namespace wacc::lower
