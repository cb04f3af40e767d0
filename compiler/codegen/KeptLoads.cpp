#include "compiler/codegen/KeptLoads.h"

#include <optional>
#include <vector>

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/KnownBits.h"

namespace wacc::codegen {

namespace {

// How far a load's value is followed through its block; data flow from a
// load to a store is a handful of instructions.
constexpr unsigned kMaxFollowed = 32;

bool IsMarker(const llvm::CallInst* call) {
  // Wasm has no inline assembly: every empty one-operand asm with side
  // effects is lowering's marker.
  if (call->arg_size() != 1) return false;
  auto* asmCode = llvm::dyn_cast<llvm::InlineAsm>(call->getCalledOperand());
  return asmCode && asmCode->hasSideEffects() && asmCode->getAsmString().empty();
}

bool HasMarker(const llvm::LoadInst* load, const llvm::DenseSet<llvm::CallInst*>& markers) {
  for (const llvm::User* user : load->users())
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(user); call && markers.contains(call)) return true;
  return false;
}

// Deep enough for an address (`(i << 2) + base + offset`) or `a * b + c`.
constexpr unsigned kMaxOpaqueDepth = 3;

// True when no later pass can turn `v` into a constant or into something
// computed from the chain's load: arguments, loads, calls (inlining is over)
// and constants, and arithmetic on those alone. Not phis, nor anything
// computed from one: the loop unroller and the vectoriser turn induction
// variables into constants, and `x * ((63 - i) >> 3)` then folds to zero
// in some copies (test/Codegen/kept-loads-folded.wat). A NaN is not opaque
// (`x * NaN` folds to NaN), nor is undef.
bool IsOpaque(const llvm::Value* v, unsigned depth = 0) {
  if (llvm::isa<llvm::Argument, llvm::GlobalValue, llvm::LoadInst>(v)) return true;
  if (auto* c = llvm::dyn_cast<llvm::Constant>(v)) {
    if (c->getType()->isVectorTy()) c = c->getSplatValue();
    if (auto* fp = llvm::dyn_cast_if_present<llvm::ConstantFP>(c)) return !fp->isNaN();
    return llvm::isa_and_present<llvm::ConstantInt>(c);
  }
  auto* inst = llvm::dyn_cast<llvm::Instruction>(v);
  if (!inst || llvm::isa<llvm::PHINode>(inst) || depth == kMaxOpaqueDepth) return false;
  if (auto* call = llvm::dyn_cast<llvm::CallInst>(inst); call && !llvm::isa<llvm::IntrinsicInst>(call)) return true;
  if (!llvm::isa<llvm::BinaryOperator, llvm::CastInst, llvm::GetElementPtrInst>(inst)) return false;
  for (const llvm::Value* operand : inst->operands())
    if (!IsOpaque(operand, depth + 1)) return false;
  return true;
}

unsigned Width(const llvm::Type* type) {
  return type->getScalarType()->isPointerTy() ? 64 : type->getScalarSizeInBits();
}

// Where a value of a chain holds the load: bits [low, high) of each lane,
// every one of which no pass can show to be unneeded (each bit of the load
// reaches one of them, and no other operand's known bits hide it).
struct Held {
  unsigned low, high;
};

// A link of a chain: `user` computed from `value`, which holds the load in
// `held`; where `user` holds it, or nullopt when a later pass could show
// `user` not to need some bit of the load. Not only could it then delete
// the load (`x * ((63 - i) >> 3)` is zero in some copies once the unroller,
// which runs after this pass, makes `i` a constant), it could also narrow
// it: instruction selection turns `trunc (load i32)` or `and (load), 0xff`
// into a one-byte load, which no longer traps when the other three bytes
// are past the end of memory. So every other operand must be opaque (then
// only the operation decides) and every bit of the load must still count:
// casts, add, sub, xor, shifts and multiplications by constants that lose
// no held bit, and/or with an operand none of whose known bits masks a held
// one, float arithmetic on the whole value, an address. Not compares,
// selects, divisions, variable shifts, calls.
std::optional<Held> Link(const llvm::Instruction* user, const llvm::Value* value, Held held) {
  unsigned width = Width(user->getType());
  unsigned valueWidth = Width(value->getType());
  // `value` itself once, or twice in float arithmetic (`x - x` folds to
  // zero, `x * x` keeps x).
  bool fp = user->getType()->isFPOrFPVectorTy();
  unsigned uses = 0;
  const llvm::Value* other = nullptr;
  for (const llvm::Value* operand : user->operands()) {
    if (operand == value ? ++uses > (fp ? 2u : 1u) : !IsOpaque(operand)) return std::nullopt;
    if (operand != value) other = operand;
  }
  const llvm::APInt* constant = nullptr;
  bool constantOther = other && llvm::PatternMatch::match(other, llvm::PatternMatch::m_APInt(constant));
  auto shifted = [&](int by) -> std::optional<Held> {
    if (int(held.low) + by < 0 || int(held.high) + by > int(width)) return std::nullopt;
    return Held{unsigned(int(held.low) + by), unsigned(int(held.high) + by)};
  };
  bool whole = held.low == 0 && held.high == valueWidth;
  switch (user->getOpcode()) {
    case llvm::Instruction::ZExt:
    case llvm::Instruction::SExt:
    case llvm::Instruction::Trunc:
    case llvm::Instruction::PtrToInt:
    case llvm::Instruction::IntToPtr:
    case llvm::Instruction::Freeze:
    case llvm::Instruction::Add:
    case llvm::Instruction::Sub:
    case llvm::Instruction::Xor: return shifted(0);
    case llvm::Instruction::BitCast:
      if (valueWidth != width) return std::nullopt;
      return held;
    case llvm::Instruction::And:
    case llvm::Instruction::Or: {
      llvm::KnownBits known = llvm::computeKnownBits(other, user->getDataLayout());
      const llvm::APInt& masking = user->getOpcode() == llvm::Instruction::And ? known.Zero : known.One;
      if (!masking.extractBits(held.high - held.low, held.low).isZero()) return std::nullopt;
      return held;
    }
    case llvm::Instruction::Shl:
    case llvm::Instruction::LShr:
    case llvm::Instruction::AShr: {
      if (!constantOther || user->getOperand(0) != value || constant->uge(width)) return std::nullopt;
      int amount = int(constant->getZExtValue());
      return shifted(user->getOpcode() == llvm::Instruction::Shl ? amount : -amount);
    }
    case llvm::Instruction::Mul:
      // By 2^k times an odd number: a shift by k, then a bijection of each
      // run of low bits.
      if (!constantOther || constant->isZero()) return std::nullopt;
      return shifted(int(constant->countr_zero()));
    case llvm::Instruction::FNeg:
    case llvm::Instruction::FPExt:
    case llvm::Instruction::FPTrunc:
    case llvm::Instruction::SIToFP:
    case llvm::Instruction::UIToFP:
    case llvm::Instruction::FAdd:
    case llvm::Instruction::FSub:
    case llvm::Instruction::FMul:
    case llvm::Instruction::FDiv:
      if (!whole && !llvm::isa<llvm::SIToFPInst, llvm::UIToFPInst>(user)) return std::nullopt;
      return Held{0, width};
    case llvm::Instruction::GetElementPtr: {
      auto* gep = llvm::cast<llvm::GetElementPtrInst>(user);
      if (gep->getPointerOperand() == value) return held;
      if (gep->getNumIndices() != 1 || valueWidth != 64) return std::nullopt;
      uint64_t stride = gep->getDataLayout().getTypeAllocSize(gep->getSourceElementType()).getFixedValue();
      if (stride == 0) return std::nullopt;
      return shifted(int(llvm::countr_zero(stride)));
    }
    default: return std::nullopt;
  }
}

// True when `load`'s value flows, through instructions of the load's own
// block, into something that keeps it: a store (value or address), a call
// with side effects, a return, or the address of another marked load. No
// later pass deletes such a chain, nor sinks the load out of its block
// (each link has a use in the block, instcombine sinks only what is used in
// one successor alone), so the load stays where wasm put it without its
// fake use, provided every link keeps the load's value in its result (Link):
// a chain through `x * i`, with `i` a loop counter, is deleted once the
// unroller, which runs after this pass, makes `i` zero in one copy.
// Branches are not counted: a branch both of whose sides become the same
// disappears with its condition. Phis are not followed: a value carried
// round a loop may end up unused. Chains end at a real root or at a load
// keeping its marker, as a block has no cycles without phis.
bool AnchoredInBlock(llvm::LoadInst* load, const llvm::DenseSet<llvm::CallInst*>& markers) {
  llvm::BasicBlock* block = load->getParent();
  llvm::SmallVector<std::pair<llvm::Instruction*, Held>, 8> work{{load, Held{0, Width(load->getType())}}};
  llvm::DenseSet<llvm::Instruction*> seen{load};
  while (!work.empty()) {
    auto [value, held] = work.pop_back_val();
    for (llvm::User* user : value->users()) {
      auto* inst = llvm::dyn_cast<llvm::Instruction>(user);
      if (!inst || inst->getParent() != block || llvm::isa<llvm::PHINode>(inst)) continue;
      if (llvm::isa<llvm::StoreInst, llvm::AtomicRMWInst, llvm::AtomicCmpXchgInst, llvm::ReturnInst>(inst)) return true;
      if (auto* call = llvm::dyn_cast<llvm::CallInst>(inst)) {
        // An assumption is dropped once it is known to hold.
        auto* intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(call);
        if (markers.contains(call) || (intrinsic && intrinsic->isAssumeLikeIntrinsic())) continue;
        if (call->mayHaveSideEffects()) return true;
        continue;
      }
      if (auto* next = llvm::dyn_cast<llvm::LoadInst>(inst)) {
        if (next != load && next->getPointerOperand() == value && HasMarker(next, markers)) return true;
        continue;
      }
      std::optional<Held> linked = Link(inst, value, held);
      if (!linked || seen.size() == kMaxFollowed || !seen.insert(inst).second) continue;
      work.push_back({inst, *linked});
    }
  }
  return false;
}

}  // namespace

