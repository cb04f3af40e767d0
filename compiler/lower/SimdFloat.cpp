// Floating-point SIMD: comparisons, arithmetic, rounding, min/max, pmin/pmax,
// relaxed SIMD's multiply-add and the conversions between float and integer
// lanes.
//
// NaN results follow the scalar rules (Numeric.cpp, quietNaN): lane-wise
// hardware arithmetic already returns quiet NaNs, and llvm.canonicalize is
// added exactly where the scalar code adds it: where LLVM could fold an
// operation away and pass a signalling NaN through.
#include "compiler/lower/FunctionTranslator.h"
#include "llvm/IR/Intrinsics.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;
using llvm::CmpInst;
using llvm::Intrinsic::ID;

bool FunctionTranslator::lowerSimdFloat(const Instruction& inst) {
  auto compare = [&](unsigned bits, CmpInst::Predicate p) {
    llvm::Value* rhs = popVector(floatShape(bits));
    llvm::Value* lhs = popVector(floatShape(bits));
    pushVector(b_.CreateSExt(b_.CreateFCmp(p, lhs, rhs), intShape(bits)));
  };
  auto arithmetic = [&](unsigned bits, llvm::Instruction::BinaryOps op) {
    llvm::Value* rhs = popVector(floatShape(bits));
    llvm::Value* lhs = popVector(floatShape(bits));
    pushVector(quietNaN(b_.CreateBinOp(op, lhs, rhs), MayFoldFloatOperation(op, lhs, rhs)));
  };
  // Relaxed SIMD's a * b + c (nmadd: -(a * b) + c), rounded once or twice:
  // llvm.fmuladd leaves the choice to the backend (fused where the CPU has
  // FMA and the target allows it).
  auto multiplyAdd = [&](unsigned bits, bool negate) {
    llvm::Value* addend = popVector(floatShape(bits));
    llvm::Value* rhs = popVector(floatShape(bits));
    llvm::Value* lhs = popVector(floatShape(bits));
    if (negate) lhs = b_.CreateFNeg(lhs);
    pushVector(quietNaN(b_.CreateIntrinsic(llvm::Intrinsic::fmuladd, {lhs->getType()}, {lhs, rhs, addend}), true));
  };
  // llvm.minimum/maximum: NaN-propagating and -0 < +0, like the scalar
  // min/max; their lowering may pass a signalling NaN operand through.
  auto minMax = [&](unsigned bits, ID id) {
    llvm::Value* rhs = popVector(floatShape(bits));
    llvm::Value* lhs = popVector(floatShape(bits));
    pushVector(quietNaN(b_.CreateBinaryIntrinsic(id, lhs, rhs), true));
  };
  // pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a, exactly: the
  // chosen operand's bits are returned unchanged, NaNs included.
  auto pseudoMinMax = [&](unsigned bits, bool isMax) {
    llvm::Value* rhs = popVector(floatShape(bits));
    llvm::Value* lhs = popVector(floatShape(bits));
    llvm::Value* takeRhs = isMax ? b_.CreateFCmpOLT(lhs, rhs) : b_.CreateFCmpOLT(rhs, lhs);
    pushVector(b_.CreateSelect(takeRhs, rhs, lhs));
  };
  // Sign-bit operations (fabs/fneg) pass NaN payloads through, as in scalar.
  auto signOp = [&](unsigned bits, bool negate) {
    llvm::Value* v = popVector(floatShape(bits));
    pushVector(negate ? b_.CreateFNeg(v) : b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, v));
  };
  auto rounding = [&](unsigned bits, ID id) {
    pushVector(quietNaN(b_.CreateUnaryIntrinsic(id, popVector(floatShape(bits))), false));
  };
  // fptosi/fptoui.sat: NaN -> 0, out of range -> the nearest bound.
  auto truncSat = [&](bool isSigned) {
    llvm::Value* v = popVector(floatShape(32));
    ID id = isSigned ? llvm::Intrinsic::fptosi_sat : llvm::Intrinsic::fptoui_sat;
    pushVector(b_.CreateIntrinsic(id, {intShape(32), v->getType()}, {v}));
  };
  auto truncSatZero = [&](bool isSigned) {
    llvm::Value* v = popVector(floatShape(64));
    ID id = isSigned ? llvm::Intrinsic::fptosi_sat : llvm::Intrinsic::fptoui_sat;
    auto* i32x2 = llvm::FixedVectorType::get(b_.getInt32Ty(), 2);
    llvm::Value* low = b_.CreateIntrinsic(id, {i32x2, v->getType()}, {v});
    pushVector(b_.CreateShuffleVector(low, llvm::Constant::getNullValue(i32x2), llvm::ArrayRef<int>{0, 1, 2, 3}));
  };
  auto convert = [&](bool isSigned) {
    llvm::Value* v = popVector(intShape(32));
    pushVector(isSigned ? b_.CreateSIToFP(v, floatShape(32)) : b_.CreateUIToFP(v, floatShape(32)));
  };
  auto convertLow = [&](bool isSigned) {
    llvm::Value* low = b_.CreateShuffleVector(popVector(intShape(32)), llvm::ArrayRef<int>{0, 1});
    pushVector(isSigned ? b_.CreateSIToFP(low, floatShape(64)) : b_.CreateUIToFP(low, floatShape(64)));
  };
  switch (inst.opcode) {
    case Opcode::F32x4Eq: compare(32, CmpInst::FCMP_OEQ); return true;
    case Opcode::F32x4Ne: compare(32, CmpInst::FCMP_UNE); return true;
    case Opcode::F32x4Lt: compare(32, CmpInst::FCMP_OLT); return true;
    case Opcode::F32x4Gt: compare(32, CmpInst::FCMP_OGT); return true;
    case Opcode::F32x4Le: compare(32, CmpInst::FCMP_OLE); return true;
    case Opcode::F32x4Ge: compare(32, CmpInst::FCMP_OGE); return true;
    case Opcode::F64x2Eq: compare(64, CmpInst::FCMP_OEQ); return true;
    case Opcode::F64x2Ne: compare(64, CmpInst::FCMP_UNE); return true;
    case Opcode::F64x2Lt: compare(64, CmpInst::FCMP_OLT); return true;
    case Opcode::F64x2Gt: compare(64, CmpInst::FCMP_OGT); return true;
    case Opcode::F64x2Le: compare(64, CmpInst::FCMP_OLE); return true;
    case Opcode::F64x2Ge: compare(64, CmpInst::FCMP_OGE); return true;

    case Opcode::F32x4Abs: signOp(32, false); return true;
    case Opcode::F64x2Abs: signOp(64, false); return true;
    case Opcode::F32x4Neg: signOp(32, true); return true;
    case Opcode::F64x2Neg: signOp(64, true); return true;
    case Opcode::F32x4Sqrt: rounding(32, llvm::Intrinsic::sqrt); return true;
    case Opcode::F64x2Sqrt: rounding(64, llvm::Intrinsic::sqrt); return true;
    case Opcode::F32x4Ceil: rounding(32, llvm::Intrinsic::ceil); return true;
    case Opcode::F64x2Ceil: rounding(64, llvm::Intrinsic::ceil); return true;
    case Opcode::F32x4Floor: rounding(32, llvm::Intrinsic::floor); return true;
    case Opcode::F64x2Floor: rounding(64, llvm::Intrinsic::floor); return true;
    case Opcode::F32x4Trunc: rounding(32, llvm::Intrinsic::trunc); return true;
    case Opcode::F64x2Trunc: rounding(64, llvm::Intrinsic::trunc); return true;
    case Opcode::F32x4Nearest: rounding(32, llvm::Intrinsic::roundeven); return true;
    case Opcode::F64x2Nearest: rounding(64, llvm::Intrinsic::roundeven); return true;

    case Opcode::F32x4Add: arithmetic(32, llvm::Instruction::FAdd); return true;
    case Opcode::F64x2Add: arithmetic(64, llvm::Instruction::FAdd); return true;
    case Opcode::F32x4Sub: arithmetic(32, llvm::Instruction::FSub); return true;
    case Opcode::F64x2Sub: arithmetic(64, llvm::Instruction::FSub); return true;
    case Opcode::F32x4Mul: arithmetic(32, llvm::Instruction::FMul); return true;
    case Opcode::F64x2Mul: arithmetic(64, llvm::Instruction::FMul); return true;
    case Opcode::F32x4Div: arithmetic(32, llvm::Instruction::FDiv); return true;
    case Opcode::F64x2Div: arithmetic(64, llvm::Instruction::FDiv); return true;
    case Opcode::F32x4RelaxedMadd: multiplyAdd(32, false); return true;
    case Opcode::F32x4RelaxedNmadd: multiplyAdd(32, true); return true;
    case Opcode::F64x2RelaxedMadd: multiplyAdd(64, false); return true;
    case Opcode::F64x2RelaxedNmadd: multiplyAdd(64, true); return true;
    case Opcode::F32x4Min: minMax(32, llvm::Intrinsic::minimum); return true;
    case Opcode::F64x2Min: minMax(64, llvm::Intrinsic::minimum); return true;
    case Opcode::F32x4Max: minMax(32, llvm::Intrinsic::maximum); return true;
    case Opcode::F64x2Max: minMax(64, llvm::Intrinsic::maximum); return true;
    case Opcode::F32x4Pmin: pseudoMinMax(32, false); return true;
    case Opcode::F64x2Pmin: pseudoMinMax(64, false); return true;
    case Opcode::F32x4Pmax: pseudoMinMax(32, true); return true;
    case Opcode::F64x2Pmax: pseudoMinMax(64, true); return true;

    case Opcode::I32x4TruncSatF32x4S: truncSat(true); return true;
    case Opcode::I32x4TruncSatF32x4U: truncSat(false); return true;
    case Opcode::I32x4TruncSatF64x2SZero: truncSatZero(true); return true;
    case Opcode::I32x4TruncSatF64x2UZero: truncSatZero(false); return true;
    case Opcode::F32x4ConvertI32x4S: convert(true); return true;
    case Opcode::F32x4ConvertI32x4U: convert(false); return true;
    case Opcode::F64x2ConvertLowI32x4S: convertLow(true); return true;
    case Opcode::F64x2ConvertLowI32x4U: convertLow(false); return true;
    case Opcode::F32x4DemoteF64x2Zero: {
      // fptrunc(fpext x) folds to x, which must not pass a signalling NaN.
      // The v128 on the stack is a bitcast of the promote's fpext.
      llvm::Value* source = stack_.empty() ? nullptr : stack_.back();
      if (auto* cast = llvm::dyn_cast_or_null<llvm::BitCastInst>(source)) source = cast->getOperand(0);
      bool foldable = source && llvm::isa<llvm::FPExtInst>(source);
      llvm::Value* v = popVector(floatShape(64));
      auto* f32x2 = llvm::FixedVectorType::get(b_.getFloatTy(), 2);
      llvm::Value* low = b_.CreateFPTrunc(v, f32x2);
      // Quieted at full width: backends cannot canonicalize <2 x float>.
      llvm::Value* full =
          b_.CreateShuffleVector(low, llvm::Constant::getNullValue(f32x2), llvm::ArrayRef<int>{0, 1, 2, 3});
      pushVector(quietNaN(full, foldable));
      return true;
    }
    case Opcode::F64x2PromoteLowF32x4: {
      llvm::Value* low = b_.CreateShuffleVector(popVector(floatShape(32)), llvm::ArrayRef<int>{0, 1});
      pushVector(quietNaN(b_.CreateFPExt(low, floatShape(64)), false));
      return true;
    }
    default: return false;
  }
}

}  // namespace wacc::lower
