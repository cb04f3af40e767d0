// How RerollLoopsPass finds the copies of an unrolled body and proves the
// rerolled loop equivalent.
//
// The block's instructions fall into three kinds: the header phis, which
// must all be inductions `phi = phi + C` (no reductions: their order of
// operations would need more care), the latch's exit compare, and the rest.
// Of the rest, a value ScalarEvolution sees as an add recurrence of the loop
// or as invariant in it (addresses, `i + 1`, `trunc(i) * 31`) is
// *inductive*: it is a function of the phis alone, and which copy computes
// it does not matter. Everything else is the *payload* (loads, stores,
// arithmetic on loaded values), which must be k equal chunks in program
// order, chunk j instruction by instruction the same operation as chunk 0,
// with operands that are: the same position of its own chunk; the same
// value outside the loop; or inductive values, recorded in pairs.
//
// The rewrite divides each induction's step by k. Then ScalarEvolution,
// recomputed, must show (1) the backedge-taken count is k(B + 1) - 1, B
// the old one, and (2) for each pair, chunk j's operand (an add recurrence
// {s_j,+,d_j} of the old loop) is chunk 0's operand {s,+,d} of the new loop
// j iterations later: s_j = s + j d and d_j = k d (invariant operands:
// equal). Then new iteration km + j executes chunk 0 on exactly the operands
// old iteration m gave chunk j, in the same order as before, so chunks 1 to
// k-1 are deleted. Otherwise the steps are put back. Flags and metadata of
// chunk 0 are intersected with the other chunks' (they now describe all of
// them), alignment lowered to the least.
#include "compiler/codegen/RerollLoops.h"

#include <vector>

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/Local.h"

namespace wacc::codegen {

namespace {

constexpr unsigned kMaxLoopInstructions = 200;
// Copies clang's partial unrolling makes; the largest that fits is tried first.
constexpr unsigned kFactors[] = {8, 4, 3, 2};

struct Induction {
  llvm::PHINode* phi;
  llvm::BinaryOperator* next;  // phi + step
  llvm::ConstantInt* step;
  unsigned stepOperand;
};

// A chunk j operand and the chunk 0 operand it must be, j iterations later.
struct InductivePair {
  llvm::Value* first;
  const llvm::SCEV* copy;  // the chunk j operand's value in the old loop
  unsigned j;
};

bool IsInductive(llvm::ScalarEvolution& se, const llvm::Loop& loop, llvm::Instruction& inst) {
  if (llvm::isa<llvm::PHINode, llvm::LoadInst, llvm::CallBase>(inst) || inst.mayHaveSideEffects() ||
      !se.isSCEVable(inst.getType()))
    return false;
  const llvm::SCEV* s = se.getSCEV(&inst);
  if (auto* recurrence = llvm::dyn_cast<llvm::SCEVAddRecExpr>(s)) return recurrence->getLoop() == &loop;
  return se.isLoopInvariant(s, &loop);
}

class Reroller {
 public:
  Reroller(llvm::Loop& loop, llvm::ScalarEvolution& se) : loop_(loop), se_(se), block_(*loop.getHeader()) {}

  bool Run() {
    if (!Classify()) return false;
    for (unsigned k : kFactors)
      if (payload_.size() % k == 0 && payload_.size() >= 2 * k && Match(k) && Rewrite(k)) return true;
    return false;
  }

