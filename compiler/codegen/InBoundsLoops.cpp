// How InBoundsLoopsPass proves a loop's fake-used loads cannot trap.
//
// In guard-page mode a load traps exactly when a byte it reads lies at or
// above the memory's current size (pages << 16; the reservation beyond is
// inaccessible). Each fake-used load of the loop reads, at iteration k,
// `membase + offset(k)` with offset(k) = start + step * k (ScalarEvolution's
// affine recurrence of the loop; step 0 for an invariant address), for k
// from 0 to the loop's backedge-taken count B. Before the loop, the highest
// byte over all those iterations, start + max(0, step * B) + size - 1, is
// compared with the memory's size. Each recurrence must be exact in 64-bit
// arithmetic over every k the ranges of start and B allow (no wrap, and no
// negative offset), checked at compile time from ScalarEvolution's ranges:
// then offset(k) moves monotonically between its first and last values, and
// if both ends fit, every access in between does.
//
// The check being true, no fake-used load of the copy can trap in any
// iteration, however many of them run and whatever the copy's other
// instructions do (memory only grows, and the copy calls nothing that could
// grow it), so the fake uses go and LLVM may delete, widen or merge the
// loads as in native code. Loads without a fake use are kept by a store or
// call of their block (KeptLoads.cpp) in both copies. When the check fails,
// some access is out of bounds and the original loop traps at it: that copy
// is cold, and neither unrolled nor vectorised.
#include "compiler/codegen/InBoundsLoops.h"

#include "compiler/codegen/KeptLoads.h"
#include "compiler/codegen/LoopCopies.h"
#include "compiler/codegen/MemoryBase.h"
#include "compiler/lower/RuntimeABI.h"

#include <vector>

#include "llvm/ADT/MapVector.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

