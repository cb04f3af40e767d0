#include "compiler/codegen/AddressWrapVersioning.h"

#include <optional>
#include <vector>

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

namespace wacc::codegen {

namespace {

// Copying a loop doubles its code: only small loops, a few per function.
constexpr unsigned kMaxLoopInstructions = 400;
constexpr unsigned kMaxLoopsPerFunction = 8;
// Marks zexts already considered, so later runs of the pass skip both copies.
constexpr const char* kDoneMetadata = "wacc.wrap-versioned";

// `base + index`, zero-extended to address memory: base invariant in the
// loop, index an increasing affine recurrence of it.
struct WrappingAddress {
  llvm::ZExtInst* zext;
  llvm::BinaryOperator* sum;
  const llvm::SCEV* base;
  const llvm::SCEVAddRecExpr* index;
};

std::optional<WrappingAddress> MatchAddress(llvm::ScalarEvolution& se, const llvm::Loop& loop, llvm::ZExtInst& zext) {
  if (zext.hasNonNeg() || !zext.getSrcTy()->isIntegerTy(32) || zext.getMetadata(kDoneMetadata)) return std::nullopt;
  auto* sum = llvm::dyn_cast<llvm::BinaryOperator>(zext.getOperand(0));
  if (!sum || sum->getOpcode() != llvm::Instruction::Add || sum->hasNoUnsignedWrap() || !loop.contains(sum))
    return std::nullopt;
  for (unsigned baseOperand : {0u, 1u}) {
    const llvm::SCEV* base = se.getSCEV(sum->getOperand(baseOperand));
    auto* index = llvm::dyn_cast<llvm::SCEVAddRecExpr>(se.getSCEV(sum->getOperand(1 - baseOperand)));
    if (!se.isLoopInvariant(base, &loop) || !index || index->getLoop() != &loop || !index->isAffine()) continue;
    auto* step = llvm::dyn_cast<llvm::SCEVConstant>(index->getStepRecurrence(se));
    if (!step || step->getAPInt().isNonPositive() || step->getAPInt().ugt(1u << 16)) continue;
    if (!se.isLoopInvariant(index->getStart(), &loop)) continue;
    return WrappingAddress{&zext, sum, base, index};
  }
  return std::nullopt;
}

// True when, for every address, zext(base) + zext(start) + step * maxTrips
// stays below 2^32: then no sum (nor the index itself) wraps in the loop.
// Null when some part cannot be computed before the loop.
llvm::Value* EmitNoWrapCheck(llvm::ScalarEvolution& se, const llvm::SCEV* maxBackedges,
                             const std::vector<WrappingAddress>& addresses, llvm::Instruction* insertBefore) {
  llvm::Type* i64 = llvm::Type::getInt64Ty(insertBefore->getContext());
  const llvm::SCEV* trips = se.getZeroExtendExpr(maxBackedges, i64);
  llvm::SCEVExpander expander(se, "wacc.nowrap");
  std::vector<const llvm::SCEV*> lasts;
  for (const WrappingAddress& a : addresses) {
    const llvm::SCEV* first =
        se.getAddExpr(se.getZeroExtendExpr(a.base, i64), se.getZeroExtendExpr(a.index->getStart(), i64));
    const llvm::SCEV* last =
        se.getAddExpr(first, se.getMulExpr(se.getZeroExtendExpr(a.index->getStepRecurrence(se), i64), trips));
    if (!expander.isSafeToExpandAt(last, insertBefore)) return nullptr;
    lasts.push_back(last);
  }
  llvm::IRBuilder<> b(insertBefore);
  llvm::Value* ok = nullptr;
  for (const llvm::SCEV* last : lasts) {
    llvm::Value* fits = b.CreateICmpULE(expander.expandCodeFor(last, i64, insertBefore), b.getInt64(0xffffffffu));
    ok = ok ? b.CreateAnd(ok, fits) : fits;
  }
  return ok;
}

// Values leaving the loop pass through phis in its (dedicated) exit blocks:
// give each the copy's value when control comes from the copy.
void AddExitIncomings(const llvm::Loop& loop, llvm::ValueToValueMapTy& vmap) {
  llvm::SmallVector<llvm::BasicBlock*, 4> exits;
  loop.getUniqueExitBlocks(exits);
  for (llvm::BasicBlock* exit : exits)
    for (llvm::PHINode& phi : exit->phis())
      for (unsigned i = 0, n = phi.getNumIncomingValues(); i < n; ++i) {
        llvm::BasicBlock* from = phi.getIncomingBlock(i);
        if (!loop.contains(from)) continue;
        llvm::Value* value = phi.getIncomingValue(i);
        llvm::Value* copied = vmap.lookup(value);
        phi.addIncoming(copied ? copied : value, llvm::cast<llvm::BasicBlock>(vmap[from]));
      }
}

// In the no-wrap copy, each address becomes 64-bit arithmetic:
// zext(base) + {zext(start),+,step}, the exact value of zext(base + index)
// in every iteration the check admits. The `nuw` flag on the copied sum
// alone did not last: the first reassociation (`p + (4*i + 32)` into
// `(p + 32) + 4*i`) drops it, and then both copies compiled to the same
// 32-bit `lea` per access. In 64 bits the invariant part folds into one
// hoisted pointer and the rest into the addressing mode, as in native code.
void WidenAddresses(llvm::ScalarEvolution& se, llvm::Loop& copy, const std::vector<WrappingAddress>& addresses,
                    llvm::ValueToValueMapTy& vmap) {
  llvm::SCEVExpander expander(se, "wacc.wide");
  expander.disableCanonicalMode();  // one 64-bit recurrence per stream; LSR merges them
  for (const WrappingAddress& a : addresses) {
    auto* zext = llvm::cast<llvm::ZExtInst>(vmap[a.zext]);
    llvm::Type* i64 = zext->getType();
    const llvm::SCEV* index = se.getAddRecExpr(se.getZeroExtendExpr(a.index->getStart(), i64),
                                               se.getZeroExtendExpr(a.index->getStepRecurrence(se), i64), &copy,
                                               llvm::SCEV::FlagNUW);
    const llvm::SCEV* wide = se.getAddExpr(se.getZeroExtendExpr(a.base, i64), index, llvm::SCEV::FlagNUW);
    if (!expander.isSafeToExpandAt(wide, zext)) continue;
    llvm::Value* value = expander.expandCodeFor(wide, i64, zext);
    zext->replaceAllUsesWith(value);
    zext->eraseFromParent();
  }
}

// Versions `loop` on the no-wrap check of `addresses`; false if it cannot.
// `changed` is set when the IR changed, versioned or not (the loop may have
// been put into simplified and LCSSA form first).
bool VersionLoop(llvm::Function& f, llvm::Loop& loop, const std::vector<WrappingAddress>& addresses, llvm::LoopInfo& li,
                 llvm::DominatorTree& dt, llvm::ScalarEvolution& se, llvm::AssumptionCache& ac, bool& changed) {
  const llvm::SCEV* maxBackedges = se.getSymbolicMaxBackedgeTakenCount(&loop);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(maxBackedges)) return false;
  changed |= llvm::simplifyLoop(&loop, &dt, &li, &se, &ac, nullptr, /*PreserveLCSSA=*/false);
  changed |= llvm::formLCSSA(loop, dt, &li, &se);
  llvm::BasicBlock* checkBlock = loop.getLoopPreheader();
  if (!checkBlock || !loop.hasDedicatedExits()) return false;
  llvm::Value* ok = EmitNoWrapCheck(se, maxBackedges, addresses, checkBlock->getTerminator());
  if (!ok) return false;
  // The check stays in `checkBlock`; the loop gets an empty preheader of
  // its own, which is what the copy's preheader is cloned from.
  llvm::BasicBlock* preheader = llvm::SplitBlock(checkBlock, checkBlock->getTerminator(), &dt, &li);
  llvm::ValueToValueMapTy vmap;
  llvm::SmallVector<llvm::BasicBlock*, 16> blocks;
  llvm::cloneLoopWithPreheader(preheader, checkBlock, &loop, vmap, ".nowrap", &li, &dt, blocks);
  llvm::remapInstructionsInBlocks(blocks, vmap);
  AddExitIncomings(loop, vmap);
  for (const WrappingAddress& a : addresses) llvm::cast<llvm::BinaryOperator>(vmap[a.sum])->setHasNoUnsignedWrap(true);
  llvm::Instruction* branch = checkBlock->getTerminator();
  llvm::BranchInst::Create(llvm::cast<llvm::BasicBlock>(vmap[preheader]), preheader, ok, branch->getIterator());
  branch->eraseFromParent();
  dt.recalculate(f);
  se.forgetLoop(&loop);
  WidenAddresses(se, *li.getLoopFor(llvm::cast<llvm::BasicBlock>(vmap[loop.getHeader()])), addresses, vmap);
  changed = true;
  return true;
}

}  // namespace

