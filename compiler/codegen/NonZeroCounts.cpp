#include "compiler/codegen/NonZeroCounts.h"

#include <vector>

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/SimplifyQuery.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/CommandLine.h"

namespace wacc::codegen {

namespace {

// -mllvm -wacc-nonzero-counts=0: every count keeps its zero case (A/B).
llvm::cl::opt<bool> gEnabled("wacc-nonzero-counts", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("mark bit counts of operands known non-zero"));

// The chain's end: v == 0 exactly when value == constant.
struct ZeroWhen {
  llvm::Value* value;
  llvm::APInt constant;
};

// Follows the bijections of NonZeroCounts.h from v: the value and constant
// whose equality is v's being zero.
ZeroWhen Unwind(llvm::Value* v) {
  using namespace llvm::PatternMatch;
  llvm::APInt k = llvm::APInt::getZero(v->getType()->getScalarSizeInBits());
  for (int step = 0; step < 8; ++step) {
    llvm::Value* w;
    const llvm::APInt* c;
    if (match(v, m_Xor(m_Value(w), m_APInt(c)))) {
      k ^= *c;  // w ^ c == k  <=>  w == k ^ c
    } else if (match(v, m_Add(m_Value(w), m_APInt(c)))) {
      k -= *c;  // w + c == k  <=>  w == k - c
    } else if (match(v, m_Sub(m_Value(w), m_APInt(c)))) {
      k += *c;
    } else if (match(v, m_FShl(m_Value(w), m_Deferred(w), m_Value())) ||
               match(v, m_FShr(m_Value(w), m_Deferred(w), m_Value()))) {
      if (!k.isZero()) break;  // a rotate of k is not k: only 0 stays 0
    } else if (match(v, m_BSwap(m_Value(w))) || match(v, m_BitReverse(m_Value(w)))) {
      if (!k.isZero()) break;
    } else if (match(v, m_ZExt(m_Value(w))) || match(v, m_SExt(m_Value(w))) || match(v, m_NUWTrunc(m_Value(w)))) {
      // A truncation that drops only zeros is zero exactly when its
      // operand is.
      if (!k.isZero()) break;
      k = llvm::APInt::getZero(w->getType()->getScalarSizeInBits());
    } else {
      break;
    }
    v = w;
  }
  return {v, k};
}

// Whether a conditional branch on `condition` leaves through its successor
// `index` along an edge that dominates `at`, or, for a phi's incoming value
// (`at` the incoming block's terminator, `into` the phi's block), is that
// very edge.
bool EdgeDominates(llvm::Value* condition, unsigned index, const llvm::Instruction& at, llvm::BasicBlock* into,
                   const llvm::DominatorTree& dom) {
  for (llvm::User* user : condition->users()) {
    auto* branch = llvm::dyn_cast<llvm::BranchInst>(user);
    if (!branch || !branch->isConditional() || branch->getCondition() != condition) continue;
    llvm::BasicBlockEdge edge(branch->getParent(), branch->getSuccessor(index));
    if (!edge.isSingleEdge()) continue;
    if (dom.dominates(edge, at.getParent())) return true;
    if (branch == &at && branch->getSuccessor(index) == into) return true;
  }
  return false;
}

// Whether a branch on `value ==/!= constant` leaves for a block, along an
// edge that dominates `at`, only where value != constant: a branch on the
// compare, or on the compare or-ed with another condition (SimplifyCFG's
// merged exits, `select c, true, x`) when eq, and-ed when ne.
bool ExcludedByBranch(const ZeroWhen& zero, const llvm::Instruction& at, llvm::BasicBlock* into,
                      const llvm::DominatorTree& dom) {
  using namespace llvm::PatternMatch;
  if (llvm::isa<llvm::Constant>(zero.value)) return false;
  for (llvm::User* user : zero.value->users()) {
    auto* compare = llvm::dyn_cast<llvm::ICmpInst>(user);
    const llvm::APInt* c;
    if (!compare || !compare->isEquality() || !match(compare, m_c_ICmp(m_Specific(zero.value), m_APInt(c))) ||
        *c != zero.constant)
      continue;
    // eq: the false successor is where value != constant; ne: the true one.
    bool eq = compare->getPredicate() == llvm::ICmpInst::ICMP_EQ;
    unsigned index = eq ? 1 : 0;
    if (EdgeDominates(compare, index, at, into, dom)) return true;
    for (llvm::User* combined : compare->users())
      if (eq ? match(combined, m_c_LogicalOr(m_Specific(compare), m_Value()))
             : match(combined, m_c_LogicalAnd(m_Specific(compare), m_Value())))
        if (EdgeDominates(combined, index, at, into, dom)) return true;
  }
  return false;
}

// Whether v is non-zero at `at` (and on the edge from its block to `into`,
// for a phi's incoming value); through one level of phis.
bool NonZeroAt(llvm::Value* v, const llvm::Instruction& at, llvm::BasicBlock* into,
               const llvm::SimplifyQuery& query, const llvm::DominatorTree& dom, bool phis) {
  if (llvm::isKnownNonZero(v, query.getWithInstruction(&at))) return true;
  if (ExcludedByBranch(Unwind(v), at, into, dom)) return true;
  auto* phi = llvm::dyn_cast<llvm::PHINode>(v);
  if (!phi || !phis) return false;
  for (unsigned i = 0; i < phi->getNumIncomingValues(); ++i)
    if (!NonZeroAt(phi->getIncomingValue(i), *phi->getIncomingBlock(i)->getTerminator(), phi->getParent(), query,
                   dom, false))
      return false;
  return true;
}

// Whether every use of `count` is a select that takes its other operand
// where the count's operand is zero (`select (icmp eq W, K), other, count`,
// or ne with the arms swapped, W == K exactly when the operand is zero):
// the count's value at zero is never chosen, and a select does not pass on
// the poison of the arm it does not choose. wasm32's 64-bit count split in
// halves leaves such selects (zstd's row finders with 16- and 32-entry
// rows).
bool ZeroNeverChosen(llvm::IntrinsicInst* count) {
  using namespace llvm::PatternMatch;
  ZeroWhen zero = Unwind(count->getArgOperand(0));
  if (llvm::isa<llvm::Constant>(zero.value) || count->use_empty()) return false;
  for (llvm::Use& use : count->uses()) {
    auto* select = llvm::dyn_cast<llvm::SelectInst>(use.getUser());
    llvm::CmpPredicate predicate;
    const llvm::APInt* c;
    if (!select || use.getOperandNo() == 0 ||
        !match(select->getCondition(), m_c_ICmp(predicate, m_Specific(zero.value), m_APInt(c))) ||
        *c != zero.constant)
      return false;
    // eq: the count must be the false arm (operand 2); ne: the true one.
    unsigned countArm = predicate == llvm::ICmpInst::ICMP_EQ ? 2 : predicate == llvm::ICmpInst::ICMP_NE ? 1 : 0;
    if (use.getOperandNo() != countArm || select->getOperand(3 - countArm) == count) return false;
  }
  return true;
}

}  // namespace

llvm::PreservedAnalyses NonZeroCountsPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  if (!gEnabled || f.isDeclaration()) return llvm::PreservedAnalyses::all();
  std::vector<llvm::IntrinsicInst*> counts;
  for (llvm::BasicBlock& block : f)
    for (llvm::Instruction& inst : block)
      if (auto* count = llvm::dyn_cast<llvm::IntrinsicInst>(&inst))
        if ((count->getIntrinsicID() == llvm::Intrinsic::cttz || count->getIntrinsicID() == llvm::Intrinsic::ctlz) &&
            !count->getType()->isVectorTy() && llvm::cast<llvm::ConstantInt>(count->getArgOperand(1))->isZero())
          counts.push_back(count);
  if (counts.empty()) return llvm::PreservedAnalyses::all();
  auto& dom = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
  auto& assumptions = analyses.getResult<llvm::AssumptionAnalysis>(f);
  llvm::SimplifyQuery query(f.getDataLayout(), &dom, &assumptions);
  bool changed = false;
  for (llvm::IntrinsicInst* count : counts) {
    if (!ZeroNeverChosen(count) && !NonZeroAt(count->getArgOperand(0), *count, nullptr, query, dom, true)) continue;
    count->setArgOperand(1, llvm::ConstantInt::getTrue(f.getContext()));
    changed = true;
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

}  // namespace wacc::codegen
