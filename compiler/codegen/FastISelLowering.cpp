#include "compiler/codegen/FastISelLowering.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "compiler/codegen/KeptLoads.h"
#include "compiler/codegen/Optimizer.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
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

// smin/smax/umin/umax as a compare and a select (a cmov or csel, what the
// SelectionDAG makes of them too); abs as x < 0 ? -x : x.
llvm::Value* ExpandMinMax(llvm::IRBuilder<>& b, llvm::IntrinsicInst& call) {
  llvm::Value* x = call.getArgOperand(0);
  llvm::Value* y = call.getArgOperand(1);
  switch (call.getIntrinsicID()) {
    case llvm::Intrinsic::smin: return b.CreateSelect(b.CreateICmpSLT(x, y), x, y);
    case llvm::Intrinsic::smax: return b.CreateSelect(b.CreateICmpSGT(x, y), x, y);
    case llvm::Intrinsic::umin: return b.CreateSelect(b.CreateICmpULT(x, y), x, y);
    case llvm::Intrinsic::umax: return b.CreateSelect(b.CreateICmpUGT(x, y), x, y);
    default: {  // abs; its poison-on-minimum flag only allows more
      llvm::Value* zero = llvm::ConstantInt::get(x->getType(), 0);
      return b.CreateSelect(b.CreateICmpSLT(x, zero), b.CreateSub(zero, x), x);
    }
  }
}

// Expansions that give the code the SelectionDAG would have given: kept at
// -O1 too. Returns the replacement for `inst`, or null to keep it.
llvm::Value* ExpandAtEveryLevel(llvm::IRBuilder<>& b, llvm::Instruction& inst) {
  if (auto* select = llvm::dyn_cast<llvm::SelectInst>(&inst)) {
    // The logical and/or of i1s InstCombine writes as selects so that a
    // poison right operand does not leak: FastISel selects no i1 select
    // (nor an i1 freeze). Nothing after this but CodeGenPrepare looks at
    // poison, and machine code has none: whatever bit the right operand
    // computes, `a | b` is 1 when `a` is, as the select's is.
    if (!select->getType()->isIntegerTy(1)) return nullptr;
    llvm::Value* c = select->getCondition();
    llvm::Value* x = select->getTrueValue();
    llvm::Value* y = select->getFalseValue();
    auto isConstant = [](llvm::Value* v, bool one) {
      auto* k = llvm::dyn_cast<llvm::ConstantInt>(v);
      return k && k->isOne() == one;
    };
    if (isConstant(x, true)) return b.CreateOr(c, y);
    if (isConstant(y, false)) return b.CreateAnd(c, x);
    if (isConstant(y, true)) return b.CreateOr(b.CreateNot(c), x);
    if (isConstant(x, false)) return b.CreateAnd(b.CreateNot(c), y);
    return b.CreateOr(b.CreateAnd(c, x), b.CreateAnd(b.CreateNot(c), y));
  }
  if (auto* store = llvm::dyn_cast<llvm::StoreInst>(&inst)) {
    // A vector zero (wasm's v128.const 0, a memset the wasm compiler wrote
    // as vector stores): FastISel materialises no vector constant. As i64
    // zero stores it is a store of an immediate (or of xzr).
    llvm::Value* value = store->getValueOperand();
    auto* type = llvm::dyn_cast<llvm::FixedVectorType>(value->getType());
    if (!type || !store->isSimple() || !llvm::isa<llvm::Constant>(value) ||
        !llvm::cast<llvm::Constant>(value)->isNullValue())
      return nullptr;
    uint64_t bytes = type->getPrimitiveSizeInBits().getFixedValue() / 8;
    if (bytes == 0 || bytes % 8 != 0) return nullptr;
    llvm::Align align = std::min(store->getAlign(), llvm::Align(8));
    for (uint64_t offset = 0; offset < bytes; offset += 8)
      b.CreateAlignedStore(b.getInt64(0), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), store->getPointerOperand(), offset),
                           align);
    return store;  // erased by the caller; it has no uses
  }
  if (auto* convert = llvm::dyn_cast<llvm::UIToFPInst>(&inst)) {
    // Exact in i64, so one rounding either way (the SelectionDAG's own way).
    llvm::Value* source = convert->getOperand(0);
    if (source->getType()->isIntegerTy(32) && !inst.getType()->isVectorTy())
      return b.CreateSIToFP(b.CreateZExt(source, b.getInt64Ty()), inst.getType());
    return nullptr;
  }
  auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(&inst);
  if (!call || call->getType()->isVectorTy()) return nullptr;
  switch (call->getIntrinsicID()) {
    case llvm::Intrinsic::smin:
    case llvm::Intrinsic::smax:
    case llvm::Intrinsic::umin:
    case llvm::Intrinsic::umax:
    case llvm::Intrinsic::abs:
      if (!call->getType()->isIntegerTy(32) && !call->getType()->isIntegerTy(64)) return nullptr;
      return ExpandMinMax(b, *call);
    case llvm::Intrinsic::memmove: {
      // FastISel calls memcpy and memset but not memmove; a length the
      // SelectionDAG would not expand inline is the same call to memmove.
      auto* move = llvm::cast<llvm::MemMoveInst>(call);
      if (move->isVolatile() || llvm::isa<llvm::ConstantInt>(move->getLength())) return nullptr;
      llvm::Module& module = *inst.getModule();
      llvm::Type* size = module.getDataLayout().getIntPtrType(module.getContext());
      if (move->getLength()->getType() != size) return nullptr;
      llvm::FunctionCallee memmove = module.getOrInsertFunction("memmove", b.getPtrTy(), b.getPtrTy(), b.getPtrTy(), size);
      b.CreateCall(memmove, {move->getRawDest(), move->getRawSource(), move->getLength()});
      return move;  // erased by the caller; it has no uses
    }
    case llvm::Intrinsic::fake_use: {
      // FastISel selects llvm.fake.use as nothing, and a load whose only
      // user it was is then dead and not emitted either: the guard-page
      // load that KeptLoads kept for its trap would not fault. A volatile
      // load is never dead to FastISel.
      llvm::LoadInst* load = FakeUsedLoad(*call);
      if (!load) return nullptr;
      load->setVolatile(true);
      return call;  // erased by the caller; it has no uses
    }
    default: return nullptr;
  }
}

