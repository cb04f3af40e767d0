#include "compiler/codegen/ThreadedDispatch.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PatternMatch.h"

namespace wacc::codegen {

namespace {

// A dispatch, not a small state machine: QuickJS's has 228 destinations,
// Lua's 83, SQLite's 180; a lexer's switch on a character class has a dozen.
constexpr unsigned kMinTargets = 32;
// The table holds one pointer per value from its base to the largest case.
constexpr uint64_t kMaxEntries = 4096;
// Values this close to zero index the table directly (no subtraction).
constexpr uint64_t kSmallBase = 64;

// Whether `value` is a label number loaded from a table: a load of 16 or 32
// bits at a constant offset plus a scaled index (`labels[opcode]`, the
// static table clang's wasm backend makes of `&&label`s), possibly moved
// through phis (each handler's `goto *` loads its own) and adjusted by a
// constant (the br_table's base). A switch on a byte of the bytecode itself
// (SQLite's `switch (pOp->opcode)`, PCRE2's) is not: threaded, it cost SQLite
// 8.6% more instructions in its interpreter (bench/NOTES.md, session 8).
bool IsLabelLoad(llvm::Value* value, llvm::SmallPtrSetImpl<llvm::Value*>& visited) {
  using namespace llvm::PatternMatch;
  if (!visited.insert(value).second) return true;  // a cycle through phis adds no other source
  if (visited.size() > 256) return false;
  llvm::Value* inner;
  if (match(value, m_ZExtOrSExtOrSelf(m_Trunc(m_Value(inner)))) || match(value, m_ZExt(m_Value(inner))) ||
      match(value, m_Add(m_Value(inner), m_ConstantInt())) || match(value, m_Sub(m_Value(inner), m_ConstantInt())))
    return IsLabelLoad(inner, visited);
  if (auto* phi = llvm::dyn_cast<llvm::PHINode>(value)) {
    for (llvm::Value* incoming : phi->incoming_values())
      if (!IsLabelLoad(incoming, visited)) return false;
    return true;
  }
  auto* load = llvm::dyn_cast<llvm::LoadInst>(value);
  if (!load || (!load->getType()->isIntegerTy(32) && !load->getType()->isIntegerTy(16))) return false;
  // Walk the address: constant offsets (GEPs, `add` of a constant) and one
  // scaled index (shl or mul by a constant, possibly behind a zext).
  bool constant = false, scaled = false;
  llvm::Value* address = load->getPointerOperand();
  for (unsigned depth = 0; depth < 8; ++depth) {
    auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(address);
    if (!gep || gep->getNumIndices() != 1) break;
    llvm::Value* index = gep->getOperand(1);
    llvm::Value* offset = index;
    if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(index)) {
      constant |= !c->isZero();
    } else {
      match(index, m_ZExt(m_Value(offset)));
      llvm::ConstantInt* c2;
      if (match(offset, m_Add(m_Value(offset), m_ConstantInt(c2))) ||
          match(offset, m_DisjointOr(m_Value(offset), m_ConstantInt(c2))))
        constant |= !c2->isZero();
      match(offset, m_ZExt(m_Value(offset)));
      scaled |= match(offset, m_Shl(m_Value(), m_ConstantInt())) || match(offset, m_Mul(m_Value(), m_ConstantInt()));
    }
    address = gep->getPointerOperand();
  }
  return constant && scaled;
}

bool Thread(llvm::SwitchInst& sw) {
  llvm::BasicBlock* block = sw.getParent();
  llvm::Function& f = *block->getParent();
  auto* type = llvm::dyn_cast<llvm::IntegerType>(sw.getCondition()->getType());
  if (!type || type->getBitWidth() > 64 || sw.getNumCases() == 0) return false;
  llvm::SmallPtrSet<llvm::Value*, 32> visited;
  if (!IsLabelLoad(sw.getCondition(), visited)) return false;
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

  // Entries 0..span for the values (holes hold the default), and one more
  // for the default that the range check sends values past span to: never
  // read, it makes the default a block whose address is taken, so that each
  // handler's copy of the check and the jump (CheckedDispatchTails.h) has
  // only such successors, a computed goto to LLVM's tail duplicator, which
  // then copies it once more into blocks that only branch to it. Not when
  // the default takes values through phis: instruction selection then splits
  // the check's edge to it for the copies, and the new block has no address
  // (bench/NOTES.md, session 10; CodeGenPrepare removes an empty block of
  // ours put there instead).
  llvm::LLVMContext& context = f.getContext();
  auto* pointer = llvm::PointerType::getUnqual(context);
  llvm::BasicBlock* fallback = sw.getDefaultDest();
  std::vector<llvm::Constant*> entries(span + 2, llvm::BlockAddress::get(&f, fallback));
  for (auto& c : sw.cases())
    entries[c.getCaseValue()->getZExtValue() - base] = llvm::BlockAddress::get(&f, c.getCaseSuccessor());
  llvm::SmallPtrSet<llvm::BasicBlock*, 32> inTable;
  for (uint64_t i = 0; i <= span; ++i) inTable.insert(llvm::cast<llvm::BlockAddress>(entries[i])->getBasicBlock());
  auto* tableType = llvm::ArrayType::get(pointer, entries.size());
  auto* table = new llvm::GlobalVariable(*f.getParent(), tableType, /*isConstant=*/true,
                                         llvm::GlobalValue::PrivateLinkage,
                                         llvm::ConstantArray::get(tableType, entries), f.getName() + ".dispatch");
  table->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);