 private:
  bool Classify() {
    auto* branch = llvm::dyn_cast<llvm::BranchInst>(block_.getTerminator());
    if (!branch || !branch->isConditional()) return false;
    auto* exitCompare = llvm::dyn_cast<llvm::ICmpInst>(branch->getCondition());
    if (!exitCompare || exitCompare->getParent() != &block_ || !exitCompare->hasOneUse()) return false;
    for (llvm::PHINode& phi : block_.phis()) {
      if (phi.getNumIncomingValues() != 2) return false;
      auto* next = llvm::dyn_cast<llvm::BinaryOperator>(phi.getIncomingValueForBlock(&block_));
      if (!next || next->getOpcode() != llvm::Instruction::Add || next->getParent() != &block_) return false;
      unsigned stepOperand = next->getOperand(0) == &phi ? 1 : 0;
      auto* step = llvm::dyn_cast<llvm::ConstantInt>(next->getOperand(stepOperand));
      if (next->getOperand(1 - stepOperand) != &phi || !step || step->isZero()) return false;
      inductions_.push_back({&phi, next, step, stepOperand});
    }
    if (inductions_.empty()) return false;
    unsigned size = 0;
    for (llvm::Instruction& inst : block_) {
      if (++size > kMaxLoopInstructions) return false;
      bool isNext = llvm::any_of(inductions_, [&](const Induction& i) { return i.next == &inst; });
      // Values leaving the loop: only the inductions' next values, whose
      // last value the rerolled loop keeps.
      if (!isNext)
        for (llvm::User* user : inst.users())
          if (!loop_.contains(llvm::cast<llvm::Instruction>(user))) return false;
      if (llvm::isa<llvm::PHINode>(inst) || &inst == branch || &inst == exitCompare || isNext) continue;
      if (auto* call = llvm::dyn_cast<llvm::CallBase>(&inst);
          call && (!llvm::isa<llvm::IntrinsicInst>(call) || call->mayHaveSideEffects()))
        return false;
      if (auto* load = llvm::dyn_cast<llvm::LoadInst>(&inst); load && !load->isSimple()) return false;
      if (auto* store = llvm::dyn_cast<llvm::StoreInst>(&inst); store && !store->isSimple()) return false;
      if (inst.mayReadOrWriteMemory() && !llvm::isa<llvm::LoadInst, llvm::StoreInst, llvm::CallBase>(inst)) return false;
      if (IsInductive(se_, loop_, inst)) continue;
      position_[&inst] = payload_.size();
      payload_.push_back(&inst);
    }
    return true;
  }

  bool Match(unsigned k) {
    pairs_.clear();
    size_t chunk = payload_.size() / k;
    for (unsigned j = 1; j < k; ++j)
      for (size_t p = 0; p < chunk; ++p) {
        llvm::Instruction* first = payload_[p];
        llvm::Instruction* copy = payload_[j * chunk + p];
        if (!first->isSameOperationAs(copy, llvm::Instruction::CompareIgnoringAlignment)) return false;
        for (llvm::User* user : copy->users())
          if (auto it = position_.find(llvm::cast<llvm::Instruction>(user));
              it == position_.end() || it->second / chunk != j)
            return false;
        for (unsigned o = 0, n = first->getNumOperands(); o < n; ++o) {
          llvm::Value* a = first->getOperand(o);
          llvm::Value* b = copy->getOperand(o);
          auto ia = position_.find(llvm::dyn_cast<llvm::Instruction>(a));
          auto ib = position_.find(llvm::dyn_cast<llvm::Instruction>(b));
          if (ia != position_.end() || ib != position_.end()) {
            if (ia == position_.end() || ib == position_.end() || ia->second >= chunk ||
                ib->second != j * chunk + ia->second)
              return false;
            continue;
          }
          auto* inst = llvm::dyn_cast<llvm::Instruction>(a);
          if (!inst || !loop_.contains(inst)) {
            if (a != b) return false;
            continue;
          }
          if (!se_.isSCEVable(a->getType())) return false;
          pairs_.push_back({a, se_.getSCEV(b), j});
        }
      }
    return true;
  }