namespace wacc::codegen {

namespace {

using lower::RuntimeABI;

// Copying a loop doubles its code: loops of the vectoriser's size, a few
// per function.
constexpr unsigned kMaxLoopInstructions = 200;
constexpr unsigned kMaxLoopsPerFunction = 8;
// Offsets (and the highest byte read) stay below 2^62 over every iteration
// the ranges allow, so the check's 64-bit arithmetic is exact.
constexpr unsigned kMaxOffsetBits = 62;

// One past the highest byte `load` reads in iterations 0 to `backedges`
// (i64) of `loop`, its memory in `memory`; null when that is not known
// exactly in 64 bits (see the opening comment).
const llvm::SCEV* EndOfReads(llvm::ScalarEvolution& se, const llvm::Loop& loop, const llvm::SCEV* backedges,
                             llvm::LoadInst& load, llvm::GlobalVariable*& memory) {
  if (!load.isSimple()) return nullptr;
  const llvm::SCEV* address = se.getSCEV(load.getPointerOperand());
  auto* base = llvm::dyn_cast<llvm::SCEVUnknown>(se.getPointerBase(address));
  if (!base || !(memory = MemoryOfBase(base->getValue()))) return nullptr;
  const llvm::SCEV* offset = se.removePointerBase(address);
  if (!offset->getType()->isIntegerTy(64)) return nullptr;
  const llvm::SCEV* start = offset;
  llvm::APInt step(64, 0);
  if (!se.isLoopInvariant(offset, &loop)) {
    auto* recurrence = llvm::dyn_cast<llvm::SCEVAddRecExpr>(offset);
    if (!recurrence || recurrence->getLoop() != &loop || !recurrence->isAffine()) return nullptr;
    auto* constant = llvm::dyn_cast<llvm::SCEVConstant>(recurrence->getStepRecurrence(se));
    if (!constant) return nullptr;
    start = recurrence->getStart();
    step = constant->getAPInt();
  }
  const llvm::DataLayout& dl = load.getDataLayout();
  uint64_t size = dl.getTypeStoreSize(load.getType()).getKnownMinValue();
  if (dl.getTypeStoreSize(load.getType()).isScalable()) return nullptr;
  // Every offset the ranges allow, in exact (130-bit) arithmetic.
  constexpr unsigned kWide = 130;
  llvm::ConstantRange starts = se.getSignedRange(start);
  llvm::APInt travel = step.sext(kWide) * se.getUnsignedRangeMax(backedges).zext(kWide);
  llvm::APInt zero(kWide, 0);
  llvm::APInt lowest = starts.getSignedMin().sext(kWide) + (step.isNegative() ? travel : zero);
  llvm::APInt highest = starts.getSignedMax().sext(kWide) + (step.isNegative() ? zero : travel) + size;
  if (lowest.isNegative() || highest.getActiveBits() > kMaxOffsetBits) return nullptr;
  const llvm::SCEV* last = se.getAddExpr(start, se.getMulExpr(se.getConstant(step), backedges));
  return se.getAddExpr(step.isNegative() ? start : last, se.getConstant(offset->getType(), size));
}

// The fake uses of `loop` if it is one the vectoriser could take and each
// reads a load of the loop with an affine address; else empty.
std::vector<llvm::Instruction*> FakeUsesToDrop(const llvm::Loop& loop) {
  std::vector<llvm::Instruction*> fakeUses;
  llvm::BasicBlock* latch = loop.getLoopLatch();
  if (!loop.isInnermost() || !latch || loop.getExitingBlock() != latch) return {};
  unsigned size = 0;
  for (llvm::BasicBlock* block : loop.blocks())
    for (llvm::Instruction& inst : *block) {
      if (++size > kMaxLoopInstructions) return {};
      auto* call = llvm::dyn_cast<llvm::CallBase>(&inst);
      if (!call) continue;
      if (llvm::LoadInst* load = FakeUsedLoad(inst)) {
        if (!loop.contains(load)) return {};
        fakeUses.push_back(&inst);
      } else if (!llvm::isa<llvm::IntrinsicInst>(call) || call->mayHaveSideEffects()) {
        return {};
      }
    }
  return fakeUses;
}

// True when every fake-used load of `loop` (in `fakeUses`) reads within its
// memory, evaluated in `checkBlock`; null when some bound cannot be
// computed there.
llvm::Value* EmitInBoundsCheck(llvm::ScalarEvolution& se, const llvm::Loop& loop, const llvm::SCEV* backedges,
                               const std::vector<llvm::Instruction*>& fakeUses, llvm::Instruction* insertBefore) {
  llvm::MapVector<llvm::GlobalVariable*, llvm::SmallVector<const llvm::SCEV*, 8>> ends;
  llvm::SCEVExpander expander(se, "wacc.inbounds");
  for (llvm::Instruction* fakeUse : fakeUses) {
    auto* load = llvm::cast<llvm::LoadInst>(llvm::cast<llvm::CallBase>(fakeUse)->getArgOperand(0));
    llvm::GlobalVariable* memory = nullptr;
    const llvm::SCEV* end = EndOfReads(se, loop, backedges, *load, memory);
    if (!end || !expander.isSafeToExpandAt(end, insertBefore)) return nullptr;
    ends[memory].push_back(end);
  }
  llvm::IRBuilder<> b(insertBefore);
  llvm::Value* ok = nullptr;
  for (auto& [memory, memoryEnds] : ends) {
    llvm::Value* end = expander.expandCodeFor(se.getUMaxExpr(memoryEnds), b.getInt64Ty(), insertBefore);
    // The current size in bytes, as lower's FunctionTranslator::memoryByteSize.
    llvm::Value* pages = b.CreateLoad(
        b.getInt64Ty(), b.CreateStructGEP(memory->getValueType(), memory, RuntimeABI::kMemoryPages), "pages");
    llvm::Value* fits = b.CreateICmpULE(end, b.CreateShl(pages, 16));
    ok = ok ? b.CreateAnd(ok, fits) : fits;
  }
  return ok;
}

bool VersionLoop(llvm::Function& f, llvm::Loop& loop, const std::vector<llvm::Instruction*>& fakeUses,
                 llvm::LoopInfo& li, llvm::DominatorTree& dt, llvm::ScalarEvolution& se, llvm::AssumptionCache& ac,
                 bool& changed) {
  const llvm::SCEV* backedges = se.getBackedgeTakenCount(&loop);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(backedges) || backedges->getType()->getIntegerBitWidth() > 64)
    return false;
  backedges = se.getNoopOrZeroExtend(backedges, llvm::Type::getInt64Ty(f.getContext()));
  changed |= llvm::simplifyLoop(&loop, &dt, &li, &se, &ac, nullptr, /*PreserveLCSSA=*/false);
  changed |= llvm::formLCSSA(loop, dt, &li, &se);
  llvm::BasicBlock* checkBlock = loop.getLoopPreheader();
  if (!checkBlock || !loop.hasDedicatedExits()) return false;
  llvm::Value* ok = EmitInBoundsCheck(se, loop, backedges, fakeUses, checkBlock->getTerminator());
  if (!ok) return false;
  llvm::ValueToValueMapTy vmap;
  CloneLoopBehindCheck(loop, checkBlock, ok, ".inbounds", li, dt, vmap);
  checkBlock->getTerminator()->setMetadata(llvm::LLVMContext::MD_prof,
                                           llvm::MDBuilder(f.getContext()).createLikelyBranchWeights());
  for (llvm::Instruction* fakeUse : fakeUses) llvm::cast<llvm::Instruction>(vmap[fakeUse])->eraseFromParent();
  // The original runs only on the way to a trap.
  llvm::addStringMetadataToLoop(&loop, "llvm.loop.unroll.disable", 1);
  llvm::addStringMetadataToLoop(&loop, "llvm.loop.vectorize.enable", 0);
  dt.recalculate(f);
  se.forgetLoop(&loop);
  changed = true;
  return true;
}

}  // namespace

llvm::PreservedAnalyses InBoundsLoopsPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  auto& li = analyses.getResult<llvm::LoopAnalysis>(f);
  auto& dt = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
  auto& se = analyses.getResult<llvm::ScalarEvolutionAnalysis>(f);
  auto& ac = analyses.getResult<llvm::AssumptionAnalysis>(f);
  std::vector<llvm::Loop*> innermost = InnermostLoops(li);
  unsigned versioned = 0;
  bool changed = false;
  for (llvm::Loop* loop : innermost) {
    if (versioned == kMaxLoopsPerFunction) break;
    std::vector<llvm::Instruction*> fakeUses = FakeUsesToDrop(*loop);
    if (!fakeUses.empty() && VersionLoop(f, *loop, fakeUses, li, dt, se, ac, changed)) ++versioned;
  }
  return changed ? PreservedAfterLoopCopies() : llvm::PreservedAnalyses::all();
}

}  // namespace wacc::codegen
