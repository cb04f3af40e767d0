// Constants, comparisons and arithmetic on i32/i64/f32/f64, with the exact
// wasm semantics: trapping division, masked shifts, defined clz/ctz of zero,
// NaN-propagating min/max, round-to-even `nearest`.
#include "compiler/lower/FunctionTranslator.h"
#include "llvm/IR/Intrinsics.h"
#include "wacc/Runtime.h"

namespace wacc::lower {

using binary::Instruction;
using binary::Opcode;

void FunctionTranslator::lowerDivRem(const Instruction& inst, llvm::Instruction::BinaryOps op) {
  llvm::Value* rhs = pop();
  llvm::Value* lhs = pop();
  llvm::Type* t = lhs->getType();
  trapIf(b_.CreateICmpEQ(rhs, llvm::ConstantInt::get(t, 0)), WACC_TRAP_INT_DIVIDE_BY_ZERO);
  llvm::Value* minusOne = llvm::ConstantInt::getAllOnesValue(t);
  if (op == llvm::Instruction::SDiv) {
    unsigned bits = t->getIntegerBitWidth();
    llvm::Value* isMin = b_.CreateICmpEQ(lhs, llvm::ConstantInt::get(t, llvm::APInt::getSignedMinValue(bits)));
    trapIf(b_.CreateAnd(isMin, b_.CreateICmpEQ(rhs, minusOne)), WACC_TRAP_INT_OVERFLOW);
  }
  if (op == llvm::Instruction::SRem) {
    // INT_MIN % -1 is 0 in wasm but undefined in LLVM: x % -1 is always 0,
    // so divide by 1 instead.
    llvm::Value* isMinusOne = b_.CreateICmpEQ(rhs, minusOne);
    rhs = b_.CreateSelect(isMinusOne, llvm::ConstantInt::get(t, 1), rhs);
  }
  push(b_.CreateBinOp(op, lhs, rhs));
}

llvm::Value* FunctionTranslator::quietNaN(llvm::Value* v, bool foldable) {
  if (!foldable && !ctx_.options().quietAllNaNs) return v;
  return b_.CreateUnaryIntrinsic(llvm::Intrinsic::canonicalize, v);
}

// Calls `test` on a float constant or on every element of a constant
// vector; true if it holds for any.
template <typename Test>
static bool AnyFloatConstant(llvm::Value* v, Test test) {
  auto* c = llvm::dyn_cast<llvm::Constant>(v);
  if (!c) return false;
  if (auto* fp = llvm::dyn_cast<llvm::ConstantFP>(c)) return test(fp->getValueAPF());
  if (auto* vectorType = llvm::dyn_cast<llvm::FixedVectorType>(c->getType())) {
    for (unsigned i = 0; i < vectorType->getNumElements(); ++i) {
      auto* element = llvm::dyn_cast_or_null<llvm::ConstantFP>(c->getAggregateElement(i));
      if (!element || test(element->getValueAPF())) return true;  // unknown: assume foldable
    }
    return false;
  }
  return true;  // some other constant expression: assume foldable
}

bool FunctionTranslator::MayFoldFloatOperation(llvm::Instruction::BinaryOps op, llvm::Value* lhs, llvm::Value* rhs) {
  if (llvm::isa<llvm::Constant>(lhs) && llvm::isa<llvm::Constant>(rhs)) return true;
  auto isNaN = [](const llvm::APFloat& f) { return f.isNaN(); };
  if (AnyFloatConstant(lhs, isNaN) || AnyFloatConstant(rhs, isNaN)) return true;
  auto isOne = [](const llvm::APFloat& f) { return f.isExactlyValue(1.0) || f.isExactlyValue(-1.0); };
  auto isNegZero = [](const llvm::APFloat& f) { return f.isZero() && f.isNegative(); };
  auto isPosZero = [](const llvm::APFloat& f) { return f.isZero() && !f.isNegative(); };
  switch (op) {
    case llvm::Instruction::FMul: return AnyFloatConstant(lhs, isOne) || AnyFloatConstant(rhs, isOne);
    case llvm::Instruction::FDiv: return AnyFloatConstant(rhs, isOne);
    case llvm::Instruction::FAdd: return AnyFloatConstant(lhs, isNegZero) || AnyFloatConstant(rhs, isNegZero);
    case llvm::Instruction::FSub: return AnyFloatConstant(rhs, isPosZero) || AnyFloatConstant(lhs, isNegZero);
    default: return true;
  }
}

static llvm::Constant* FloatFromBits(llvm::LLVMContext& c, uint64_t bits, bool isDouble) {
  if (isDouble) return llvm::ConstantFP::get(c, llvm::APFloat(llvm::APFloat::IEEEdouble(), llvm::APInt(64, bits)));
  return llvm::ConstantFP::get(c, llvm::APFloat(llvm::APFloat::IEEEsingle(), llvm::APInt(32, bits & 0xffffffff)));
}

bool FunctionTranslator::lowerNumeric(const Instruction& inst) {
  using llvm::CmpInst;
  using llvm::Instruction;
  using llvm::Intrinsic::ID;
  auto compare = [&](CmpInst::Predicate p) {
    llvm::Value* rhs = pop();
    llvm::Value* lhs = pop();
    llvm::Value* r = CmpInst::isFPPredicate(p) ? b_.CreateFCmp(p, lhs, rhs) : b_.CreateICmp(p, lhs, rhs);
    push(b_.CreateZExt(r, b_.getInt32Ty()));
  };
  auto binary = [&](Instruction::BinaryOps op) {
    llvm::Value* rhs = pop();
    llvm::Value* lhs = pop();
    push(b_.CreateBinOp(op, lhs, rhs));
  };
  // Shift counts are taken modulo the bit width.
  auto shift = [&](Instruction::BinaryOps op) {
    llvm::Value* rhs = pop();
    llvm::Value* lhs = pop();
    unsigned bits = lhs->getType()->getIntegerBitWidth();
    push(b_.CreateBinOp(op, lhs, b_.CreateAnd(rhs, llvm::ConstantInt::get(lhs->getType(), bits - 1))));
  };
  // fshl/fshr take the count modulo the width, exactly like rotl/rotr.
  auto rotate = [&](ID id) {
    llvm::Value* rhs = pop();
    llvm::Value* lhs = pop();
    push(b_.CreateIntrinsic(id, {lhs->getType()}, {lhs, lhs, rhs}));
  };
  auto unaryIntrinsic = [&](ID id) {
    llvm::Value* v = pop();
    push(b_.CreateUnaryIntrinsic(id, v));
  };
  auto binaryIntrinsic = [&](ID id) {
    llvm::Value* rhs = pop();
    llvm::Value* lhs = pop();
    push(b_.CreateBinaryIntrinsic(id, lhs, rhs));
  };
  // Float arithmetic whose NaN results must be quiet.
  // A NaN operand must come out quiet. Unary operations are never folded
  // to their operand; binary ones are when the other operand is a constant.
  auto floatUnary = [&](ID id) {
    unaryIntrinsic(id);
    push(quietNaN(pop(), false));
  };
  auto floatBinary = [&](Instruction::BinaryOps op) {
    bool foldable = stack_.size() >= 2 && MayFoldFloatOperation(op, stack_[stack_.size() - 2], stack_.back());
    binary(op);
    push(quietNaN(pop(), foldable));
  };
  // min/max's lowering passes a signalling NaN operand through.
  auto floatBinaryIntrinsic = [&](ID id) {
    binaryIntrinsic(id);
    push(quietNaN(pop(), true));
  };
  // ctlz/cttz with is_zero_poison = false return the bit width for 0.
  auto countZeros = [&](ID id) {
    llvm::Value* v = pop();
    push(b_.CreateIntrinsic(id, {v->getType()}, {v, b_.getFalse()}));
  };
  auto eqz = [&]() {
    llvm::Value* v = pop();
    push(b_.CreateZExt(b_.CreateICmpEQ(v, llvm::ConstantInt::get(v->getType(), 0)), b_.getInt32Ty()));
  };
  switch (inst.opcode) {
    case Opcode::I32Const: push(b_.getInt32(static_cast<uint32_t>(inst.bits))); return true;
    case Opcode::I64Const: push(b_.getInt64(inst.bits)); return true;
    case Opcode::F32Const: push(FloatFromBits(ctx_.context(), inst.bits, false)); return true;
    case Opcode::F64Const: push(FloatFromBits(ctx_.context(), inst.bits, true)); return true;

    case Opcode::I32Eqz:
    case Opcode::I64Eqz: eqz(); return true;
    case Opcode::I32Eq:
    case Opcode::I64Eq: compare(CmpInst::ICMP_EQ); return true;
    case Opcode::I32Ne:
    case Opcode::I64Ne: compare(CmpInst::ICMP_NE); return true;
    case Opcode::I32LtS:
    case Opcode::I64LtS: compare(CmpInst::ICMP_SLT); return true;
    case Opcode::I32LtU:
    case Opcode::I64LtU: compare(CmpInst::ICMP_ULT); return true;
    case Opcode::I32GtS:
    case Opcode::I64GtS: compare(CmpInst::ICMP_SGT); return true;
    case Opcode::I32GtU:
    case Opcode::I64GtU: compare(CmpInst::ICMP_UGT); return true;
    case Opcode::I32LeS:
    case Opcode::I64LeS: compare(CmpInst::ICMP_SLE); return true;
    case Opcode::I32LeU:
    case Opcode::I64LeU: compare(CmpInst::ICMP_ULE); return true;
    case Opcode::I32GeS:
    case Opcode::I64GeS: compare(CmpInst::ICMP_SGE); return true;
    case Opcode::I32GeU:
    case Opcode::I64GeU: compare(CmpInst::ICMP_UGE); return true;
    case Opcode::F32Eq:
    case Opcode::F64Eq: compare(CmpInst::FCMP_OEQ); return true;
    case Opcode::F32Ne:
    case Opcode::F64Ne: compare(CmpInst::FCMP_UNE); return true;
    case Opcode::F32Lt:
    case Opcode::F64Lt: compare(CmpInst::FCMP_OLT); return true;
    case Opcode::F32Gt:
    case Opcode::F64Gt: compare(CmpInst::FCMP_OGT); return true;
    case Opcode::F32Le:
    case Opcode::F64Le: compare(CmpInst::FCMP_OLE); return true;
    case Opcode::F32Ge:
    case Opcode::F64Ge: compare(CmpInst::FCMP_OGE); return true;

    case Opcode::I32Clz:
    case Opcode::I64Clz: countZeros(llvm::Intrinsic::ctlz); return true;
    case Opcode::I32Ctz:
    case Opcode::I64Ctz: countZeros(llvm::Intrinsic::cttz); return true;
    case Opcode::I32Popcnt:
    case Opcode::I64Popcnt: unaryIntrinsic(llvm::Intrinsic::ctpop); return true;
    case Opcode::I32Add:
    case Opcode::I64Add: binary(Instruction::Add); return true;
    case Opcode::I32Sub:
    case Opcode::I64Sub: binary(Instruction::Sub); return true;
    case Opcode::I32Mul:
    case Opcode::I64Mul: binary(Instruction::Mul); return true;
    case Opcode::I32DivS:
    case Opcode::I64DivS: lowerDivRem(inst, Instruction::SDiv); return true;
    case Opcode::I32DivU:
    case Opcode::I64DivU: lowerDivRem(inst, Instruction::UDiv); return true;
    case Opcode::I32RemS:
    case Opcode::I64RemS: lowerDivRem(inst, Instruction::SRem); return true;
    case Opcode::I32RemU:
    case Opcode::I64RemU: lowerDivRem(inst, Instruction::URem); return true;
    case Opcode::I32And:
    case Opcode::I64And: binary(Instruction::And); return true;
    case Opcode::I32Or:
    case Opcode::I64Or: binary(Instruction::Or); return true;
    case Opcode::I32Xor:
    case Opcode::I64Xor: binary(Instruction::Xor); return true;
    case Opcode::I32Shl:
    case Opcode::I64Shl: shift(Instruction::Shl); return true;
    case Opcode::I32ShrS:
    case Opcode::I64ShrS: shift(Instruction::AShr); return true;
    case Opcode::I32ShrU:
    case Opcode::I64ShrU: shift(Instruction::LShr); return true;
    case Opcode::I32Rotl:
    case Opcode::I64Rotl: rotate(llvm::Intrinsic::fshl); return true;
    case Opcode::I32Rotr:
    case Opcode::I64Rotr: rotate(llvm::Intrinsic::fshr); return true;

    // abs/neg/copysign only touch the sign bit (fabs/fneg/copysign are bit
    // operations in LLVM too), so NaN payloads pass through unchanged.
    case Opcode::F32Abs:
    case Opcode::F64Abs: unaryIntrinsic(llvm::Intrinsic::fabs); return true;
    case Opcode::F32Neg:
    case Opcode::F64Neg: push(b_.CreateFNeg(pop())); return true;
    case Opcode::F32Ceil:
    case Opcode::F64Ceil: floatUnary(llvm::Intrinsic::ceil); return true;
    case Opcode::F32Floor:
    case Opcode::F64Floor: floatUnary(llvm::Intrinsic::floor); return true;
    case Opcode::F32Trunc:
    case Opcode::F64Trunc: floatUnary(llvm::Intrinsic::trunc); return true;
    case Opcode::F32Nearest:
    case Opcode::F64Nearest: floatUnary(llvm::Intrinsic::roundeven); return true;
    case Opcode::F32Sqrt:
    case Opcode::F64Sqrt: floatUnary(llvm::Intrinsic::sqrt); return true;
    case Opcode::F32Add:
    case Opcode::F64Add: floatBinary(Instruction::FAdd); return true;
    case Opcode::F32Sub:
    case Opcode::F64Sub: floatBinary(Instruction::FSub); return true;
    case Opcode::F32Mul:
    case Opcode::F64Mul: floatBinary(Instruction::FMul); return true;
    case Opcode::F32Div:
    case Opcode::F64Div: floatBinary(Instruction::FDiv); return true;
    case Opcode::F32Min:
    case Opcode::F64Min: floatBinaryIntrinsic(llvm::Intrinsic::minimum); return true;
    case Opcode::F32Max:
    case Opcode::F64Max: floatBinaryIntrinsic(llvm::Intrinsic::maximum); return true;
    case Opcode::F32Copysign:
    case Opcode::F64Copysign: binaryIntrinsic(llvm::Intrinsic::copysign); return true;
    default: return false;
  }
}

}  // namespace wacc::lower
