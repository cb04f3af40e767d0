#include "compiler/codegen/AddressNoWrapFlags.h"

#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Operator.h"

namespace wacc::codegen {

namespace {

// Deep enough for `(i << 2) + base + offset`; address trees are shallow.
constexpr unsigned kMaxDepth = 4;

// Marks `v` (an i32 add/sub/mul/shl tree) nsw wherever ScalarEvolution
// proves it.
void MarkNoSignedWrap(llvm::ScalarEvolution& se, llvm::Value* v, unsigned depth, bool& changed) {
  auto* op = llvm::dyn_cast<llvm::BinaryOperator>(v);
  if (!op || depth == kMaxDepth) return;
  llvm::Instruction::BinaryOps opcode = op->getOpcode();
  if (opcode != llvm::Instruction::Add && opcode != llvm::Instruction::Sub && opcode != llvm::Instruction::Mul &&
      opcode != llvm::Instruction::Shl)
    return;
  MarkNoSignedWrap(se, op->getOperand(0), depth + 1, changed);
  MarkNoSignedWrap(se, op->getOperand(1), depth + 1, changed);
  if (op->hasNoSignedWrap()) return;
  const llvm::SCEV* lhs = se.getSCEV(op->getOperand(0));
  const llvm::SCEV* rhs = se.getSCEV(op->getOperand(1));
  if (opcode == llvm::Instruction::Shl) {
    // x << k is x * 2^k for a constant k < 31.
    auto* amount = llvm::dyn_cast<llvm::ConstantInt>(op->getOperand(1));
    if (!amount || amount->getZExtValue() >= 31) return;
    rhs = se.getConstant(op->getType(), uint64_t(1) << amount->getZExtValue());
    opcode = llvm::Instruction::Mul;
  }
  if (!se.willNotOverflow(opcode, /*Signed=*/true, lhs, rhs, op)) return;
  op->setHasNoSignedWrap(true);
  se.forgetValue(op);
  changed = true;
}

}  // namespace

llvm::PreservedAnalyses AddressNoWrapFlagsPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  auto& se = analyses.getResult<llvm::ScalarEvolutionAnalysis>(f);
  bool changed = false;
  for (llvm::Instruction& inst : llvm::instructions(f)) {
    auto* zext = llvm::dyn_cast<llvm::ZExtInst>(&inst);
    if (!zext || zext->hasNonNeg() || !zext->getSrcTy()->isIntegerTy(32) || !zext->getDestTy()->isIntegerTy(64))
      continue;
    llvm::Value* index = zext->getOperand(0);
    MarkNoSignedWrap(se, index, 0, changed);
    if (se.isKnownNonNegative(se.getSCEV(index))) {
      zext->setNonNeg(true);
      changed = true;
    }
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  // Only flags changed: the CFG and every analysis but SCEV's caches hold.
  llvm::PreservedAnalyses kept;
  kept.preserveSet<llvm::CFGAnalyses>();
  return kept;
}

}  // namespace wacc::codegen
