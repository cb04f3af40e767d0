// 128-bit SIMD: dispatch, lane shapes, and the lane-moving instructions
// (v128.const, shuffle, swizzle, splat, extract/replace_lane).
//
// A v128 value is always <4 x i32> on the operand stack, in locals and in
// globals; each instruction bitcasts it to the lane shape it works on and the
// result back. Both targets are little-endian, so lane i of <16 x i8> is byte
// i of the value, as wasm requires. Only generic IR and target-independent
// intrinsics are emitted: the backends legalise them to SSE2 (the x86-64
// baseline) or NEON.
#include <optional>

#include "compiler/lower/FunctionTranslator.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

llvm::FixedVectorType* FunctionTranslator::intShape(unsigned laneBits) {
  return llvm::FixedVectorType::get(b_.getIntNTy(laneBits), 128 / laneBits);
}

llvm::FixedVectorType* FunctionTranslator::floatShape(unsigned laneBits) {
  llvm::Type* lane = laneBits == 32 ? b_.getFloatTy() : b_.getDoubleTy();
  return llvm::FixedVectorType::get(lane, 128 / laneBits);
}

llvm::Value* FunctionTranslator::popVector(llvm::FixedVectorType* shape) {
  llvm::Value* v = pop();
  // Validation guarantees a v128 here; a gap must not produce a bad bitcast.
  if (!v->getType()->isVectorTy() || v->getType()->getPrimitiveSizeInBits() != 128)
    return llvm::PoisonValue::get(shape);
  return b_.CreateBitCast(v, shape);
}

void FunctionTranslator::pushVector(llvm::Value* v) { push(b_.CreateBitCast(v, type(binary::ValType::V128))); }

namespace {

// Relaxed SIMD (WebAssembly 3.0) lets an instruction return any of a few
// results, so that each target may use its fastest instruction. wacc gives
// most of them the result of a deterministic 2.0 instruction that is always
// among those allowed (as Wasmtime's `relaxed_simd_deterministic` does): the
// same on x86-64 and AArch64, and at every -O level. madd/nmadd (SimdFloat)
// may be fused or not, as the backend likes; the dot products (SimdInteger)
// read the second operand as signed and wrap.
std::optional<Opcode> DeterministicCounterpart(Opcode op) {
  switch (op) {
    case Opcode::I8x16RelaxedSwizzle: return Opcode::I8x16Swizzle;
    case Opcode::I32x4RelaxedTruncF32x4S: return Opcode::I32x4TruncSatF32x4S;
    case Opcode::I32x4RelaxedTruncF32x4U: return Opcode::I32x4TruncSatF32x4U;
    case Opcode::I32x4RelaxedTruncF64x2SZero: return Opcode::I32x4TruncSatF64x2SZero;
    case Opcode::I32x4RelaxedTruncF64x2UZero: return Opcode::I32x4TruncSatF64x2UZero;
    case Opcode::I8x16RelaxedLaneselect:
    case Opcode::I16x8RelaxedLaneselect:
    case Opcode::I32x4RelaxedLaneselect:
    case Opcode::I64x2RelaxedLaneselect: return Opcode::V128Bitselect;
    case Opcode::F32x4RelaxedMin: return Opcode::F32x4Min;
    case Opcode::F32x4RelaxedMax: return Opcode::F32x4Max;
    case Opcode::F64x2RelaxedMin: return Opcode::F64x2Min;
    case Opcode::F64x2RelaxedMax: return Opcode::F64x2Max;
    case Opcode::I16x8RelaxedQ15mulrS: return Opcode::I16x8Q15mulrSatS;
    default: return std::nullopt;
  }
}

}  // namespace

absl::StatusOr<bool> FunctionTranslator::lowerSimd(const Instruction& inst) {
  if (binary::OpcodePrefix(inst.opcode) != 0xFD) return false;
  if (std::optional<Opcode> counterpart = DeterministicCounterpart(inst.opcode)) {
    Instruction deterministic = inst;
    deterministic.opcode = *counterpart;
    return lowerSimd(deterministic);
  }
  if (lowerSimdLanes(inst) || lowerSimdMemory(inst) || lowerSimdInteger(inst) || lowerSimdFloat(inst)) return true;
  return UnsupportedError(inst.offset, "SIMD instruction %s", binary::OpcodeName(inst.opcode));
}