// Returns the replacement for `inst`, or null to keep it.
llvm::Value* Expand(llvm::IRBuilder<>& b, llvm::Instruction& inst, bool optimized) {
  if (llvm::Value* v = ExpandAtEveryLevel(b, inst)) return v;
  // What follows costs run time against the SelectionDAG's code (a rotate
  // as two shifts): -O0 only.
  if (optimized) return nullptr;
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


// At -O1 a switch stays a switch (its jump table is what an interpreter's
// dispatch needs), but alone in its block: the SelectionDAG, which selects
// it, then selects only it, not the whole block with it.
bool IsolateSwitches(llvm::Function& f) {
  std::vector<llvm::SwitchInst*> switches;
  for (llvm::BasicBlock& block : f)
    if (auto* sw = llvm::dyn_cast<llvm::SwitchInst>(block.getTerminator()))
      if (sw != &*block.getFirstNonPHIOrDbg()) switches.push_back(sw);
  for (llvm::SwitchInst* sw : switches) llvm::SplitBlock(sw->getParent(), sw);
  return !switches.empty();
}

}  // namespace

llvm::PreservedAnalyses FastISelLoweringPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  std::vector<llvm::Instruction*> candidates;
  for (llvm::Instruction& inst : llvm::instructions(f))
    if (llvm::isa<llvm::IntrinsicInst, llvm::UIToFPInst, llvm::SelectInst, llvm::StoreInst>(inst))
      candidates.push_back(&inst);
  bool changed = optimized_ && IsolateSwitches(f);
  for (llvm::Instruction* inst : candidates) {
    llvm::IRBuilder<> b(inst);
    llvm::Value* replacement = Expand(b, *inst, optimized_);
    if (!replacement) continue;
    if (replacement != inst) inst->replaceAllUsesWith(replacement);
    inst->eraseFromParent();
    changed = true;
  }
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

void PrepareForFastISel(llvm::Module& module, llvm::TargetMachine& machine) {
  bool optimized = machine.getOptLevel() != llvm::CodeGenOptLevel::None;
  RunModulePasses(module, machine, [optimized](llvm::PassBuilder&) {
    llvm::FunctionPassManager passes;
    if (!optimized) passes.addPass(llvm::LowerSwitchPass());
    passes.addPass(FastISelLoweringPass(optimized));
    llvm::ModulePassManager mpm;
    mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(passes)));
    return mpm;
  });
}

}  // namespace wacc::codegen