  // True when chunk 0's operand `first`, in the rerolled loop, is `copy` of
  // the old loop j iterations later.
  bool Shifted(llvm::Value* first, const llvm::SCEV* copy, unsigned j, unsigned k) {
    const llvm::SCEV* now = se_.getSCEV(first);
    if (se_.isLoopInvariant(now, &loop_)) return now == copy;
    auto* a = llvm::dyn_cast<llvm::SCEVAddRecExpr>(now);
    auto* b = llvm::dyn_cast<llvm::SCEVAddRecExpr>(copy);
    if (!a || !b || a->getLoop() != &loop_ || b->getLoop() != &loop_ || !a->isAffine() || !b->isAffine()) return false;
    const llvm::SCEV* step = a->getStepRecurrence(se_);
    llvm::Type* type = step->getType();
    return b->getStart() == se_.getAddExpr(a->getStart(), se_.getMulExpr(se_.getConstant(type, j), step)) &&
           b->getStepRecurrence(se_) == se_.getMulExpr(se_.getConstant(type, k), step);
  }

  // True unless `inst` accesses memory other than consecutively in the
  // rerolled loop (a step of its own size) or at one address: only then
  // does the vectoriser gain. A loop it cannot widen anyway (a reversed
  // read through a wrapping i32 address, memcopy.c's `a[i] = b[N - 1 - i]`)
  // lost the unrolling and ran 5% more instructions. A wrapping copy's
  // forward address, the memory base plus `zext(p + i)` (the versioning
  // passes' original loop), is taken: the vectoriser widens it behind a
  // check that the i32 sum does not wrap, as it does the rolled loop native
  // code would have.
  bool Consecutive(llvm::Instruction& inst) {
    llvm::Value* pointer = llvm::getLoadStorePointerOperand(&inst);
    if (!pointer) return true;
    const llvm::SCEV* address = se_.getSCEV(pointer);
    if (se_.isLoopInvariant(address, &loop_)) return true;
    llvm::Type* type = llvm::getLoadStoreType(&inst);
    uint64_t size = inst.getDataLayout().getTypeStoreSize(type).getKnownMinValue();
    if (auto* recurrence = AffineRecurrence(address)) {
      auto* step = llvm::dyn_cast<llvm::SCEVConstant>(recurrence->getStepRecurrence(se_));
      return step && step->getAPInt().abs() == size;
    }
    // base + ext(recurrence): one operand of the sum varies, under a zero or
    // sign extension.
    auto* sum = llvm::dyn_cast<llvm::SCEVAddExpr>(address);
    if (!sum) return false;
    const llvm::SCEV* varying = nullptr;
    for (const llvm::SCEV* operand : sum->operands()) {
      if (se_.isLoopInvariant(operand, &loop_)) continue;
      if (varying) return false;
      varying = operand;
    }
    if (!varying || !llvm::isa<llvm::SCEVZeroExtendExpr, llvm::SCEVSignExtendExpr>(varying)) return false;
    auto* recurrence = AffineRecurrence(llvm::cast<llvm::SCEVCastExpr>(varying)->getOperand());
    if (!recurrence) return false;
    auto* step = llvm::dyn_cast<llvm::SCEVConstant>(recurrence->getStepRecurrence(se_));
    return step && step->getAPInt() == size;
  }

  const llvm::SCEVAddRecExpr* AffineRecurrence(const llvm::SCEV* s) {
    auto* recurrence = llvm::dyn_cast<llvm::SCEVAddRecExpr>(s);
    return recurrence && recurrence->getLoop() == &loop_ && recurrence->isAffine() ? recurrence : nullptr;
  }

