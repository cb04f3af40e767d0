// Every wasm memory access is `base + zext(i32 address)`. On x86-64 and on
// AArch64 an instruction that writes a 32-bit register clears bits 63:32 of
// the 64-bit register, so the zero-extension is free when the address was
// just computed: instruction selection's `def32` patterns then make it a
// SUBREG_TO_REG, which costs nothing. But instruction selection sees one
// block at a time. For an i32 that comes from another block (a phi, or any
// value live across blocks: an interpreter's pointers, a loop's pointer
// induction variables) it cannot know what wrote the register, and it emits
//
//   %t:gr32 = MOV32rr %p                    (AArch64: ORRWrs $wzr, %p, 0)
//   %a:gr64 = SUBREG_TO_REG 0, %t, %subreg.sub_32bit
//
// a real `movl %r12d, %eax` (`mov w8, w9`) per zero-extension. SQLite's
// interpreter loop had 854 such 32-bit moves against native code's 232.
//
// This pass runs on machine SSA before PHI elimination and looks at where
// the moved value came from: through COPYs and PHIs (which move values
// without computing them) to the instructions that define it. When every
// one of those is a target instruction that writes the whole 32-bit
// register, whatever value reaches the move has its upper half clear
// already, and SUBREG_TO_REG can take %p itself; the move goes, and the
// register coalescer usually makes %p and %a one register.
//
// The move stays whenever that cannot be proved, in particular for
//   - a COPY from a physical register: an argument or a call's result, whose
//     upper half the calling convention leaves undefined;
//   - a COPY of a sub-register (a wrap of an i64, `%p = COPY %x.sub_32bit`):
//     once coalesced it is the 64-bit register itself;
//   - IMPLICIT_DEF/undef, INSERT_SUBREG, inline asm and every other generic
//     opcode, and a definition through a sub-register operand;
//   - a definition from another register bank (x86 mask registers, AArch64
//     FPRs), which this pass does not reason about;
//   - BSF/BSR, which leave their destination unchanged for a zero source;
//   - other register-to-register moves (MOV32rr, ORRWrs $wzr): they zero-
//     extend too, but post-RA copy propagation may delete one it thinks
//     redundant, so they are followed like COPYs, never trusted.
// A PHI with any such input keeps its moves. The proof is about values,
// not registers, and later passes keep it: whatever remains of a COPY after
// coalescing and allocation is a 32-bit move (which clears the upper half)
// or nothing (the register already holds the value, written by one of the
// proved definitions, spilled and reloaded by 32-bit loads); rematerialised
// definitions are 32-bit writes again. This is the same fact the `def32`
// patterns use within a block, and AArch64MIPeepholeOpt's visitORR for a
// direct definition; neither follows PHIs or COPYs.
#include "compiler/codegen/ZeroExtendMoves.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

namespace wacc::codegen {

namespace {

// Off by default: fewer instructions in five of six real programs, but
// brotli executes 3% more and interp, with 3% fewer, took more CPU time in
// every interleaved round (bench/NOTES.md, helper `zext`). -mllvm
// -wacc-zext-moves turns it on.
llvm::cl::opt<bool> enabled("wacc-zext-moves", llvm::cl::init(false), llvm::cl::Hidden,
                            llvm::cl::desc("Remove zero-extending 32-bit moves of values whose upper half is clear"));

// Values are followed through at most this many registers (an interpreter's
// dispatch phi has a few hundred inputs); past it the move stays.
constexpr unsigned kMaxVisited = 1024;

class ZeroExtendMoves : public llvm::MachineFunctionPass {
 public:
  static char ID;
  ZeroExtendMoves() : llvm::MachineFunctionPass(ID) {}

  llvm::StringRef getPassName() const override { return "wacc: remove zero-extending moves"; }

  void getAnalysisUsage(llvm::AnalysisUsage& usage) const override {
    usage.setPreservesCFG();
    llvm::MachineFunctionPass::getAnalysisUsage(usage);
  }