  // The range check is a branch, not a clamp of the index (umin, cmp; cmov
  // on x86): a branch is predicted and leaves the chain label load -> table
  // load -> jump one compare and one conditional move shorter on every
  // dispatch. The jump gets a block of its own, which the indirectbr needs;
  // CheckedDispatchTails.h copies the two into every handler once registers
  // are allocated, as LLVM's tail duplicator does with the one block of a
  // computed goto.
  llvm::IRBuilder<> b(&sw);
  llvm::Value* index = sw.getCondition();
  if (base != 0) index = b.CreateSub(index, llvm::ConstantInt::get(type, base));
  auto* jumpBlock = llvm::BasicBlock::Create(context, "dispatch.jump", &f, block->getNextNode());
  llvm::Value* inRange = b.CreateICmpULE(index, llvm::ConstantInt::get(type, span), "dispatch.inrange");
  llvm::MDBuilder weights(context);
  b.CreateCondBr(inRange, jumpBlock, fallback, weights.createLikelyBranchWeights());
  b.SetInsertPoint(jumpBlock);
  index = b.CreateZExtOrTrunc(index, b.getInt64Ty());
  llvm::Value* slot = b.CreateInBoundsGEP(tableType, table, {b.getInt64(0), index});
  llvm::Value* target = b.CreateLoad(pointer, slot, "dispatch.target");
  llvm::IndirectBrInst* jump = b.CreateIndirectBr(target, inTable.size());
  for (llvm::BasicBlock* target : targets) {
    if (inTable.contains(target)) jump->addDestination(target);
    // A phi had an entry per edge of the switch (several may lead to one
    // block); now the default has one from the range check and, when it
    // fills a hole of the table, one from the jump; the others one from the
    // jump.
    for (llvm::PHINode& phi : target->phis()) {
      llvm::Value* incoming = phi.getIncomingValueForBlock(block);
      while (phi.getBasicBlockIndex(block) >= 0) phi.removeIncomingValue(block, /*DeletePHIIfEmpty=*/false);
      if (target == fallback) phi.addIncoming(incoming, block);
      if (inTable.contains(target)) phi.addIncoming(incoming, jumpBlock);
    }
  }
  sw.eraseFromParent();
  return true;
}

}  // namespace

llvm::PreservedAnalyses ThreadedDispatchPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  if (f.isDeclaration() || f.hasAvailableExternallyLinkage()) return llvm::PreservedAnalyses::all();
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