bool FunctionTranslator::lowerSimdLanes(const Instruction& inst) {
  llvm::FixedVectorType* i8x16 = intShape(8);
  // Wasm lane values arrive as i32 for 8/16-bit lanes.
  auto splat = [&](llvm::FixedVectorType* shape) {
    llvm::Value* x = pop();
    if (x->getType() != shape->getElementType()) x = b_.CreateTrunc(x, shape->getElementType());
    pushVector(b_.CreateVectorSplat(shape->getNumElements(), x));
  };
  auto extract = [&](llvm::FixedVectorType* shape, bool narrowSigned) {
    llvm::Value* lane = b_.CreateExtractElement(popVector(shape), uint64_t(inst.lane));
    if (shape->getScalarSizeInBits() < 32)
      lane = narrowSigned ? b_.CreateSExt(lane, b_.getInt32Ty()) : b_.CreateZExt(lane, b_.getInt32Ty());
    push(lane);
  };
  auto replace = [&](llvm::FixedVectorType* shape) {
    llvm::Value* x = pop();
    llvm::Value* v = popVector(shape);
    if (x->getType() != shape->getElementType()) x = b_.CreateTrunc(x, shape->getElementType());
    pushVector(b_.CreateInsertElement(v, x, uint64_t(inst.lane)));
  };
  switch (inst.opcode) {
    case Opcode::V128Const: {
      uint32_t words[4];
      for (int i = 0; i < 4; ++i)
        words[i] = uint32_t(inst.v128[4 * i]) | uint32_t(inst.v128[4 * i + 1]) << 8 |
                   uint32_t(inst.v128[4 * i + 2]) << 16 | uint32_t(inst.v128[4 * i + 3]) << 24;
      push(llvm::ConstantDataVector::get(ctx_.context(), llvm::ArrayRef<uint32_t>(words, 4)));
      return true;
    }
    case Opcode::I8x16Shuffle: {
      llvm::Value* rhs = popVector(i8x16);
      llvm::Value* lhs = popVector(i8x16);
      int mask[16];
      for (int i = 0; i < 16; ++i) mask[i] = inst.v128[i] & 31;  // validated < 32
      pushVector(b_.CreateShuffleVector(lhs, rhs, mask));
      return true;
    }
    case Opcode::I8x16Swizzle: {
      // result[i] = indices[i] < 16 ? v[indices[i]] : 0. There is no generic
      // variable shuffle; this lane-by-lane form is what x86 turns into
      // pshufb when SSSE3 is available. An out-of-range extractelement is
      // poison only in its own lane, which the select replaces with 0.
      llvm::Value* indices = popVector(i8x16);
      llvm::Value* v = popVector(i8x16);
      llvm::Value* gathered = llvm::PoisonValue::get(i8x16);
      for (uint64_t i = 0; i < 16; ++i) {
        llvm::Value* lane = b_.CreateExtractElement(v, b_.CreateExtractElement(indices, i));
        gathered = b_.CreateInsertElement(gathered, lane, i);
      }
      llvm::Value* inRange = b_.CreateICmpULT(indices, llvm::ConstantInt::get(i8x16, 16));
      pushVector(b_.CreateSelect(inRange, gathered, llvm::Constant::getNullValue(i8x16)));
      return true;
    }
    case Opcode::I8x16Splat: splat(intShape(8)); return true;
    case Opcode::I16x8Splat: splat(intShape(16)); return true;
    case Opcode::I32x4Splat: splat(intShape(32)); return true;
    case Opcode::I64x2Splat: splat(intShape(64)); return true;
    case Opcode::F32x4Splat: splat(floatShape(32)); return true;
    case Opcode::F64x2Splat: splat(floatShape(64)); return true;
    case Opcode::I8x16ExtractLaneS: extract(intShape(8), true); return true;
    case Opcode::I8x16ExtractLaneU: extract(intShape(8), false); return true;
    case Opcode::I16x8ExtractLaneS: extract(intShape(16), true); return true;
    case Opcode::I16x8ExtractLaneU: extract(intShape(16), false); return true;
    case Opcode::I32x4ExtractLane: extract(intShape(32), false); return true;
    case Opcode::I64x2ExtractLane: extract(intShape(64), false); return true;
    case Opcode::F32x4ExtractLane: extract(floatShape(32), false); return true;
    case Opcode::F64x2ExtractLane: extract(floatShape(64), false); return true;
    case Opcode::I8x16ReplaceLane: replace(intShape(8)); return true;
    case Opcode::I16x8ReplaceLane: replace(intShape(16)); return true;
    case Opcode::I32x4ReplaceLane: replace(intShape(32)); return true;
    case Opcode::I64x2ReplaceLane: replace(intShape(64)); return true;
    case Opcode::F32x4ReplaceLane: replace(floatShape(32)); return true;
    case Opcode::F64x2ReplaceLane: replace(floatShape(64)); return true;
    default: return false;
  }
}

}  // namespace wacc::lower