llvm::PreservedAnalyses KeptLoadsToFakeUsesPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  llvm::DenseSet<llvm::CallInst*> markers;
  for (llvm::Instruction& inst : llvm::instructions(f))
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(&inst); call && IsMarker(call)) markers.insert(call);
  if (markers.empty()) return llvm::PreservedAnalyses::all();
  // Decided against the markers as they are, then applied: a load that is
  // the anchor of another's chain is itself anchored or keeps its use.
  std::vector<llvm::CallInst*> dropped, converted;
  for (llvm::CallInst* marker : markers) {
    auto* load = llvm::dyn_cast<llvm::LoadInst>(marker->getArgOperand(0));
    (load && AnchoredInBlock(load, markers) ? dropped : converted).push_back(marker);
  }
  for (llvm::CallInst* marker : converted) {
    llvm::IRBuilder<> b(marker);
    b.CreateIntrinsic(llvm::Intrinsic::fake_use, llvm::ArrayRef<llvm::Type*>(), {marker->getArgOperand(0)});
    marker->eraseFromParent();
  }
  for (llvm::CallInst* marker : dropped) marker->eraseFromParent();
  llvm::PreservedAnalyses kept;
  kept.preserveSet<llvm::CFGAnalyses>();
  return kept;
}

}  // namespace wacc::codegen
