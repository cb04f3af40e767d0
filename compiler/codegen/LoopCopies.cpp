#include "compiler/codegen/LoopCopies.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"

namespace wacc::codegen {
namespace {

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

}  // namespace

void CloneLoopBehindCheck(llvm::Loop& loop, llvm::BasicBlock* checkBlock, llvm::Value* ok, llvm::StringRef suffix,
                          llvm::LoopInfo& li, llvm::DominatorTree& dt, llvm::ValueToValueMapTy& vmap) {
  llvm::BasicBlock* preheader = llvm::SplitBlock(checkBlock, checkBlock->getTerminator(), &dt, &li);
  llvm::SmallVector<llvm::BasicBlock*, 32> blocks;
  llvm::cloneLoopWithPreheader(preheader, checkBlock, &loop, vmap, suffix, &li, &dt, blocks);
  llvm::remapInstructionsInBlocks(blocks, vmap);
  AddExitIncomings(loop, vmap);
  llvm::Instruction* branch = checkBlock->getTerminator();
  llvm::BranchInst::Create(llvm::cast<llvm::BasicBlock>(vmap[preheader]), preheader, ok, branch->getIterator());
  branch->eraseFromParent();
}

std::vector<llvm::Loop*> InnermostLoops(llvm::LoopInfo& li) {
  std::vector<llvm::Loop*> innermost;
  for (llvm::Loop* loop : li.getLoopsInPreorder())
    if (loop->isInnermost()) innermost.push_back(loop);
  return innermost;
}

llvm::PreservedAnalyses PreservedAfterLoopCopies() {
  llvm::PreservedAnalyses kept;
  kept.preserve<llvm::LoopAnalysis>();
  kept.preserve<llvm::DominatorTreeAnalysis>();
  return kept;
}

}  // namespace wacc::codegen
