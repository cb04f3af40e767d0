// Integer and bitwise SIMD: comparisons, arithmetic (wrapping, saturating,
// min/max, avgr), shifts, narrowing/extending, extmul, extadd_pairwise,
// q15mulr and dot, and the v128 bitwise/boolean operations.
//
// Everything is written as generic vector IR (sext/zext/trunc, shufflevector,
// llvm.smin/sadd.sat/abs/...) in the shapes the backends pattern-match to
// single instructions (packsswb, pavgb, pmaddwd, pmovmskb; sqxtn, urhadd,
// ...), never as target intrinsics.
#include "compiler/lower/FunctionTranslator.h"
#include "llvm/IR/Intrinsics.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;
using llvm::CmpInst;
using llvm::Intrinsic::ID;

namespace {

// Lane indices start, start + step, ... (count of them).
llvm::SmallVector<int, 16> LaneSequence(unsigned count, unsigned start, unsigned step) {
  llvm::SmallVector<int, 16> mask;
  for (unsigned i = 0; i < count; ++i) mask.push_back(int(start + i * step));
  return mask;
}

// `v` with its lanes extended to twice their width (same lane count).
llvm::Value* Widen(llvm::IRBuilder<>& b, llvm::Value* v, bool isSigned) {
  auto* t = llvm::cast<llvm::FixedVectorType>(v->getType());
  auto* wide = llvm::FixedVectorType::get(b.getIntNTy(t->getScalarSizeInBits() * 2), t->getNumElements());
  return isSigned ? b.CreateSExt(v, wide) : b.CreateZExt(v, wide);
}

// The low or high half of `v`'s lanes, extended to twice their width.
llvm::Value* ExtendHalf(llvm::IRBuilder<>& b, llvm::Value* v, bool high, bool isSigned) {
  unsigned lanes = llvm::cast<llvm::FixedVectorType>(v->getType())->getNumElements();
  llvm::Value* half = b.CreateShuffleVector(v, LaneSequence(lanes / 2, high ? lanes / 2 : 0, 1));
  return Widen(b, half, isSigned);
}

// Sum of each pair of adjacent lanes of `v`, which is already widened.
llvm::Value* AddPairs(llvm::IRBuilder<>& b, llvm::Value* v) {
  unsigned lanes = llvm::cast<llvm::FixedVectorType>(v->getType())->getNumElements();
  llvm::Value* even = b.CreateShuffleVector(v, LaneSequence(lanes / 2, 0, 2));
  llvm::Value* odd = b.CreateShuffleVector(v, LaneSequence(lanes / 2, 1, 2));
  return b.CreateAdd(even, odd);
}

}  // namespace

