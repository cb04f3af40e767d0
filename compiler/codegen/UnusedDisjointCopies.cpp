#include "compiler/codegen/UnusedDisjointCopies.h"

#include "compiler/codegen/LoopCopies.h"

#include <vector>

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/Local.h"

namespace wacc::codegen {
namespace {

llvm::cl::opt<bool> enabled("wacc-unused-disjoint-copies", llvm::cl::init(true), llvm::cl::Hidden,
                            llvm::cl::desc("Remove the disjoint-streams loop copies the vectoriser did not take"));

// What one successor of the check leads to: the blocks it dominates (only
// reachable through it, as it has no other predecessor), and what they hold.
struct Side {
  size_t instructions = 0;
  bool scoped = false;      // accesses scoped by the disjoint copy
  bool vectorised = false;  // vector values, or a loop the vectoriser marked
};

bool IsStreamScope(const llvm::MDNode* scopes) {
  // Each scope is (self, domain[, name]); the domain is (self[, name]).
  for (const llvm::MDOperand& op : scopes->operands()) {
    auto* scope = llvm::dyn_cast<llvm::MDNode>(op.get());
    if (!scope || scope->getNumOperands() < 2) continue;
    auto* domain = llvm::dyn_cast<llvm::MDNode>(scope->getOperand(1).get());
    if (!domain || domain->getNumOperands() < 2) continue;
    if (auto* name = llvm::dyn_cast<llvm::MDString>(domain->getOperand(1).get());
        name && name->getString() == kDisjointStreamsDomain)
      return true;
  }
  return false;
}

bool IsVectorisedLoop(const llvm::MDNode* loopID) {
  for (const llvm::MDOperand& op : loopID->operands())
    if (auto* property = llvm::dyn_cast<llvm::MDNode>(op.get()); property && property->getNumOperands() > 0)
      if (auto* name = llvm::dyn_cast<llvm::MDString>(property->getOperand(0).get());
          name && name->getString().starts_with("llvm.loop.isvectorized"))
        return true;
  return false;
}

Side Survey(llvm::BasicBlock* start, llvm::DominatorTree& dt) {
  Side side;
  llvm::SmallVector<llvm::BasicBlock*, 16> blocks;
  dt.getDescendants(start, blocks);
  for (llvm::BasicBlock* block : blocks)
    for (llvm::Instruction& inst : *block) {
      ++side.instructions;
      if (const llvm::MDNode* scopes = inst.getMetadata(llvm::LLVMContext::MD_alias_scope))
        side.scoped |= IsStreamScope(scopes);
      if (const llvm::MDNode* loopID = inst.getMetadata(llvm::LLVMContext::MD_loop))
        side.vectorised |= IsVectorisedLoop(loopID);
      if (inst.getType()->isVectorTy()) side.vectorised = true;
      for (const llvm::Value* operand : inst.operands())
        if (operand->getType()->isVectorTy()) side.vectorised = true;
    }
  return side;
}

}  // namespace

llvm::PreservedAnalyses UnusedDisjointCopiesPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  if (!enabled) return llvm::PreservedAnalyses::all();
  std::vector<llvm::BranchInst*> checks;
  for (llvm::BasicBlock& block : f)
    if (auto* branch = llvm::dyn_cast<llvm::BranchInst>(block.getTerminator());
        branch && branch->isConditional() && branch->getMetadata(kDisjointCheckMetadata))
      checks.push_back(branch);
  if (checks.empty()) return llvm::PreservedAnalyses::all();
  auto& dt = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
  bool changed = false;
  for (llvm::BranchInst* branch : checks) {
    llvm::BasicBlock* check = branch->getParent();
    if (!dt.isReachableFromEntry(check)) continue;  // in a copy deleted before
    llvm::BasicBlock* successors[2] = {branch->getSuccessor(0), branch->getSuccessor(1)};
    // Both copies entered from the check alone (later passes may have
    // merged or threaded the blocks: then leave it).
    if (successors[0] == successors[1] || successors[0]->getSinglePredecessor() != check ||
        successors[1]->getSinglePredecessor() != check)
      continue;
    Side sides[2] = {Survey(successors[0], dt), Survey(successors[1], dt)};
    // Which side is the disjoint copy: the one whose accesses carry the
    // streams' scopes (InstCombine may have swapped the successors).
    if (sides[0].scoped == sides[1].scoped) continue;
    unsigned disjoint = sides[0].scoped ? 0 : 1;
    const Side& kept = sides[1 - disjoint];
    const Side& copy = sides[disjoint];
    if (copy.vectorised || copy.instructions < kept.instructions) continue;
    llvm::Value* condition = branch->getCondition();
    successors[disjoint]->removePredecessor(check);
    llvm::BranchInst::Create(successors[1 - disjoint], branch->getIterator());
    branch->eraseFromParent();
    llvm::RecursivelyDeleteTriviallyDeadInstructions(condition);
    dt.recalculate(f);
    changed = true;
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::removeUnreachableBlocks(f);
  return llvm::PreservedAnalyses::none();
}

}  // namespace wacc::codegen
