#include "compiler/codegen/FastISelLowering.h"

#include <cmath>
#include <vector>

#include "compiler/codegen/Optimizer.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Utils/LowerSwitch.h"

namespace wacc::codegen {

namespace {

// rotl/rotr (a funnel shift of a value with itself) as two shifts and an or;
// the masked right amount makes a rotation by 0 come out as `a | a`.
llvm::Value* ExpandRotate(llvm::IRBuilder<>& b, llvm::IntrinsicInst& call, bool left) {
  llvm::Value* a = call.getArgOperand(0);
  unsigned width = a->getType()->getScalarSizeInBits();
  llvm::Value* mask = llvm::ConstantInt::get(a->getType(), width - 1);
  llvm::Value* amount = b.CreateAnd(call.getArgOperand(2), mask);
  llvm::Value* other = b.CreateAnd(b.CreateSub(llvm::ConstantInt::get(a->getType(), width), amount), mask);
  llvm::Value* first = left ? b.CreateShl(a, amount) : b.CreateLShr(a, amount);
  llvm::Value* second = left ? b.CreateLShr(a, other) : b.CreateShl(a, other);
  return b.CreateOr(first, second);
}

llvm::Value* ExpandFabs(llvm::IRBuilder<>& b, llvm::Value* x) {
  unsigned width = x->getType()->getPrimitiveSizeInBits();
  llvm::Type* intType = b.getIntNTy(width);
  llvm::Value* bits = b.CreateBitCast(x, intType);
  return b.CreateBitCast(b.CreateAnd(bits, llvm::APInt::getSignedMaxValue(width)), x->getType());
}

// fptosi.sat/fptoui.sat: NaN gives 0, values below the range its minimum,
// values at or above 2^bits (2^(bits-1) signed) its maximum. The bounds are
// powers of two, exact in every float type; a value between the lower bound
// and the next integer below it truncates to the minimum anyway.
llvm::Value* ExpandSaturatingTruncation(llvm::IRBuilder<>& b, llvm::IntrinsicInst& call, bool isSigned) {
  llvm::Value* x = call.getArgOperand(0);
  auto* intType = llvm::cast<llvm::IntegerType>(call.getType());
  unsigned bits = intType->getBitWidth();
  llvm::Type* fp = x->getType();
  double upper = isSigned ? std::ldexp(1.0, int(bits) - 1) : std::ldexp(1.0, int(bits));
  double lower = isSigned ? -upper : 0.0;
  llvm::APInt max = isSigned ? llvm::APInt::getSignedMaxValue(bits) : llvm::APInt::getMaxValue(bits);
  llvm::APInt min = isSigned ? llvm::APInt::getSignedMinValue(bits) : llvm::APInt::getMinValue(bits);
  // FastISel has no unsigned conversion below 64 bits: a signed i64 one is
  // exact over the whole in-range interval.
  llvm::Value* truncated = isSigned    ? b.CreateFPToSI(x, intType)
                           : bits < 64 ? b.CreateTrunc(b.CreateFPToSI(x, b.getInt64Ty()), intType)
                                       : b.CreateFPToUI(x, intType);
  llvm::Value* inRangeBelow = b.CreateFCmpOGE(x, llvm::ConstantFP::get(fp, lower));
  llvm::Value* belowUpper = b.CreateFCmpOLT(x, llvm::ConstantFP::get(fp, upper));
  llvm::Value* clampedLow = b.CreateSelect(inRangeBelow, truncated, b.getInt(min));
  llvm::Value* clamped = b.CreateSelect(belowUpper, clampedLow, b.getInt(max));
  llvm::Value* isNaN = b.CreateFCmpUNO(x, x);
  return b.CreateSelect(isNaN, llvm::ConstantInt::get(intType, 0), clamped);
}

// Returns the replacement for `inst`, or null to keep it.
llvm::Value* Expand(llvm::IRBuilder<>& b, llvm::Instruction& inst) {
  if (auto* convert = llvm::dyn_cast<llvm::UIToFPInst>(&inst)) {
    // Exact in i64, so one rounding either way.
    llvm::Value* source = convert->getOperand(0);
    if (source->getType()->isIntegerTy(32) && !inst.getType()->isVectorTy())
      return b.CreateSIToFP(b.CreateZExt(source, b.getInt64Ty()), inst.getType());
    return nullptr;
  }
  auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(&inst);
  if (!call || call->getType()->isVectorTy()) return nullptr;
  switch (call->getIntrinsicID()) {
    case llvm::Intrinsic::fshl:
    case llvm::Intrinsic::fshr:
      if (call->getArgOperand(0) != call->getArgOperand(1)) return nullptr;
      return ExpandRotate(b, *call, call->getIntrinsicID() == llvm::Intrinsic::fshl);
    case llvm::Intrinsic::fabs: return ExpandFabs(b, call->getArgOperand(0));
    case llvm::Intrinsic::fptosi_sat: return ExpandSaturatingTruncation(b, *call, true);
    case llvm::Intrinsic::fptoui_sat: return ExpandSaturatingTruncation(b, *call, false);
    default: return nullptr;
  }
}

}  // namespace

llvm::PreservedAnalyses FastISelLoweringPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  std::vector<llvm::Instruction*> candidates;
  for (llvm::Instruction& inst : llvm::instructions(f))
    if (llvm::isa<llvm::IntrinsicInst>(inst) || llvm::isa<llvm::UIToFPInst>(inst)) candidates.push_back(&inst);
  bool changed = false;
  for (llvm::Instruction* inst : candidates) {
    llvm::IRBuilder<> b(inst);
    if (llvm::Value* replacement = Expand(b, *inst)) {
      inst->replaceAllUsesWith(replacement);
      inst->eraseFromParent();
      changed = true;
    }
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

void PrepareForFastISel(llvm::Module& module, llvm::TargetMachine& machine) {
  RunModulePasses(module, machine, [](llvm::PassBuilder&) {
    llvm::FunctionPassManager passes;
    passes.addPass(llvm::LowerSwitchPass());
    passes.addPass(FastISelLoweringPass());
    llvm::ModulePassManager mpm;
    mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(passes)));
    return mpm;
  });
}

}  // namespace wacc::codegen