  bool runOnMachineFunction(llvm::MachineFunction& function) override;

 private:
  // The register a zero-extension `SUBREG_TO_REG 0, (move %p), low32`
  // moves (%p), with the move, or nothing when `extension` is not one.
  std::pair<llvm::MachineInstr*, llvm::Register> matchExtension(const llvm::MachineInstr& extension) const;
  bool upperHalfClear(llvm::Register reg, const llvm::TargetRegisterClass* bank);
  bool writesWholeRegister(const llvm::MachineInstr& def, llvm::Register reg) const;

  const llvm::TargetInstrInfo* instrInfo_ = nullptr;
  const llvm::TargetRegisterInfo* regInfo_ = nullptr;
  llvm::MachineRegisterInfo* regs_ = nullptr;
  // Registers proved (or found not) to have a clear upper half.
  llvm::DenseMap<llvm::Register, bool> known_;
};

char ZeroExtendMoves::ID = 0;

bool IsLow32(const llvm::TargetRegisterInfo& regInfo, unsigned index) {
  return index != 0 && regInfo.getSubRegIdxSize(index) == 32 && regInfo.getSubRegIdxOffset(index) == 0;
}

std::pair<llvm::MachineInstr*, llvm::Register> ZeroExtendMoves::matchExtension(
    const llvm::MachineInstr& extension) const {
  if (!extension.isSubregToReg() || extension.getNumOperands() != 4) return {};
  const llvm::MachineOperand& zero = extension.getOperand(1);
  const llvm::MachineOperand& moved = extension.getOperand(2);
  if (!zero.isImm() || zero.getImm() != 0 || !moved.isReg() || !moved.getReg().isVirtual() || moved.getSubReg() ||
      !IsLow32(*regInfo_, extension.getOperand(3).getImm()))
    return {};
  llvm::MachineInstr* move = regs_->getUniqueVRegDef(moved.getReg());
  if (!move || move->isCopy()) return {};
  auto pair = instrInfo_->isCopyLikeInstr(*move);
  if (!pair || pair->Destination->getReg() != moved.getReg() || pair->Destination->getSubReg() ||
      pair->Source->getSubReg() || !pair->Source->getReg().isVirtual())
    return {};
  // Only the 32-bit general-purpose move zero-extends into the 64-bit
  // register (the same SUBREG_TO_REG of a 32-bit FP move into a D register
  // is another story): named, as this file sees no target's opcode enums.
  llvm::StringRef name = instrInfo_->getName(move->getOpcode());
  if (name != "MOV32rr" && name != "ORRWrs") return {};
  if (regInfo_->getRegSizeInBits(extension.getOperand(0).getReg(), *regs_) != 64 ||
      regInfo_->getRegSizeInBits(moved.getReg(), *regs_) != 32 ||
      regInfo_->getRegSizeInBits(pair->Source->getReg(), *regs_) != 32)
    return {};
  return {move, pair->Source->getReg()};
}

bool ZeroExtendMoves::writesWholeRegister(const llvm::MachineInstr& def, llvm::Register reg) const {
  // COPY and PHI are followed by the caller; every other generic opcode
  // (IMPLICIT_DEF, INSERT_SUBREG, REG_SEQUENCE, EXTRACT_SUBREG, inline asm,
  // ...) says nothing about the upper half.
  if (def.getOpcode() <= llvm::TargetOpcode::GENERIC_OP_END || def.isInlineAsm()) return false;
  const llvm::MachineOperand* operand = def.findRegisterDefOperand(reg, regInfo_);
  if (!operand || operand->getSubReg() || operand->isImplicit()) return false;
  // BSF/BSR of zero leave the destination as it was (the passthrough form
  // LLVM uses for cttz/ctlz without BMI relies on it).
  llvm::StringRef name = instrInfo_->getName(def.getOpcode());
  return !name.starts_with("BSF") && !name.starts_with("BSR");
}

bool ZeroExtendMoves::upperHalfClear(llvm::Register root, const llvm::TargetRegisterClass* bank) {
  if (auto it = known_.find(root); it != known_.end()) return it->second;
  // Every definition that can reach `root` through moves is a leaf the
  // value may come from; the answer is whether all of them clear the upper
  // half. Cycles (loop phis) need nothing special: a register is visited once.
  llvm::SmallVector<llvm::Register, 16> work{root};
  llvm::DenseSet<llvm::Register> visited{root};
  auto follow = [&](const llvm::MachineOperand& operand) {
    if (!operand.isReg() || !operand.getReg().isVirtual() || operand.getSubReg()) return false;
    if (visited.insert(operand.getReg()).second) work.push_back(operand.getReg());
    return visited.size() <= kMaxVisited;
  };
  bool clear = true;
  while (clear && !work.empty()) {
    llvm::Register reg = work.pop_back_val();
    if (auto it = known_.find(reg); it != known_.end()) {
      clear = it->second;
      continue;
    }
    const llvm::TargetRegisterClass* regClass = regs_->getRegClassOrNull(reg);
    llvm::MachineInstr* def = regs_->getUniqueVRegDef(reg);
    if (!regClass || !def || !regInfo_->getCommonSubClass(regClass, bank) ||
        regInfo_->getRegSizeInBits(*regClass) != 32) {
      clear = false;
    } else if (def->isPHI()) {
      for (unsigned i = 1; clear && i < def->getNumOperands(); i += 2) clear = follow(def->getOperand(i));
    } else if (auto pair = instrInfo_->isCopyLikeInstr(*def)) {
      clear = pair->Destination->getReg() == reg && !pair->Destination->getSubReg() && follow(*pair->Source);
    } else {
      clear = writesWholeRegister(*def, reg);
    }
  }
  // On success every visited register is proved too (what reaches it is a
  // subset); on failure only the root is known.
  if (clear)
    for (llvm::Register reg : visited) known_[reg] = true;
  else
    known_[root] = false;
  return clear;
}

bool ZeroExtendMoves::runOnMachineFunction(llvm::MachineFunction& function) {
  if (!enabled || skipFunction(function.getFunction())) return false;
  regs_ = &function.getRegInfo();
  if (!regs_->isSSA()) return false;
  const llvm::TargetSubtargetInfo& subtarget = function.getSubtarget();
  instrInfo_ = subtarget.getInstrInfo();
  regInfo_ = subtarget.getRegisterInfo();
  known_.clear();
  bool changed = false;
  for (llvm::MachineBasicBlock& block : function) {
    for (llvm::MachineInstr& extension : block) {
      auto [move, source] = matchExtension(extension);
      if (!move) continue;
      llvm::Register moved = move->getOperand(0).getReg();
      const llvm::TargetRegisterClass* movedClass = regs_->getRegClass(moved);
      if (!upperHalfClear(source, movedClass)) continue;
      // The move's users now read its source; it must fit their classes.
      if (!regs_->constrainRegClass(source, movedClass)) continue;
      regs_->replaceRegWith(moved, source);
      regs_->clearKillFlags(source);
      move->eraseFromParent();
      changed = true;
    }
  }
  return changed;
}

}  // namespace

void RegisterZeroExtendMovesPass() {
  static llvm::RegisterTargetPassConfigCallback registration(
      [](llvm::TargetMachine& machine, llvm::PassManagerBase&, llvm::TargetPassConfig* config) {
        const llvm::Triple& triple = machine.getTargetTriple();
        if (!enabled || machine.getOptLevel() == llvm::CodeGenOptLevel::None ||
            (triple.getArch() != llvm::Triple::x86_64 && triple.getArch() != llvm::Triple::aarch64))
          return;
        config->insertPass(&llvm::PeepholeOptimizerLegacyID, new ZeroExtendMoves());
      });
}

}  // namespace wacc::codegen
