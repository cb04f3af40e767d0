// A wasm load that traps must not be deleted, and KeptLoadsToFakeUsesPass
// keeps the loads nothing else would keep with an `llvm.fake.use` of their
// value. A compare ends its chains (KeptLoads.cpp): a branch on the compare
// may still fold away in the IR passes that run after it (the unroller makes
// conditions constant, SimplifyCFG merges two sides that became equal), and
// the load would go with it. So every load that only feeds a branch keeps
// its fake use to the end, and the fake use is a second user of the loaded
// value: x86 instruction selection folds a load into its user only when it
// is the load's one user, so
//
//   movl 0x10(%r10), %ecx        instead of   cmpl 0x10(%r10), %edx
//   cmpl %ecx, %edx
//
// PCRE2's matcher compared 185M times against memory in native code and
// almost never in wacc's (its limits, its subject's end, its character
// tables: `testb $8, (%rdi,%r8)`), one instruction more each time.
//
// By the time code generation runs, the danger the fake use guards against
// is over for a load whose value goes, in its own block and through single-
// use links only, into the condition of its block's conditional branch to
// two different blocks: no IR pass runs after this one, and instruction
// selection emits such a branch as a compare and a conditional jump (it
// folds a condition only when it is constant, which the IR passes would
// have seen first). The jump uses the flags, the flags the compare, the
// compare the load; nothing after instruction selection deletes a compare
// whose flags a jump reads. So the fake use goes, and the load is folded.
// This pass runs after CodeGenPrepare, which still merges empty blocks and
// then folds branches whose two targets became one.
//
// The links allowed between the load and the compare are those that keep
// every byte of it: zext and sext. Not `and` or `trunc`, except on a one-
// byte load: instruction selection narrows a load whose high bytes nothing
// needs to the low bytes alone, which would not fault when only the high
// bytes are past the end of memory (KeptLoads.cpp again); a byte cannot be
// narrowed, so `testb $8, (mem)` is safe.
#include "compiler/codegen/CompareLoads.h"

#include "compiler/codegen/KeptLoads.h"
#include "compiler/codegen/Target.h"

#include <memory>

#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Pass.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"
#include "llvm/Target/TargetMachine.h"

namespace wacc::codegen {

namespace {

llvm::cl::opt<bool> enabled("wacc-compare-loads", llvm::cl::init(true), llvm::cl::Hidden,
                            llvm::cl::desc("Drop the fake use of a load that only feeds a branch's compare"));

// True when `link`, the one user of a load besides its fake use, leads in
// the load's block through single-use links that keep what faults (above)
// into a compare, and the compare into the block's conditional branch
// between two different blocks.
bool FeedsBranchOnly(const llvm::LoadInst* load, const llvm::Instruction* link) {
  const llvm::BasicBlock* block = load->getParent();
  bool byteLoad = load->getType()->isIntegerTy(8);
  bool compared = false;
  for (;;) {
    if (link->getParent() != block) return false;
    if (auto* branch = llvm::dyn_cast<llvm::BranchInst>(link))
      return compared && branch->isConditional() && branch->getSuccessor(0) != branch->getSuccessor(1);
    if (compared) return false;  // nothing between the compare and the branch
    if (llvm::isa<llvm::ICmpInst>(link))
      compared = true;
    else if (!llvm::isa<llvm::ZExtInst, llvm::SExtInst>(link) &&
             !(byteLoad && link->getOpcode() == llvm::Instruction::And && llvm::isa<llvm::Constant>(link->getOperand(1))))
      return false;
    if (!link->hasOneUse()) return false;
    link = llvm::dyn_cast<llvm::Instruction>(*link->user_begin());
    if (!link) return false;
  }
}

class CompareLoads : public llvm::FunctionPass {
 public:
  static char ID;
  CompareLoads() : llvm::FunctionPass(ID) {}
  llvm::StringRef getPassName() const override { return "wacc: fold guard-page loads into branch compares"; }
  void getAnalysisUsage(llvm::AnalysisUsage& usage) const override { usage.setPreservesCFG(); }

  bool runOnFunction(llvm::Function& function) override {
    llvm::SmallVector<llvm::Instruction*, 32> dropped;
    for (llvm::BasicBlock& block : function)
      for (llvm::Instruction& inst : block) {
        llvm::Instruction* fakeUse = &inst;
        llvm::LoadInst* load = FakeUsedLoad(inst);
        // Exactly two uses: this fake use and the first link to the branch.
        if (!load || load->isVolatile() || !load->hasNUses(2)) continue;
        auto user = load->user_begin();
        llvm::User* link = *user == fakeUse ? *std::next(user) : *user;
        if (link == fakeUse) continue;  // two fake uses of one load
        if (auto* linkInst = llvm::dyn_cast<llvm::Instruction>(link); linkInst && FeedsBranchOnly(load, linkInst))
          dropped.push_back(fakeUse);
      }
    for (llvm::Instruction* fakeUse : dropped) fakeUse->eraseFromParent();
    return !dropped.empty();
  }
};

char CompareLoads::ID = 0;

}  // namespace

void RegisterCompareLoadsPass() {
  static llvm::RegisterTargetPassConfigCallback registration(
      [](llvm::TargetMachine& machine, llvm::PassManagerBase&, llvm::TargetPassConfig* config) {
        if (!enabled || !RunsFullCodeGen(machine)) return;
        std::unique_ptr<llvm::FunctionPass> prepare(llvm::createCodeGenPrepareLegacyPass());
        config->insertPass(prepare->getPassID(), new CompareLoads());
      });
}

}  // namespace wacc::codegen