llvm::PreservedAnalyses AddressWrapVersioningPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  auto& li = analyses.getResult<llvm::LoopAnalysis>(f);
  auto& dt = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
  auto& se = analyses.getResult<llvm::ScalarEvolutionAnalysis>(f);
  auto& ac = analyses.getResult<llvm::AssumptionAnalysis>(f);
  std::vector<llvm::Loop*> innermost;
  for (llvm::Loop* loop : li.getLoopsInPreorder())
    if (loop->isInnermost()) innermost.push_back(loop);
  unsigned versioned = 0;
  bool changed = false;
  llvm::MDNode* done = llvm::MDNode::get(f.getContext(), {});
  for (llvm::Loop* loop : innermost) {
    if (versioned == kMaxLoopsPerFunction) break;
    size_t size = 0;
    std::vector<WrappingAddress> addresses;
    for (llvm::BasicBlock* block : loop->blocks())
      for (llvm::Instruction& inst : *block) {
        ++size;
        if (auto* zext = llvm::dyn_cast<llvm::ZExtInst>(&inst))
          if (auto address = MatchAddress(se, *loop, *zext)) {
            addresses.push_back(*address);
            zext->setMetadata(kDoneMetadata, done);  // both copies: never again
          }
      }
    if (addresses.empty() || size > kMaxLoopInstructions) continue;
    if (VersionLoop(f, *loop, addresses, li, dt, se, ac, changed)) ++versioned;
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses kept;
  kept.preserve<llvm::LoopAnalysis>();
  kept.preserve<llvm::DominatorTreeAnalysis>();
  return kept;
}

}  // namespace wacc::codegen
