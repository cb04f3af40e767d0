#include "compiler/codegen/ThreadedDispatch.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/KnownBits.h"

namespace wacc::codegen {

namespace {

llvm::cl::opt<bool> gEnabled("wacc-threaded-dispatch", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("turn interpreters' dispatch switches into indirect branches"));

// A dispatch, not a small state machine: QuickJS's has 228 destinations,
// Lua's 83, SQLite's 180; a lexer's switch on a character class has a dozen.
constexpr unsigned kMinTargets = 32;
// The table holds one pointer per value from its base to the largest case.
constexpr uint64_t kMaxEntries = 4096;
// Values this close to zero index the table directly (no subtraction).
constexpr uint64_t kSmallBase = 64;

bool Thread(llvm::SwitchInst& sw) {
  llvm::BasicBlock* block = sw.getParent();
  llvm::Function& f = *block->getParent();
  auto* type = llvm::dyn_cast<llvm::IntegerType>(sw.getCondition()->getType());
  if (!type || type->getBitWidth() > 64 || sw.getNumCases() == 0) return false;
  llvm::SmallSetVector<llvm::BasicBlock*, 32> targets;
  targets.insert(sw.getDefaultDest());
  for (auto& c : sw.cases()) targets.insert(c.getCaseSuccessor());
  if (targets.size() < kMinTargets) return false;

  // The interval of case values, unsigned: after `value - low` (wrapping),
  // exactly the values in [low, high] fall in [0, high - low].
  uint64_t low = UINT64_MAX, high = 0;
  for (auto& c : sw.cases()) {
    uint64_t v = c.getCaseValue()->getZExtValue();
    low = std::min(low, v);
    high = std::max(high, v);
  }
  uint64_t base = low <= kSmallBase ? 0 : low;
  uint64_t span = high - base;  // the largest index
  if (span >= kMaxEntries || span + 1 > 8 * uint64_t(sw.getNumCases()) + kSmallBase) return false;

  // Entries 0..span for the values, span + 1 for everything else. When the
  // value's known bits bound it (a bytecode read as a byte: at most 255, a
  // table of 2 KiB; or not far past the cases), the table covers every value
  // it can have and needs no clamp: the clamp's
  // constant costs a register and the cmp/cmov two instructions a dispatch.
  uint64_t last = span + 1;
  bool clamp = true;
  if (base == 0) {
    llvm::KnownBits known = llvm::computeKnownBits(sw.getCondition(), f.getDataLayout());
    uint64_t max = known.getMaxValue().getLimitedValue();
    if (max < 256 || (max < kMaxEntries && max <= 2 * (span + 1) + kSmallBase)) {
      last = std::max(max, span);
      clamp = false;
    }
  }
  llvm::LLVMContext& context = f.getContext();
  auto* pointer = llvm::PointerType::getUnqual(context);
  // A destination with phis gets a block of its own that the table points
  // to. The indirectbr's edges cannot be split later, so without it the
  // copies each phi needs on its edge would be made in the dispatch block,
  // before the jump, for every destination on every dispatch (SQLite's
  // handlers that are also jump targets: +8.6% instructions in
  // sqlite3VdbeExec). The block's copies run only on its own edge.
  llvm::DenseMap<llvm::BasicBlock*, llvm::BasicBlock*> landing;
  for (llvm::BasicBlock* target : targets) {
    if (target->phis().empty()) {
      landing[target] = target;
      continue;
    }
    auto* pad = llvm::BasicBlock::Create(context, target->getName() + ".dispatched", &f, target);
    llvm::BranchInst::Create(target, pad);
    // One edge from the pad replaces every edge the switch had to target.
    for (llvm::PHINode& phi : target->phis()) {
      llvm::Value* value = phi.getIncomingValueForBlock(block);
      while (phi.getBasicBlockIndex(block) >= 0) phi.removeIncomingValue(block, /*DeletePHIIfEmpty=*/false);
      phi.addIncoming(value, pad);
    }
    landing[target] = pad;
  }
  std::vector<llvm::Constant*> entries(last + 1, llvm::BlockAddress::get(&f, landing[sw.getDefaultDest()]));
  for (auto& c : sw.cases())
    entries[c.getCaseValue()->getZExtValue() - base] = llvm::BlockAddress::get(&f, landing[c.getCaseSuccessor()]);
  auto* tableType = llvm::ArrayType::get(pointer, entries.size());
  auto* table = new llvm::GlobalVariable(*f.getParent(), tableType, /*isConstant=*/true,
                                         llvm::GlobalValue::PrivateLinkage,
                                         llvm::ConstantArray::get(tableType, entries), f.getName() + ".dispatch");
  table->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);

  llvm::IRBuilder<> b(&sw);
  llvm::Value* index = sw.getCondition();
  if (base != 0) index = b.CreateSub(index, llvm::ConstantInt::get(type, base));
  // umin, not a branch: the jump must end the block it is in for the tail
  // duplicator to copy it whole (x86: cmp, cmov).
  if (clamp) index = b.CreateBinaryIntrinsic(llvm::Intrinsic::umin, index, llvm::ConstantInt::get(type, last));
  index = b.CreateZExtOrTrunc(index, b.getInt64Ty());
  llvm::Value* slot = b.CreateInBoundsGEP(tableType, table, {b.getInt64(0), index});
  llvm::Value* target = b.CreateLoad(pointer, slot, "dispatch.target");
  llvm::IndirectBrInst* jump = b.CreateIndirectBr(target, targets.size());
  for (llvm::BasicBlock* target : targets) {
    jump->addDestination(landing[target]);
    if (landing[target] != target) continue;
    // A phi has an entry per edge; the switch may have had several edges to
    // this block, the indirectbr has one.
    unsigned edges = 0;
    for (unsigned i = 0; i < sw.getNumSuccessors(); ++i) edges += sw.getSuccessor(i) == target;
    for (llvm::PHINode& phi : target->phis())
      for (unsigned extra = 1; extra < edges; ++extra) phi.removeIncomingValue(block, /*DeletePHIIfEmpty=*/false);
  }
  sw.eraseFromParent();
  return true;
}

}  // namespace

llvm::PreservedAnalyses ThreadedDispatchPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  if (!gEnabled || f.isDeclaration() || f.hasAvailableExternallyLinkage()) return llvm::PreservedAnalyses::all();
  llvm::LoopInfo& loops = analyses.getResult<llvm::LoopAnalysis>(f);
  std::vector<llvm::SwitchInst*> switches;
  for (llvm::BasicBlock& block : f)
    if (auto* sw = llvm::dyn_cast<llvm::SwitchInst>(block.getTerminator()))
      if (loops.getLoopFor(&block)) switches.push_back(sw);
  bool changed = false;
  for (llvm::SwitchInst* sw : switches) changed |= Thread(*sw);
  return changed ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

}  // namespace wacc::codegen