bool FunctionTranslator::lowerSimdInteger(const Instruction& inst) {
  llvm::FixedVectorType* v128 = intShape(32);
  auto compare = [&](unsigned bits, CmpInst::Predicate p) {
    llvm::Value* rhs = popVector(intShape(bits));
    llvm::Value* lhs = popVector(intShape(bits));
    pushVector(b_.CreateSExt(b_.CreateICmp(p, lhs, rhs), intShape(bits)));
  };
  auto binary = [&](unsigned bits, llvm::Instruction::BinaryOps op) {
    llvm::Value* rhs = popVector(intShape(bits));
    llvm::Value* lhs = popVector(intShape(bits));
    pushVector(b_.CreateBinOp(op, lhs, rhs));
  };
  auto binaryIntrinsic = [&](unsigned bits, ID id) {
    llvm::Value* rhs = popVector(intShape(bits));
    llvm::Value* lhs = popVector(intShape(bits));
    pushVector(b_.CreateBinaryIntrinsic(id, lhs, rhs));
  };
  // The count is a scalar i32 taken modulo the lane width.
  auto shift = [&](unsigned bits, llvm::Instruction::BinaryOps op) {
    llvm::Value* count = b_.CreateAnd(pop(), b_.getInt32(bits - 1));
    llvm::Value* v = popVector(intShape(bits));
    count = b_.CreateZExtOrTrunc(count, b_.getIntNTy(bits));
    pushVector(b_.CreateBinOp(op, v, b_.CreateVectorSplat(128 / bits, count)));
  };
  auto allTrue = [&](unsigned bits) {
    llvm::Value* v = popVector(intShape(bits));
    llvm::Value* nonZero = b_.CreateICmpNE(v, llvm::Constant::getNullValue(v->getType()));
    push(b_.CreateZExt(b_.CreateAndReduce(nonZero), b_.getInt32Ty()));
  };
  // Lane i's sign bit becomes bit i of the result.
  auto bitmask = [&](unsigned bits) {
    llvm::Value* v = popVector(intShape(bits));
    llvm::Value* negative = b_.CreateICmpSLT(v, llvm::Constant::getNullValue(v->getType()));
    push(b_.CreateZExt(b_.CreateBitCast(negative, b_.getIntNTy(128 / bits)), b_.getInt32Ty()));
  };
  // Both operands' lanes (signed, twice the result width) saturated into the
  // result's signed or unsigned range.
  auto narrow = [&](unsigned bits, bool isSigned) {
    llvm::Value* rhs = popVector(intShape(bits * 2));
    llvm::Value* lhs = popVector(intShape(bits * 2));
    llvm::Value* both = b_.CreateShuffleVector(lhs, rhs, LaneSequence(128 / bits, 0, 1));
    llvm::APInt low = isSigned ? llvm::APInt::getSignedMinValue(bits) : llvm::APInt::getMinValue(bits);
    llvm::APInt high = isSigned ? llvm::APInt::getSignedMaxValue(bits) : llvm::APInt::getMaxValue(bits);
    llvm::Type* wide = both->getType();
    both = b_.CreateBinaryIntrinsic(llvm::Intrinsic::smax, both,
                                    llvm::ConstantInt::get(wide, isSigned ? low.sext(bits * 2) : low.zext(bits * 2)));
    both = b_.CreateBinaryIntrinsic(llvm::Intrinsic::smin, both,
                                    llvm::ConstantInt::get(wide, isSigned ? high.sext(bits * 2) : high.zext(bits * 2)));
    pushVector(b_.CreateTrunc(both, intShape(bits)));
  };
  // `bits` is the result lane width.
  auto extend = [&](unsigned bits, bool high, bool isSigned) {
    pushVector(ExtendHalf(b_, popVector(intShape(bits / 2)), high, isSigned));
  };
  auto extmul = [&](unsigned bits, bool high, bool isSigned) {
    llvm::Value* rhs = ExtendHalf(b_, popVector(intShape(bits / 2)), high, isSigned);
    llvm::Value* lhs = ExtendHalf(b_, popVector(intShape(bits / 2)), high, isSigned);
    pushVector(b_.CreateMul(lhs, rhs));
  };
  auto extaddPairwise = [&](unsigned bits, bool isSigned) {
    pushVector(AddPairs(b_, Widen(b_, popVector(intShape(bits / 2)), isSigned)));
  };
  // (a + b + 1) / 2 without overflow, computed at twice the width.
  auto averageRounded = [&](unsigned bits) {
    llvm::Value* rhs = Widen(b_, popVector(intShape(bits)), false);
    llvm::Value* lhs = Widen(b_, popVector(intShape(bits)), false);
    llvm::Value* sum = b_.CreateAdd(b_.CreateAdd(lhs, rhs), llvm::ConstantInt::get(lhs->getType(), 1));
    pushVector(b_.CreateTrunc(b_.CreateLShr(sum, 1), intShape(bits)));
  };
  auto unaryIntrinsic = [&](unsigned bits, ID id) {
    pushVector(b_.CreateUnaryIntrinsic(id, popVector(intShape(bits))));
  };
  // llvm.abs with int_min_is_poison = false: abs(INT_MIN) = INT_MIN.
  auto abs = [&](unsigned bits) {
    llvm::Value* v = popVector(intShape(bits));
    pushVector(b_.CreateIntrinsic(llvm::Intrinsic::abs, {v->getType()}, {v, b_.getFalse()}));
  };
  switch (inst.opcode) {
    case Opcode::I8x16Eq: compare(8, CmpInst::ICMP_EQ); return true;
    case Opcode::I8x16Ne: compare(8, CmpInst::ICMP_NE); return true;
    case Opcode::I8x16LtS: compare(8, CmpInst::ICMP_SLT); return true;
    case Opcode::I8x16LtU: compare(8, CmpInst::ICMP_ULT); return true;
    case Opcode::I8x16GtS: compare(8, CmpInst::ICMP_SGT); return true;
    case Opcode::I8x16GtU: compare(8, CmpInst::ICMP_UGT); return true;
    case Opcode::I8x16LeS: compare(8, CmpInst::ICMP_SLE); return true;
    case Opcode::I8x16LeU: compare(8, CmpInst::ICMP_ULE); return true;
    case Opcode::I8x16GeS: compare(8, CmpInst::ICMP_SGE); return true;
    case Opcode::I8x16GeU: compare(8, CmpInst::ICMP_UGE); return true;
    case Opcode::I16x8Eq: compare(16, CmpInst::ICMP_EQ); return true;
    case Opcode::I16x8Ne: compare(16, CmpInst::ICMP_NE); return true;
    case Opcode::I16x8LtS: compare(16, CmpInst::ICMP_SLT); return true;
    case Opcode::I16x8LtU: compare(16, CmpInst::ICMP_ULT); return true;
    case Opcode::I16x8GtS: compare(16, CmpInst::ICMP_SGT); return true;
    case Opcode::I16x8GtU: compare(16, CmpInst::ICMP_UGT); return true;
    case Opcode::I16x8LeS: compare(16, CmpInst::ICMP_SLE); return true;
    case Opcode::I16x8LeU: compare(16, CmpInst::ICMP_ULE); return true;
    case Opcode::I16x8GeS: compare(16, CmpInst::ICMP_SGE); return true;
    case Opcode::I16x8GeU: compare(16, CmpInst::ICMP_UGE); return true;
    case Opcode::I32x4Eq: compare(32, CmpInst::ICMP_EQ); return true;
    case Opcode::I32x4Ne: compare(32, CmpInst::ICMP_NE); return true;
    case Opcode::I32x4LtS: compare(32, CmpInst::ICMP_SLT); return true;
    case Opcode::I32x4LtU: compare(32, CmpInst::ICMP_ULT); return true;
    case Opcode::I32x4GtS: compare(32, CmpInst::ICMP_SGT); return true;
    case Opcode::I32x4GtU: compare(32, CmpInst::ICMP_UGT); return true;
    case Opcode::I32x4LeS: compare(32, CmpInst::ICMP_SLE); return true;
    case Opcode::I32x4LeU: compare(32, CmpInst::ICMP_ULE); return true;
    case Opcode::I32x4GeS: compare(32, CmpInst::ICMP_SGE); return true;
    case Opcode::I32x4GeU: compare(32, CmpInst::ICMP_UGE); return true;
    case Opcode::I64x2Eq: compare(64, CmpInst::ICMP_EQ); return true;
    case Opcode::I64x2Ne: compare(64, CmpInst::ICMP_NE); return true;
    case Opcode::I64x2LtS: compare(64, CmpInst::ICMP_SLT); return true;
    case Opcode::I64x2GtS: compare(64, CmpInst::ICMP_SGT); return true;
    case Opcode::I64x2LeS: compare(64, CmpInst::ICMP_SLE); return true;
    case Opcode::I64x2GeS: compare(64, CmpInst::ICMP_SGE); return true;

    case Opcode::V128Not: pushVector(b_.CreateNot(popVector(v128))); return true;
    case Opcode::V128And: binary(32, llvm::Instruction::And); return true;
    case Opcode::V128Or: binary(32, llvm::Instruction::Or); return true;
    case Opcode::V128Xor: binary(32, llvm::Instruction::Xor); return true;
    case Opcode::V128Andnot: {
      llvm::Value* rhs = popVector(v128);
      llvm::Value* lhs = popVector(v128);
      pushVector(b_.CreateAnd(lhs, b_.CreateNot(rhs)));
      return true;
    }
    case Opcode::V128Bitselect: {
      llvm::Value* mask = popVector(v128);
      llvm::Value* ifZero = popVector(v128);
      llvm::Value* ifOne = popVector(v128);
      pushVector(b_.CreateOr(b_.CreateAnd(ifOne, mask), b_.CreateAnd(ifZero, b_.CreateNot(mask))));
      return true;
    }
    case Opcode::V128AnyTrue: {
      llvm::Value* bits = b_.CreateBitCast(popVector(v128), b_.getIntNTy(128));
      push(b_.CreateZExt(b_.CreateICmpNE(bits, llvm::ConstantInt::get(bits->getType(), 0)), b_.getInt32Ty()));
      return true;
    }

    case Opcode::I8x16Abs: abs(8); return true;
    case Opcode::I16x8Abs: abs(16); return true;
    case Opcode::I32x4Abs: abs(32); return true;
    case Opcode::I64x2Abs: abs(64); return true;
    case Opcode::I8x16Neg: pushVector(b_.CreateNeg(popVector(intShape(8)))); return true;
    case Opcode::I16x8Neg: pushVector(b_.CreateNeg(popVector(intShape(16)))); return true;
    case Opcode::I32x4Neg: pushVector(b_.CreateNeg(popVector(intShape(32)))); return true;
    case Opcode::I64x2Neg: pushVector(b_.CreateNeg(popVector(intShape(64)))); return true;
    case Opcode::I8x16Popcnt: unaryIntrinsic(8, llvm::Intrinsic::ctpop); return true;
    case Opcode::I8x16AllTrue: allTrue(8); return true;
    case Opcode::I16x8AllTrue: allTrue(16); return true;
    case Opcode::I32x4AllTrue: allTrue(32); return true;
    case Opcode::I64x2AllTrue: allTrue(64); return true;
    case Opcode::I8x16Bitmask: bitmask(8); return true;
    case Opcode::I16x8Bitmask: bitmask(16); return true;
    case Opcode::I32x4Bitmask: bitmask(32); return true;
    case Opcode::I64x2Bitmask: bitmask(64); return true;

    case Opcode::I8x16NarrowI16x8S: narrow(8, true); return true;
    case Opcode::I8x16NarrowI16x8U: narrow(8, false); return true;
    case Opcode::I16x8NarrowI32x4S: narrow(16, true); return true;
    case Opcode::I16x8NarrowI32x4U: narrow(16, false); return true;
    case Opcode::I16x8ExtendLowI8x16S: extend(16, false, true); return true;
    case Opcode::I16x8ExtendHighI8x16S: extend(16, true, true); return true;
    case Opcode::I16x8ExtendLowI8x16U: extend(16, false, false); return true;
    case Opcode::I16x8ExtendHighI8x16U: extend(16, true, false); return true;
    case Opcode::I32x4ExtendLowI16x8S: extend(32, false, true); return true;
    case Opcode::I32x4ExtendHighI16x8S: extend(32, true, true); return true;
    case Opcode::I32x4ExtendLowI16x8U: extend(32, false, false); return true;
    case Opcode::I32x4ExtendHighI16x8U: extend(32, true, false); return true;
    case Opcode::I64x2ExtendLowI32x4S: extend(64, false, true); return true;
    case Opcode::I64x2ExtendHighI32x4S: extend(64, true, true); return true;
    case Opcode::I64x2ExtendLowI32x4U: extend(64, false, false); return true;
    case Opcode::I64x2ExtendHighI32x4U: extend(64, true, false); return true;

    case Opcode::I8x16Shl: shift(8, llvm::Instruction::Shl); return true;
    case Opcode::I8x16ShrS: shift(8, llvm::Instruction::AShr); return true;
    case Opcode::I8x16ShrU: shift(8, llvm::Instruction::LShr); return true;
    case Opcode::I16x8Shl: shift(16, llvm::Instruction::Shl); return true;
    case Opcode::I16x8ShrS: shift(16, llvm::Instruction::AShr); return true;
    case Opcode::I16x8ShrU: shift(16, llvm::Instruction::LShr); return true;
    case Opcode::I32x4Shl: shift(32, llvm::Instruction::Shl); return true;
    case Opcode::I32x4ShrS: shift(32, llvm::Instruction::AShr); return true;
    case Opcode::I32x4ShrU: shift(32, llvm::Instruction::LShr); return true;
    case Opcode::I64x2Shl: shift(64, llvm::Instruction::Shl); return true;
    case Opcode::I64x2ShrS: shift(64, llvm::Instruction::AShr); return true;
    case Opcode::I64x2ShrU: shift(64, llvm::Instruction::LShr); return true;

    case Opcode::I8x16Add: binary(8, llvm::Instruction::Add); return true;
    case Opcode::I16x8Add: binary(16, llvm::Instruction::Add); return true;
    case Opcode::I32x4Add: binary(32, llvm::Instruction::Add); return true;
    case Opcode::I64x2Add: binary(64, llvm::Instruction::Add); return true;
    case Opcode::I8x16Sub: binary(8, llvm::Instruction::Sub); return true;
    case Opcode::I16x8Sub: binary(16, llvm::Instruction::Sub); return true;
    case Opcode::I32x4Sub: binary(32, llvm::Instruction::Sub); return true;
    case Opcode::I64x2Sub: binary(64, llvm::Instruction::Sub); return true;
    case Opcode::I16x8Mul: binary(16, llvm::Instruction::Mul); return true;
    case Opcode::I32x4Mul: binary(32, llvm::Instruction::Mul); return true;
    case Opcode::I64x2Mul: binary(64, llvm::Instruction::Mul); return true;
    case Opcode::I8x16AddSatS: binaryIntrinsic(8, llvm::Intrinsic::sadd_sat); return true;
    case Opcode::I8x16AddSatU: binaryIntrinsic(8, llvm::Intrinsic::uadd_sat); return true;
    case Opcode::I8x16SubSatS: binaryIntrinsic(8, llvm::Intrinsic::ssub_sat); return true;
    case Opcode::I8x16SubSatU: binaryIntrinsic(8, llvm::Intrinsic::usub_sat); return true;
    case Opcode::I16x8AddSatS: binaryIntrinsic(16, llvm::Intrinsic::sadd_sat); return true;
    case Opcode::I16x8AddSatU: binaryIntrinsic(16, llvm::Intrinsic::uadd_sat); return true;
    case Opcode::I16x8SubSatS: binaryIntrinsic(16, llvm::Intrinsic::ssub_sat); return true;
    case Opcode::I16x8SubSatU: binaryIntrinsic(16, llvm::Intrinsic::usub_sat); return true;
    case Opcode::I8x16MinS: binaryIntrinsic(8, llvm::Intrinsic::smin); return true;
    case Opcode::I8x16MinU: binaryIntrinsic(8, llvm::Intrinsic::umin); return true;
    case Opcode::I8x16MaxS: binaryIntrinsic(8, llvm::Intrinsic::smax); return true;
    case Opcode::I8x16MaxU: binaryIntrinsic(8, llvm::Intrinsic::umax); return true;
    case Opcode::I16x8MinS: binaryIntrinsic(16, llvm::Intrinsic::smin); return true;
    case Opcode::I16x8MinU: binaryIntrinsic(16, llvm::Intrinsic::umin); return true;
    case Opcode::I16x8MaxS: binaryIntrinsic(16, llvm::Intrinsic::smax); return true;
    case Opcode::I16x8MaxU: binaryIntrinsic(16, llvm::Intrinsic::umax); return true;
    case Opcode::I32x4MinS: binaryIntrinsic(32, llvm::Intrinsic::smin); return true;
    case Opcode::I32x4MinU: binaryIntrinsic(32, llvm::Intrinsic::umin); return true;
    case Opcode::I32x4MaxS: binaryIntrinsic(32, llvm::Intrinsic::smax); return true;
    case Opcode::I32x4MaxU: binaryIntrinsic(32, llvm::Intrinsic::umax); return true;
    case Opcode::I8x16AvgrU: averageRounded(8); return true;
    case Opcode::I16x8AvgrU: averageRounded(16); return true;

    case Opcode::I16x8ExtaddPairwiseI8x16S: extaddPairwise(16, true); return true;
    case Opcode::I16x8ExtaddPairwiseI8x16U: extaddPairwise(16, false); return true;
    case Opcode::I32x4ExtaddPairwiseI16x8S: extaddPairwise(32, true); return true;
    case Opcode::I32x4ExtaddPairwiseI16x8U: extaddPairwise(32, false); return true;
    case Opcode::I16x8ExtmulLowI8x16S: extmul(16, false, true); return true;
    case Opcode::I16x8ExtmulHighI8x16S: extmul(16, true, true); return true;
    case Opcode::I16x8ExtmulLowI8x16U: extmul(16, false, false); return true;
    case Opcode::I16x8ExtmulHighI8x16U: extmul(16, true, false); return true;
    case Opcode::I32x4ExtmulLowI16x8S: extmul(32, false, true); return true;
    case Opcode::I32x4ExtmulHighI16x8S: extmul(32, true, true); return true;
    case Opcode::I32x4ExtmulLowI16x8U: extmul(32, false, false); return true;
    case Opcode::I32x4ExtmulHighI16x8U: extmul(32, true, false); return true;
    case Opcode::I64x2ExtmulLowI32x4S: extmul(64, false, true); return true;
    case Opcode::I64x2ExtmulHighI32x4S: extmul(64, true, true); return true;
    case Opcode::I64x2ExtmulLowI32x4U: extmul(64, false, false); return true;
    case Opcode::I64x2ExtmulHighI32x4U: extmul(64, true, false); return true;
    case Opcode::I16x8Q15mulrSatS: {
      // (a * b + 2^14) >> 15; only -2^15 * -2^15 overflows, to 2^15.
      llvm::Value* rhs = Widen(b_, popVector(intShape(16)), true);
      llvm::Value* lhs = Widen(b_, popVector(intShape(16)), true);
      llvm::Type* wide = lhs->getType();
      llvm::Value* product = b_.CreateAdd(b_.CreateMul(lhs, rhs), llvm::ConstantInt::get(wide, 0x4000));
      llvm::Value* rounded = b_.CreateAShr(product, 15);
      rounded = b_.CreateBinaryIntrinsic(llvm::Intrinsic::smin, rounded, llvm::ConstantInt::get(wide, 0x7fff));
      pushVector(b_.CreateTrunc(rounded, intShape(16)));
      return true;
    }
    // Relaxed SIMD's dot products of i8 lanes by i7 lanes: the second
    // operand read as signed (for lanes of 0 to 127, the only ones with one
    // answer, either reading agrees), the i16 sums wrapping.
    case Opcode::I16x8RelaxedDotI8x16I7x16S: {
      llvm::Value* rhs = Widen(b_, popVector(intShape(8)), true);
      llvm::Value* lhs = Widen(b_, popVector(intShape(8)), true);
      pushVector(AddPairs(b_, b_.CreateMul(lhs, rhs)));
      return true;
    }
    case Opcode::I32x4RelaxedDotI8x16I7x16AddS: {
      llvm::Value* addend = popVector(intShape(32));
      llvm::Value* rhs = Widen(b_, popVector(intShape(8)), true);
      llvm::Value* lhs = Widen(b_, popVector(intShape(8)), true);
      llvm::Value* pairs = AddPairs(b_, b_.CreateMul(lhs, rhs));  // <8 x i16>
      pushVector(b_.CreateAdd(AddPairs(b_, Widen(b_, pairs, true)), addend));
      return true;
    }
    case Opcode::I32x4DotI16x8S: {
      llvm::Value* rhs = Widen(b_, popVector(intShape(16)), true);
      llvm::Value* lhs = Widen(b_, popVector(intShape(16)), true);
      pushVector(AddPairs(b_, b_.CreateMul(lhs, rhs)));
      return true;
    }
    default: return false;
  }
}

}  // namespace wacc::lower
