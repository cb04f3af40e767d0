// ThreadedDispatch (ThreadedDispatch.h) turns an interpreter's dispatch into
// a range check and an indirect jump through a table of block addresses,
// two blocks (x86):
//
//   check:  cmpl $span, %eax          the label number the handler loaded
//           ja   default
//   jump:   jmpq *table(,%rax,8)
//
// Native computed goto has the jump alone, and LLVM's tail duplicator copies
// that block into every handler once registers are allocated, so that each
// handler ends in an indirect jump of its own, predicted on its own: what
// makes threaded code faster than one shared jump. It does not copy ours.
// It copies one block into predecessors that end in an unconditional branch
// (TailDuplicator::canTailDuplicate): `jump`'s one predecessor, `check`, ends
// in a conditional branch, and `check` itself is no computed goto (it may be
// 2 instructions, and it falls through, which rules it out before layout).
//
// This pass does for the two blocks what the tail duplicator does for one:
// it runs right before the tail duplication that follows register
// allocation and copies, into each predecessor of `check` that branches or
// falls to it unconditionally, `check`'s instructions, its conditional
// branch to the default, and `jump`:
//
//   handler: ...
//           movl labels(%rbx,%rcx,4), %eax
//           cmpl $span, %eax
//           ja   default
//           jmpq *table(,%rax,8)
//
// A conditional branch followed by an indirect one is a valid end of a
// machine block (branch analysis reports it as one it cannot analyze, so
// layout, branch folding and tail merging leave its branches as they are, as
// they do native computed goto's). The tail duplicator copies a computed
// goto of up to 10 instructions on into the blocks that only branch to it
// (a handler's shared tail, `addl %esi, %eax` then the dispatch); it takes
// such a handler for one only when all its successors have their address
// taken, which ThreadedDispatch's table entry for the default gives unless
// the default's phis had the check's edge split by a block of no address.
// So this pass copies on itself: a handler of at most 10 instructions that
// ends in the check and the jump is copied whole into each block that only
// branches or falls to it, and so on from there.
//
// When `jump` has instructions before its branch, those without effects
// (machine sinking's `leal 1(%rdi), %edx`, see AboveCheck) go above the
// conditional branch; a load cannot (AArch64 loads the target first:
// `ldr x8, [x9, x8, lsl #3]; br x8`), it would read past the table for a
// value out of range: then each handler gets its own copy of `jump` as a
// block it falls into, and a small handler with such a copy is a check and
// a jump again, copied on the same way.
//
// After register allocation there are no phis to rewrite (the values the
// handlers pass to the dispatch are already copied into place in the
// handlers), so a copy is the instructions as they are, and every block's
// live-in registers stay right: what was live out of a handler at its branch
// to `check` is what `check` and `jump` read and what their successors
// receive. `check` and `jump` go when no predecessor is left to them.
#include "compiler/codegen/CheckedDispatchTails.h"

#include "compiler/codegen/Target.h"

#include <optional>

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/CodeGen/MachineBasicBlock.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/Support/BranchProbability.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