  bool Rewrite(unsigned k) {
    for (const Induction& i : inductions_)
      if (i.step->getValue().srem(int64_t(k)) != 0) return false;
    const llvm::SCEV* backedges = se_.getBackedgeTakenCount(&loop_);
    if (llvm::isa<llvm::SCEVCouldNotCompute>(backedges)) return false;
    llvm::Type* countType = backedges->getType();
    const llvm::SCEV* one = se_.getOne(countType);
    const llvm::SCEV* expected = se_.getMinusSCEV(
        se_.getMulExpr(se_.getAddExpr(backedges, one), se_.getConstant(countType, k)), one);
    for (const Induction& i : inductions_)
      i.next->setOperand(i.stepOperand, llvm::ConstantInt::get(i.step->getType(), i.step->getValue().sdiv(int64_t(k))));
    se_.forgetLoop(&loop_);
    bool same = se_.getBackedgeTakenCount(&loop_) == expected;
    for (const InductivePair& pair : pairs_) same = same && Shifted(pair.first, pair.copy, pair.j, k);
    size_t chunk = payload_.size() / k;
    for (size_t p = 0; p < chunk && same; ++p) same = Consecutive(*payload_[p]);
    if (!same) {
      for (const Induction& i : inductions_) i.next->setOperand(i.stepOperand, i.step);
      se_.forgetLoop(&loop_);
      return false;
    }
    for (size_t p = 0; p < chunk; ++p)
      for (unsigned j = 1; j < k; ++j) {
        llvm::Instruction* first = payload_[p];
        llvm::Instruction* copy = payload_[j * chunk + p];
        first->andIRFlags(copy);
        llvm::combineMetadataForCSE(first, copy, /*DoesKMove=*/true);
        if (auto* load = llvm::dyn_cast<llvm::LoadInst>(first))
          load->setAlignment(std::min(load->getAlign(), llvm::cast<llvm::LoadInst>(copy)->getAlign()));
        if (auto* store = llvm::dyn_cast<llvm::StoreInst>(first))
          store->setAlignment(std::min(store->getAlign(), llvm::cast<llvm::StoreInst>(copy)->getAlign()));
      }
    // Chunk 0's inductive values now also take the values between the old
    // ones: flags proved for the old values alone are dropped.
    for (llvm::Instruction& inst : block_)
      if (!llvm::isa<llvm::PHINode>(inst) && !position_.count(&inst) &&
          llvm::none_of(inductions_, [&](const Induction& i) { return i.next == &inst; }))
        inst.dropPoisonGeneratingFlags();
    llvm::SmallVector<llvm::WeakTrackingVH, 32> operands;
    for (size_t p = payload_.size(); p-- > chunk;) {
      llvm::Instruction* copy = payload_[p];
      for (llvm::Value* operand : copy->operands())
        if (llvm::isa<llvm::Instruction>(operand)) operands.push_back(operand);
      copy->eraseFromParent();
    }
    llvm::RecursivelyDeleteTriviallyDeadInstructionsPermissive(operands);
    // An induction only the deleted chunks used (the versioning passes widen
    // each address into an induction of its own) goes too: nothing would
    // remove the cycle, and the vectoriser would widen it for nothing.
    for (const Induction& i : inductions_)
      if (i.phi->hasOneUse() && i.next->hasOneUse() && *i.phi->user_begin() == i.next) {
        i.phi->replaceAllUsesWith(llvm::PoisonValue::get(i.phi->getType()));
        i.next->eraseFromParent();
        i.phi->eraseFromParent();
      }
    se_.forgetLoop(&loop_);
    return true;
  }

  llvm::Loop& loop_;
  llvm::ScalarEvolution& se_;
  llvm::BasicBlock& block_;
  std::vector<Induction> inductions_;
  std::vector<llvm::Instruction*> payload_;
  llvm::DenseMap<llvm::Instruction*, size_t> position_;
  std::vector<InductivePair> pairs_;
};

}  // namespace

llvm::PreservedAnalyses RerollLoopsPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  auto& li = analyses.getResult<llvm::LoopAnalysis>(f);
  auto& se = analyses.getResult<llvm::ScalarEvolutionAnalysis>(f);
  bool changed = false;
  for (llvm::Loop* loop : li.getLoopsInPreorder())
    if (loop->isInnermost() && loop->getNumBlocks() == 1 && loop->getLoopPredecessor() &&
        loop->getExitingBlock() == loop->getHeader())
      changed |= Reroller(*loop, se).Run();
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses kept;
  kept.preserveSet<llvm::CFGAnalyses>();
  kept.preserve<llvm::LoopAnalysis>();
  return kept;
}

}  // namespace wacc::codegen
