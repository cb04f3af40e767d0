// Conversions between numeric types: wrap/extend, trapping and saturating
// float -> int truncation, int -> float, demote/promote, reinterpret, and the
// sign-extension operators.
#include <cmath>

#include "compiler/lower/FunctionTranslator.h"
#include "llvm/IR/Intrinsics.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

// NaN traps as "invalid conversion to integer"; anything whose truncation is
// outside the integer's range traps as "integer overflow".
void FunctionTranslator::lowerTrappingTrunc(llvm::Type* intType, bool isSigned) {
  llvm::Value* x = pop();
  llvm::Type* ft = x->getType();
  unsigned bits = intType->getIntegerBitWidth();
  trapIf(b_.CreateFCmpUNO(x, x), WACC_TRAP_BAD_CONVERSION);
  double hi = std::ldexp(1.0, isSigned ? bits - 1 : bits);  // exclusive
  llvm::Value* aboveLow;
  if (!isSigned) {
    aboveLow = b_.CreateFCmpOGT(x, llvm::ConstantFP::get(ft, -1.0));
  } else if (ft->isDoubleTy() && bits == 32) {
    // -2^31 - 1 is exact in f64: everything above it truncates into range.
    aboveLow = b_.CreateFCmpOGT(x, llvm::ConstantFP::get(ft, -2147483649.0));
  } else {
    // The float just below -2^(N-1) is already out of range.
    aboveLow = b_.CreateFCmpOGE(x, llvm::ConstantFP::get(ft, -hi));
  }
  llvm::Value* belowHigh = b_.CreateFCmpOLT(x, llvm::ConstantFP::get(ft, hi));
  trapIf(b_.CreateNot(b_.CreateAnd(aboveLow, belowHigh)), WACC_TRAP_INT_OVERFLOW);
  push(isSigned ? b_.CreateFPToSI(x, intType) : b_.CreateFPToUI(x, intType));
}

bool FunctionTranslator::lowerConversion(const Instruction& inst) {
  llvm::Type* i32 = b_.getInt32Ty();
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::Type* f32 = b_.getFloatTy();
  llvm::Type* f64 = b_.getDoubleTy();
  auto saturating = [&](llvm::Type* to, bool isSigned) {
    llvm::Value* x = pop();
    push(b_.CreateIntrinsic(isSigned ? llvm::Intrinsic::fptosi_sat : llvm::Intrinsic::fptoui_sat, {to, x->getType()},
                            {x}));
  };
  auto signExtendFrom = [&](llvm::Type* narrow) {
    llvm::Value* x = pop();
    push(b_.CreateSExt(b_.CreateTrunc(x, narrow), x->getType()));
  };
  switch (inst.opcode) {
    case Opcode::I32WrapI64: push(b_.CreateTrunc(pop(), i32)); return true;
    case Opcode::I64ExtendI32S: push(b_.CreateSExt(pop(), i64)); return true;
    case Opcode::I64ExtendI32U: push(b_.CreateZExt(pop(), i64)); return true;
    case Opcode::I32TruncF32S:
    case Opcode::I32TruncF64S: lowerTrappingTrunc(i32, true); return true;
    case Opcode::I32TruncF32U:
    case Opcode::I32TruncF64U: lowerTrappingTrunc(i32, false); return true;
    case Opcode::I64TruncF32S:
    case Opcode::I64TruncF64S: lowerTrappingTrunc(i64, true); return true;
    case Opcode::I64TruncF32U:
    case Opcode::I64TruncF64U: lowerTrappingTrunc(i64, false); return true;
    case Opcode::I32TruncSatF32S:
    case Opcode::I32TruncSatF64S: saturating(i32, true); return true;
    case Opcode::I32TruncSatF32U:
    case Opcode::I32TruncSatF64U: saturating(i32, false); return true;
    case Opcode::I64TruncSatF32S:
    case Opcode::I64TruncSatF64S: saturating(i64, true); return true;
    case Opcode::I64TruncSatF32U:
    case Opcode::I64TruncSatF64U: saturating(i64, false); return true;
    case Opcode::F32ConvertI32S:
    case Opcode::F32ConvertI64S: push(b_.CreateSIToFP(pop(), f32)); return true;
    case Opcode::F32ConvertI32U:
    case Opcode::F32ConvertI64U: push(b_.CreateUIToFP(pop(), f32)); return true;
    case Opcode::F64ConvertI32S:
    case Opcode::F64ConvertI64S: push(b_.CreateSIToFP(pop(), f64)); return true;
    case Opcode::F64ConvertI32U:
    case Opcode::F64ConvertI64U: push(b_.CreateUIToFP(pop(), f64)); return true;
    case Opcode::F32DemoteF64: {
      // fptrunc(fpext x) folds to x, which must not pass a signalling NaN.
      llvm::Value* x = pop();
      push(quietNaN(b_.CreateFPTrunc(x, f32), llvm::isa<llvm::FPExtInst>(x)));
      return true;
    }
    case Opcode::F64PromoteF32: push(quietNaN(b_.CreateFPExt(pop(), f64), false)); return true;
    case Opcode::I32ReinterpretF32: push(b_.CreateBitCast(pop(), i32)); return true;
    case Opcode::I64ReinterpretF64: push(b_.CreateBitCast(pop(), i64)); return true;
    case Opcode::F32ReinterpretI32: push(b_.CreateBitCast(pop(), f32)); return true;
    case Opcode::F64ReinterpretI64: push(b_.CreateBitCast(pop(), f64)); return true;
    case Opcode::I32Extend8S:
    case Opcode::I64Extend8S: signExtendFrom(b_.getInt8Ty()); return true;
    case Opcode::I32Extend16S:
    case Opcode::I64Extend16S: signExtendFrom(b_.getInt16Ty()); return true;
    case Opcode::I64Extend32S: signExtendFrom(i32); return true;
    default: return false;
  }
}

}  // namespace wacc::lower