namespace {

llvm::cl::opt<bool> enabled("wacc-checked-dispatch-tails", llvm::cl::init(true), llvm::cl::Hidden,
                            llvm::cl::desc("Copy a dispatch's range check and indirect jump into every handler"));

// A dispatch is a compare and a jump; a few register copies may join them.
// Larger blocks are not ThreadedDispatch's and are left to LLVM.
constexpr unsigned kMaxCheckInstructions = 6;
constexpr unsigned kMaxJumpInstructions = 4;

struct Dispatch {
  llvm::MachineBasicBlock* check;
  llvm::MachineBasicBlock* jump;
  llvm::MachineBasicBlock* fallback;           // where values out of range go
  llvm::SmallVector<llvm::MachineOperand, 4> toFallback;  // the condition of that branch
  // `jump`'s instructions from here on stay below the range check; the ones
  // before it are copied above the conditional branch.
  llvm::MachineBasicBlock::iterator belowCheck;
};

// Instructions that become code, in [begin, end).
unsigned CountInstructions(llvm::MachineBasicBlock::iterator begin, llvm::MachineBasicBlock::iterator end) {
  unsigned count = 0;
  for (auto it = begin; it != end; ++it) count += !it->isMetaInstruction();
  return count;
}

llvm::BranchProbability EdgeProbability(const llvm::MachineBasicBlock& from, const llvm::MachineBasicBlock* to) {
  for (auto it = from.succ_begin(); it != from.succ_end(); ++it)
    if (*it == to) return from.getSuccProbability(it);
  return llvm::BranchProbability::getZero();
}

// A block has each successor once: the default may be reached both by the
// range check and through the table (it fills the table's holes).
void AddSuccessor(llvm::MachineBasicBlock& block, llvm::MachineBasicBlock* successor,
                  llvm::BranchProbability probability) {
  auto it = llvm::find(block.successors(), successor);
  if (it != block.succ_end())
    block.setSuccProbability(it, block.getSuccProbability(it) + probability);
  else
    block.addSuccessor(successor, probability);
}

// The first of `jump`'s instructions that must stay below the range check.
// Machine sinking moves into `jump` what only the handlers use (x86: the
// bytecode pointer's increment, `leal 1(%rdi), %edx`); left there, it keeps
// each handler's copy of `jump` a block of its own. An instruction may go
// above the check's branch when it neither reads nor writes memory nor has
// other effects, and writes no register the branch reads (the flags) or the
// default's code reads. Only a prefix of `jump` moves, which keeps the order
// of everything that depends on each other.
llvm::MachineBasicBlock::iterator AboveCheck(llvm::MachineBasicBlock& jump, const llvm::MachineBasicBlock& check,
                                             const llvm::MachineBasicBlock& fallback) {
  const llvm::TargetRegisterInfo& registers = *jump.getParent()->getSubtarget().getRegisterInfo();
  auto terminators = jump.getFirstTerminator();
  if (!jump.getParent()->getRegInfo().tracksLiveness()) return jump.begin();  // the default's live-ins unknown
  for (auto it = jump.begin(); it != terminators; ++it) {
    if (it->isMetaInstruction()) continue;
    if (it->mayLoadOrStore() || it->hasUnmodeledSideEffects() || it->isCall() || it->isNotDuplicable()) return it;
    for (const llvm::MachineOperand& def : it->operands()) {
      if (!def.isReg() || !def.isDef() || !def.getReg()) continue;
      for (auto branch = check.getFirstTerminator(); branch != check.end(); ++branch)
        if (branch->readsRegister(def.getReg(), &registers)) return it;
      for (const auto& liveIn : fallback.liveins())
        if (registers.regsOverlap(liveIn.PhysReg, def.getReg())) return it;
    }
  }
  return terminators;
}

// `jump` ends in a computed goto, and its one predecessor is a small block
// that branches conditionally to it or to another block.
std::optional<Dispatch> MatchDispatch(llvm::MachineBasicBlock& jump, const llvm::TargetInstrInfo& instrInfo) {
  if (jump.empty() || !jump.terminatorIsComputedGotoWithSuccessors() || jump.pred_size() != 1 ||
      CountInstructions(jump.begin(), jump.end()) > kMaxJumpInstructions)
    return std::nullopt;
  llvm::MachineBasicBlock* check = *jump.pred_begin();
  if (check == &jump || check->succ_size() != 2 || check->hasAddressTaken()) return std::nullopt;
  llvm::MachineBasicBlock *taken = nullptr, *notTaken = nullptr;
  llvm::SmallVector<llvm::MachineOperand, 4> condition;
  if (instrInfo.analyzeBranch(*check, taken, notTaken, condition) || condition.empty()) return std::nullopt;
  if (!notTaken) notTaken = check->getNextNode();  // falls through
  if (taken == &jump) {
    std::swap(taken, notTaken);
    if (instrInfo.reverseBranchCondition(condition)) return std::nullopt;
  }
  if (notTaken != &jump || !taken || taken == &jump) return std::nullopt;
  auto terminators = check->getFirstTerminator();
  if (CountInstructions(check->begin(), terminators) > kMaxCheckInstructions) return std::nullopt;
  for (auto it = check->begin(); it != terminators; ++it)
    if (it->isCall() || it->isNotDuplicable() || it->isConvergent() || it->isCFIInstruction()) return std::nullopt;
  return Dispatch{check, &jump, taken, std::move(condition), AboveCheck(jump, *check, *taken)};
}

// Copies the dispatch into `block`, which must branch or fall to `check`
// alone. Returns the block that holds the copy of `jump` (`block` itself,
// or its own copy of `jump`), or null when `block` is not such a block.
llvm::MachineBasicBlock* CopyInto(llvm::MachineBasicBlock& block, const Dispatch& dispatch,
                                  const llvm::TargetInstrInfo& instrInfo) {
  if (&block == dispatch.check || &block == dispatch.jump || block.succ_size() != 1 || block.hasEHPadSuccessor() ||
      block.mayHaveInlineAsmBr())
    return nullptr;
  llvm::MachineBasicBlock *taken = nullptr, *notTaken = nullptr;
  llvm::SmallVector<llvm::MachineOperand, 4> condition;
  if (instrInfo.analyzeBranch(block, taken, notTaken, condition) || !condition.empty()) return nullptr;

  llvm::MachineBasicBlock& check = *dispatch.check;
  llvm::MachineBasicBlock& jump = *dispatch.jump;
  llvm::BranchProbability toFallback = EdgeProbability(check, dispatch.fallback);
  llvm::BranchProbability toJump = EdgeProbability(check, &jump);
  llvm::DebugLoc location = block.findBranchDebugLoc();
  instrInfo.removeBranch(block);
  block.removeSuccessor(&check);
  for (auto it = check.begin(), end = check.getFirstTerminator(); it != end; ++it)
    instrInfo.duplicate(block, block.end(), *it);
  for (auto it = jump.begin(); it != dispatch.belowCheck; ++it) instrInfo.duplicate(block, block.end(), *it);
  instrInfo.insertBranch(block, dispatch.fallback, nullptr, dispatch.toFallback, location);
  AddSuccessor(block, dispatch.fallback, toFallback);

  llvm::MachineBasicBlock* into = &block;
  if (dispatch.belowCheck != jump.getFirstTerminator()) {
    // A copy of `jump` of the handler's own, which the handler falls into.
    llvm::MachineFunction& function = *block.getParent();
    into = function.CreateMachineBasicBlock(jump.getBasicBlock());
    function.insert(std::next(block.getIterator()), into);
    for (const auto& liveIn : jump.liveins()) into->addLiveIn(liveIn);
    // What the instructions moved above the check define now comes in.
    for (auto it = jump.begin(); it != dispatch.belowCheck; ++it)
      for (const llvm::MachineOperand& def : it->operands())
        if (def.isReg() && def.isDef() && def.getReg()) into->addLiveIn(def.getReg().asMCReg());
    into->sortUniqueLiveIns();
    block.addSuccessor(into, toJump);
    toJump = llvm::BranchProbability::getOne();
  }
  for (auto it = dispatch.belowCheck; it != jump.end(); ++it) instrInfo.duplicate(*into, into->end(), *it);
  for (auto it = jump.succ_begin(); it != jump.succ_end(); ++it)
    AddSuccessor(*into, *it, toJump * jump.getSuccProbability(it));
  block.normalizeSuccProbs();
  into->normalizeSuccProbs();
  return into;
}

// Whether `block` ends in the range check and the jump in one (x86: `ja
// default; jmp *table(…)`, as CopyInto leaves a handler) and is small enough
// to be copied whole, as the tail duplicator copies a computed goto of up to
// 10 instructions.
bool IsWholeDispatch(llvm::MachineBasicBlock& block, const llvm::TargetInstrInfo& instrInfo) {
  if (block.empty() || !block.back().isIndirectBranch() || block.hasAddressTaken() ||
      CountInstructions(block.begin(), block.end()) > kMaxCheckInstructions + kMaxJumpInstructions)
    return false;
  for (llvm::MachineInstr& instr : block)
    if (instr.isCall() || instr.isNotDuplicable() || instr.isConvergent() || instr.isCFIInstruction()) return false;
  return true;
}

// Copies all of `tail`, a whole dispatch, into `block`, which must branch
// or fall to it alone.
bool CopyWholeInto(llvm::MachineBasicBlock& block, llvm::MachineBasicBlock& tail,
                   const llvm::TargetInstrInfo& instrInfo) {
  if (&block == &tail || block.succ_size() != 1 || block.hasEHPadSuccessor() || block.mayHaveInlineAsmBr())
    return false;
  llvm::MachineBasicBlock *taken = nullptr, *notTaken = nullptr;
  llvm::SmallVector<llvm::MachineOperand, 4> condition;
  if (instrInfo.analyzeBranch(block, taken, notTaken, condition) || !condition.empty()) return false;
  instrInfo.removeBranch(block);
  block.removeSuccessor(&tail);
  for (llvm::MachineInstr& instr : tail) instrInfo.duplicate(block, block.end(), instr);
  for (auto it = tail.succ_begin(); it != tail.succ_end(); ++it) block.addSuccessor(*it, tail.getSuccProbability(it));
  return true;
}

void RemoveIfUnreachable(llvm::MachineBasicBlock& block) {
  if (!block.pred_empty() || block.hasAddressTaken() || &block == &block.getParent()->front()) return;
  while (!block.succ_empty()) block.removeSuccessor(block.succ_end() - 1);
  block.eraseFromParent();
}

class CheckedDispatchTails : public llvm::MachineFunctionPass {
 public:
  static char ID;
  CheckedDispatchTails() : llvm::MachineFunctionPass(ID) {}
  llvm::StringRef getPassName() const override { return "wacc: copy checked dispatch into its handlers"; }

