#include "compiler/codegen/ConstantDispatch.h"

#include <vector>

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/SSAUpdater.h"

namespace wacc::codegen {
namespace {

llvm::cl::opt<bool> enabled("wacc-constant-dispatch", llvm::cl::init(true), llvm::cl::Hidden,
                            llvm::cl::desc("Jump straight to a switch's case where its label is a constant"));

// True when the block holds only phis before its terminator.
bool OnlyPhis(const llvm::BasicBlock& block) {
  return &*block.getFirstNonPHIOrDbg() == block.getTerminator();
}

// One edge to redirect: `from` enters the head directly (`chain` empty)
// or through `chain`, blocks of phis each branching to the one before it
// (chain[0] to the head: the loop's single back edge, the latch blocks
// LoopSimplify made), and the label is `label` along it.
struct Edge {
  llvm::BasicBlock* from;
  std::vector<llvm::BasicBlock*> chain;
  llvm::ConstantInt* label;
};

constexpr unsigned kMaxChain = 3;

// The edges along which the value `v`, flowing into `into` (the head or a
// chain block) from `block`, is a constant.
void CollectEdges(llvm::Value* v, llvm::BasicBlock* block, std::vector<llvm::BasicBlock*>& chain,
                  llvm::BasicBlock* head, std::vector<Edge>& edges) {
  if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(v)) {
    edges.push_back({block, chain, c});
    return;
  }
  auto* phi = llvm::dyn_cast<llvm::PHINode>(v);
  if (!phi || phi->getParent() != block || block == head || chain.size() == kMaxChain || !OnlyPhis(*block) ||
      llvm::is_contained(chain, block))
    return;
  auto* br = llvm::dyn_cast<llvm::BranchInst>(block->getTerminator());
  if (!br || br->isConditional()) return;
  chain.push_back(block);
  for (unsigned i = 0; i < phi->getNumIncomingValues(); ++i)
    CollectEdges(phi->getIncomingValue(i), phi->getIncomingBlock(i), chain, head, edges);
  chain.pop_back();
}

bool ThreadSwitch(llvm::SwitchInst& sw) {
  llvm::BasicBlock* head = sw.getParent();
  auto* label = llvm::dyn_cast<llvm::PHINode>(sw.getCondition());
  if (!label || label->getParent() != head || !OnlyPhis(*head) || head->isEntryBlock()) return false;
  std::vector<Edge> edges;
  std::vector<llvm::BasicBlock*> chain;
  for (unsigned i = 0; i < label->getNumIncomingValues(); ++i)
    CollectEdges(label->getIncomingValue(i), label->getIncomingBlock(i), chain, head, edges);
  // Each source block once (a switch may reach the head on several edges).
  llvm::DenseMap<llvm::BasicBlock*, unsigned> seen;
  for (const Edge& e : edges) ++seen[e.from];
  struct Done {
    llvm::BasicBlock* block;  // the new block on the split edge, the edge's `from` now
    Edge edge;
    llvm::BasicBlock* target;
  };
  std::vector<Done> done;
  for (const Edge& e : edges) {
    // Only branches and switches (an edge of an indirectbr cannot be split).
    const llvm::Instruction* term = e.from->getTerminator();
    if (seen[e.from] != 1 || e.from == head || llvm::is_contained(e.chain, e.from) ||
        !(llvm::isa<llvm::BranchInst>(term) || llvm::isa<llvm::SwitchInst>(term)))
      continue;
    llvm::BasicBlock* target = sw.findCaseValue(e.label)->getCaseSuccessor();
    if (target == head || llvm::is_contained(e.chain, target) || target->isEHPad()) continue;
    llvm::BasicBlock* next = e.chain.empty() ? head : e.chain.back();
    if (next->getSinglePredecessor()) continue;
    llvm::BasicBlock* split = llvm::SplitEdge(e.from, next);
    // `split` now enters `next` in place of e.from: the phis of `next` name it.
    done.push_back({split, Edge{split, e.chain, e.label}, target});
  }
  if (done.empty()) return false;
  // The phis bypassed: the head's and the chains'.
  std::vector<llvm::PHINode*> phis;
  llvm::SmallPtrSet<llvm::BasicBlock*, 8> bypassed = {head};
  for (const Done& d : done) bypassed.insert(d.edge.chain.begin(), d.edge.chain.end());
  for (llvm::BasicBlock* block : bypassed)
    for (llvm::PHINode& phi : block->phis()) phis.push_back(&phi);
  // What `phi` would have been at the end of the head (or of its chain
  // block) along the edge, or null when the edge does not pass its block.
  auto along = [&](llvm::PHINode* phi, const Done& d) -> llvm::Value* {
    const std::vector<llvm::BasicBlock*>& c = d.edge.chain;
    size_t level;  // index of the phi's block in head, c[0], c[1], ...
    if (phi->getParent() == head) level = 0;
    else {
      auto it = llvm::find(c, phi->getParent());
      if (it == c.end()) return nullptr;
      level = size_t(it - c.begin()) + 1;
    }
    llvm::Value* v = phi;
    for (size_t l = level; l <= c.size(); ++l) {
      llvm::BasicBlock* block = l == 0 ? head : c[l - 1];
      llvm::BasicBlock* outer = l < c.size() ? c[l] : d.block;
      auto* p = llvm::dyn_cast<llvm::PHINode>(v);
      if (!p || p->getParent() != block) break;
      v = p->getIncomingValueForBlock(outer);
    }
    return v;
  };
  // A phi's value along an edge that is a bypassed phi itself (a variable
  // the turn left alone) is that phi's value at the end of the edge's
  // source, which is no longer the bypassed block's phi once edges bypass
  // it: a one-entry phi in the new block holds it, and is rewritten below
  // with the other uses.
  std::vector<std::vector<llvm::Value*>> values(phis.size());
  for (size_t p = 0; p < phis.size(); ++p)
    for (const Done& d : done) {
      llvm::Value* v = along(phis[p], d);
      if (auto* phi = llvm::dyn_cast_or_null<llvm::PHINode>(v); phi && bypassed.contains(phi->getParent())) {
        llvm::PHINode* copy = llvm::PHINode::Create(phi->getType(), 1, phi->getName() + ".along");
        copy->insertBefore(d.block->getFirstNonPHIIt());
        copy->addIncoming(phi, d.block->getSinglePredecessor());
        v = copy;
      }
      values[p].push_back(v);
    }
  // Rewire: each new block to its case's successor, whose phis take from
  // it what they take from the head (rewritten below when that is a
  // bypassed phi).
  for (const Done& d : done) {
    llvm::BasicBlock* next = d.edge.chain.empty() ? head : d.edge.chain.back();
    next->removePredecessor(d.block, /*KeepOneInputPHIs=*/true);
    d.block->getTerminator()->eraseFromParent();
    llvm::BranchInst::Create(d.target, d.block);
    for (llvm::PHINode& phi : d.target->phis()) phi.addIncoming(phi.getIncomingValueForBlock(head), d.block);
  }
  // Uses of the bypassed phis now also see the new edges.
  for (size_t p = 0; p < phis.size(); ++p) {
    llvm::PHINode* phi = phis[p];
    llvm::SSAUpdater updater;
    updater.Initialize(phi->getType(), phi->getName());
    updater.AddAvailableValue(phi->getParent(), phi);
    for (size_t k = 0; k < done.size(); ++k)
      if (values[p][k]) updater.AddAvailableValue(done[k].block, values[p][k]);
    llvm::SmallVector<llvm::Use*, 16> uses;
    for (llvm::Use& use : phi->uses()) {
      auto* user = llvm::cast<llvm::Instruction>(use.getUser());
      if (user->getParent() == phi->getParent() && !llvm::isa<llvm::PHINode>(user)) continue;  // the switch
      if (auto* userPhi = llvm::dyn_cast<llvm::PHINode>(user); userPhi && userPhi->getParent() == phi->getParent() &&
                                                               userPhi->getIncomingBlock(use) == phi->getParent())
        continue;  // a self-loop's own value
      uses.push_back(&use);
    }
    for (llvm::Use* use : uses) updater.RewriteUse(*use);
  }
  return true;
}

}  // namespace

llvm::PreservedAnalyses ConstantDispatchPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  if (!enabled) return llvm::PreservedAnalyses::all();
  std::vector<llvm::SwitchInst*> switches;
  for (llvm::BasicBlock& block : f)
    if (auto* sw = llvm::dyn_cast<llvm::SwitchInst>(block.getTerminator())) switches.push_back(sw);
  bool changed = false;
  for (llvm::SwitchInst* sw : switches) changed |= ThreadSwitch(*sw);
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::removeUnreachableBlocks(f);
  return llvm::PreservedAnalyses::none();
}

}  // namespace wacc::codegen
