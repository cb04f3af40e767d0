#include "compiler/codegen/InvariantCompares.h"

#include <vector>

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/CommandLine.h"

namespace wacc::codegen {

namespace {

// -mllvm -wacc-invariant-compares=0: compares left as InstCombine wrote them (A/B).
llvm::cl::opt<bool> gEnabled("wacc-invariant-compares", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("move loop-invariant operands of equality compares out of loops"));

// Rewrites the compare if its operand `side` is x ^ inv and the other an
// invariant c: x against the invariant right-hand side, computed at the end
// of `entry`, the one block outside the loop that enters it.
bool Rewrite(llvm::ICmpInst& compare, unsigned side, llvm::Loop& loop, llvm::BasicBlock& entry) {
  auto* op = llvm::dyn_cast<llvm::BinaryOperator>(compare.getOperand(side));
  llvm::Value* c = compare.getOperand(1 - side);
  if (!op || op->getOpcode() != llvm::Instruction::Xor || !op->hasOneUse() || !loop.contains(op) ||
      !loop.isLoopInvariant(c))
    return false;
  llvm::Value* a = op->getOperand(0);
  llvm::Value* b = op->getOperand(1);
  bool aInvariant = loop.isLoopInvariant(a);
  bool bInvariant = loop.isLoopInvariant(b);
  if (aInvariant == bInvariant) return false;  // both: LICM's; neither: nothing to move
  llvm::Value* x = aInvariant ? b : a;
  llvm::Value* inv = aInvariant ? a : b;
  llvm::IRBuilder<> builder(entry.getTerminator());
  llvm::Value* rhs = builder.CreateXor(inv, c);  // x ^ inv == c  <=>  x == inv ^ c
  compare.setOperand(side, x);
  compare.setOperand(1 - side, rhs);
  op->eraseFromParent();
  return true;
}

}  // namespace

llvm::PreservedAnalyses InvariantComparesPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  if (!gEnabled || f.isDeclaration()) return llvm::PreservedAnalyses::all();
  auto& loops = analyses.getResult<llvm::LoopAnalysis>(f);
  if (loops.empty()) return llvm::PreservedAnalyses::all();
  std::vector<llvm::ICmpInst*> compares;
  for (llvm::BasicBlock& block : f)
    if (loops.getLoopFor(&block))
      for (llvm::Instruction& inst : block)
        if (auto* compare = llvm::dyn_cast<llvm::ICmpInst>(&inst); compare && compare->isEquality())
          compares.push_back(compare);
  bool changed = false;
  for (llvm::ICmpInst* compare : compares) {
    llvm::Loop* loop = loops.getLoopFor(compare->getParent());
    // Not only a preheader: a rotated loop's guard block, which may also
    // leave, is entered once too, and xor cannot trap.
    llvm::BasicBlock* entry = loop->getLoopPredecessor();
    if (!entry) continue;
    changed |= Rewrite(*compare, 0, *loop, *entry) || Rewrite(*compare, 1, *loop, *entry);
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

}  // namespace wacc::codegen