  bool runOnMachineFunction(llvm::MachineFunction& function) override {
    const llvm::TargetInstrInfo& instrInfo = *function.getSubtarget().getInstrInfo();
    llvm::SmallVector<Dispatch, 8> dispatches;
    for (llvm::MachineBasicBlock& block : function)
      if (std::optional<Dispatch> dispatch = MatchDispatch(block, instrInfo)) dispatches.push_back(*dispatch);
    bool changed = false;
    llvm::SmallVector<llvm::MachineBasicBlock*, 16> wholes;
    while (!dispatches.empty()) {
      Dispatch dispatch = dispatches.pop_back_val();
      llvm::SmallVector<llvm::MachineBasicBlock*, 64> handlers(dispatch.check->predecessors());
      for (llvm::MachineBasicBlock* handler : handlers) {
        llvm::MachineBasicBlock* jump = CopyInto(*handler, dispatch, instrInfo);
        changed |= jump != nullptr;
        // A handler with a copy of `jump` of its own is a dispatch again
        // when it is small (a block that only moves values and branches to
        // the check): copied on into the blocks that branch to it, as the
        // tail duplicator does with a computed goto of up to 10
        // instructions.
        if (jump && jump != handler)
          if (std::optional<Dispatch> again = MatchDispatch(*jump, instrInfo)) dispatches.push_back(*again);
        if (jump == handler && IsWholeDispatch(*handler, instrInfo)) wholes.push_back(handler);
      }
      RemoveIfUnreachable(*dispatch.check);
      RemoveIfUnreachable(*dispatch.jump);
    }
    // The same for a handler that ends in check and jump in one block (x86),
    // which the tail duplicator copies on only when every successor has its
    // address taken: not when the check's edge to the default was split.
    llvm::SmallPtrSet<llvm::MachineBasicBlock*, 16> seen(wholes.begin(), wholes.end());
    for (size_t i = 0; i < wholes.size(); ++i) {
      llvm::MachineBasicBlock* tail = wholes[i];
      llvm::SmallVector<llvm::MachineBasicBlock*, 8> blocks(tail->predecessors());
      for (llvm::MachineBasicBlock* block : blocks)
        if (CopyWholeInto(*block, *tail, instrInfo)) {
          changed = true;
          if (IsWholeDispatch(*block, instrInfo) && seen.insert(block).second) wholes.push_back(block);
        }
    }
    for (llvm::MachineBasicBlock* tail : wholes) RemoveIfUnreachable(*tail);
    return changed;
  }
};

char CheckedDispatchTails::ID = 0;

}  // namespace

void RegisterCheckedDispatchTailsPass() {
  static llvm::RegisterTargetPassConfigCallback registration(
      [](llvm::TargetMachine& machine, llvm::PassManagerBase&, llvm::TargetPassConfig* config) {
        if (!enabled || !RunsFullCodeGen(machine)) return;
        config->insertPass(&llvm::BranchFolderPassID, new CheckedDispatchTails());
      });
}

}  // namespace wacc::codegen
