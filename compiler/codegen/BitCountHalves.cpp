#include "compiler/codegen/BitCountHalves.h"

#include <optional>
#include <utility>

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/Local.h"

namespace wacc::codegen {

namespace {

using namespace llvm::PatternMatch;

bool IsI64(const llvm::Value* v) { return v->getType()->isIntegerTy(64); }

// `trunc X` to i32, the low half of the i64 X.
llvm::Value* LowHalfOf(llvm::Value* v) {
  llvm::Value* x = nullptr;
  return v->getType()->isIntegerTy(32) && match(v, m_Trunc(m_Value(x))) && IsI64(x) ? x : nullptr;
}

// `trunc (X >> 32)` to i32, the high half of the i64 X.
llvm::Value* HighHalfOf(llvm::Value* v) {
  llvm::Value* x = nullptr;
  return v->getType()->isIntegerTy(32) && match(v, m_Trunc(m_LShr(m_Value(x), m_SpecificInt(32)))) && IsI64(x)
             ? x
             : nullptr;
}

enum class Half { kLow, kHigh };

// A condition testing one half of an i64 X against zero: X, which half, and
// whether the condition is true when that half is zero.
struct HalfTest {
  llvm::Value* x;
  Half half;
  bool trueWhenZero;
};

std::optional<HalfTest> MatchHalfTest(llvm::Value* cond) {
  auto* cmp = llvm::dyn_cast<llvm::ICmpInst>(cond);
  if (!cmp) return std::nullopt;
  llvm::Value* a = cmp->getOperand(0);
  llvm::Value* b = cmp->getOperand(1);
  llvm::Value* x = nullptr;
  switch (cmp->getPredicate()) {
    case llvm::ICmpInst::ICMP_EQ:
    case llvm::ICmpInst::ICMP_NE: {
      if (!match(b, m_Zero())) return std::nullopt;
      bool eq = cmp->getPredicate() == llvm::ICmpInst::ICMP_EQ;
      if (llvm::Value* low = LowHalfOf(a)) return HalfTest{low, Half::kLow, eq};
      if (match(a, m_And(m_Value(x), m_SpecificInt(0xffffffffu))) && IsI64(x)) return HalfTest{x, Half::kLow, eq};
      if (llvm::Value* high = HighHalfOf(a)) return HalfTest{high, Half::kHigh, eq};
      if (match(a, m_LShr(m_Value(x), m_SpecificInt(32))) && IsI64(x)) return HalfTest{x, Half::kHigh, eq};
      return std::nullopt;
    }
    // InstCombine's form of `(X >> 32) == 0` and its negation.
    case llvm::ICmpInst::ICMP_ULT:
      if (IsI64(a) && match(b, m_SpecificInt(uint64_t{1} << 32))) return HalfTest{a, Half::kHigh, true};
      return std::nullopt;
    case llvm::ICmpInst::ICMP_UGT:
      if (IsI64(a) && match(b, m_SpecificInt(0xffffffffu))) return HalfTest{a, Half::kHigh, false};
      return std::nullopt;
    default: return std::nullopt;
  }
}

// The 32-bit count `id` of one half of an i64: that i64, or nullptr.
llvm::Value* CountOf(llvm::Value* v, llvm::Intrinsic::ID id, Half half) {
  auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(v);
  if (!call || call->getIntrinsicID() != id) return nullptr;
  return half == Half::kLow ? LowHalfOf(call->getArgOperand(0)) : HighHalfOf(call->getArgOperand(0));
}

// `c + 32` as InstCombine may leave it: the count c, and whether the form
// differs from the sum when c is 32 (`c ^ 32` is 0 there, where the sum is
// 64: InstCombine writes the sum so when only the low six bits are used).
// A disjoint `or` is poison there, which the sum refines.
std::optional<std::pair<llvm::Value*, bool>> MatchPlus32(llvm::Value* v) {
  llvm::Value* c = nullptr;
  if (match(v, m_Add(m_Value(c), m_SpecificInt(32)))) return std::pair{c, false};
  if (auto* disjoint = llvm::dyn_cast<llvm::PossiblyDisjointInst>(v);
      disjoint && disjoint->isDisjoint() && match(v, m_Or(m_Value(c), m_SpecificInt(32))))
    return std::pair{c, false};
  if (match(v, m_Xor(m_Value(c), m_SpecificInt(32)))) return std::pair{c, true};
  return std::nullopt;
}

// The i64 count `id` of x, truncated to i32; `& 63` when the 32-bit form
// gave 0 for x = 0 (the xor form above), which it equals everywhere then:
// every other count is below 64.
llvm::Value* WideCount(llvm::Instruction* at, llvm::Intrinsic::ID id, llvm::Value* x, bool maskZero) {
  llvm::IRBuilder<> builder(at);
  llvm::SmallVector<llvm::Value*, 2> args{x};
  if (id != llvm::Intrinsic::ctpop) args.push_back(builder.getFalse());
  llvm::Value* wide = builder.CreateIntrinsic(id, {x->getType()}, args);
  llvm::Value* count = builder.CreateTrunc(wide, builder.getInt32Ty());
  return maskZero ? builder.CreateAnd(count, 63) : count;
}

// select(lo == 0, cttz(hi) + 32, cttz(lo)) or
// select(hi == 0, ctlz(lo) + 32, ctlz(hi)).
llvm::Value* JoinSelect(llvm::SelectInst* select) {
  if (!select->getType()->isIntegerTy(32)) return nullptr;
  std::optional<HalfTest> test = MatchHalfTest(select->getCondition());
  if (!test) return nullptr;
  llvm::Value* whenZero = select->getTrueValue();
  llvm::Value* otherwise = select->getFalseValue();
  if (!test->trueWhenZero) std::swap(whenZero, otherwise);
  std::optional<std::pair<llvm::Value*, bool>> plus = MatchPlus32(whenZero);
  if (!plus) return nullptr;
  // Counting from the end the condition tests: cttz tests the low half and
  // goes on into the high one, ctlz the other way round.
  llvm::Intrinsic::ID id = test->half == Half::kLow ? llvm::Intrinsic::cttz : llvm::Intrinsic::ctlz;
  Half tested = test->half;
  Half rest = tested == Half::kLow ? Half::kHigh : Half::kLow;
  if (CountOf(plus->first, id, rest) != test->x || CountOf(otherwise, id, tested) != test->x) return nullptr;
  return WideCount(select, id, test->x, plus->second);
}

// ctpop(lo) + ctpop(hi).
llvm::Value* JoinPopcount(llvm::BinaryOperator* add) {
  if (add->getOpcode() != llvm::Instruction::Add || !add->getType()->isIntegerTy(32)) return nullptr;
  for (int first = 0; first < 2; ++first) {
    llvm::Value* x = CountOf(add->getOperand(first), llvm::Intrinsic::ctpop, Half::kLow);
    if (x && CountOf(add->getOperand(1 - first), llvm::Intrinsic::ctpop, Half::kHigh) == x)
      return WideCount(add, llvm::Intrinsic::ctpop, x, false);
  }
  return nullptr;
}

}  // namespace

llvm::PreservedAnalyses BitCountHalvesPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  llvm::SmallVector<std::pair<llvm::Instruction*, llvm::Value*>, 8> joined;
  for (llvm::Instruction& inst : llvm::instructions(f)) {
    llvm::Value* wide = nullptr;
    if (auto* select = llvm::dyn_cast<llvm::SelectInst>(&inst))
      wide = JoinSelect(select);
    else if (auto* add = llvm::dyn_cast<llvm::BinaryOperator>(&inst))
      wide = JoinPopcount(add);
    if (wide) joined.emplace_back(&inst, wide);
  }
  if (joined.empty()) return llvm::PreservedAnalyses::all();
  llvm::SmallVector<llvm::WeakTrackingVH, 8> dead;
  for (auto [old, wide] : joined) {
    old->replaceAllUsesWith(wide);
    dead.emplace_back(old);
  }
  llvm::RecursivelyDeleteTriviallyDeadInstructionsPermissive(dead);
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

}  // namespace wacc::codegen
