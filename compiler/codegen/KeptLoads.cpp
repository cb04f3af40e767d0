#include "compiler/codegen/KeptLoads.h"

#include <vector>

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

namespace wacc::codegen {

namespace {

// How far a load's value is followed through its block; data flow from a
// load to a store is a handful of instructions.
constexpr unsigned kMaxFollowed = 32;

bool IsMarker(const llvm::CallInst* call) {
  // Wasm has no inline assembly: every empty one-operand asm with side
  // effects is lowering's marker.
  if (call->arg_size() != 1) return false;
  auto* asmCode = llvm::dyn_cast<llvm::InlineAsm>(call->getCalledOperand());
  return asmCode && asmCode->hasSideEffects() && asmCode->getAsmString().empty();
}

bool HasMarker(const llvm::LoadInst* load, const llvm::DenseSet<llvm::CallInst*>& markers) {
  for (const llvm::User* user : load->users())
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(user); call && markers.contains(call)) return true;
  return false;
}

// True when `load`'s value flows, through instructions of the load's own
// block, into something that keeps it: a store (value or address), a call
// with side effects, a return, or the address of another marked load. No
// later pass deletes such a chain (every link is used, in the end by
// something that stays), nor sinks the load out of its block (each link has
// a use in the block, instcombine sinks only what is used in one successor
// alone), so the load stays where wasm put it without its fake use.
// Branches are not counted: a branch both of whose sides become the same
// disappears with its condition. Phis are not followed: a value carried
// round a loop may end up unused. Chains end at a real root or at a load
// keeping its marker, as a block has no cycles without phis.
bool AnchoredInBlock(llvm::LoadInst* load, const llvm::DenseSet<llvm::CallInst*>& markers) {
  llvm::BasicBlock* block = load->getParent();
  llvm::SmallVector<llvm::Instruction*, 8> work{load};
  llvm::DenseSet<llvm::Instruction*> seen{load};
  while (!work.empty()) {
    llvm::Instruction* value = work.pop_back_val();
    for (llvm::User* user : value->users()) {
      auto* inst = llvm::dyn_cast<llvm::Instruction>(user);
      if (!inst || inst->getParent() != block || llvm::isa<llvm::PHINode>(inst)) continue;
      if (llvm::isa<llvm::StoreInst, llvm::AtomicRMWInst, llvm::AtomicCmpXchgInst, llvm::ReturnInst>(inst)) return true;
      if (auto* call = llvm::dyn_cast<llvm::CallInst>(inst)) {
        // An assumption is dropped once it is known to hold.
        auto* intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(call);
        if (markers.contains(call) || (intrinsic && intrinsic->isAssumeLikeIntrinsic())) continue;
        if (call->mayHaveSideEffects()) return true;
      }
      if (auto* next = llvm::dyn_cast<llvm::LoadInst>(inst); next && next != load &&
                                                          next->getPointerOperand() == value && HasMarker(next, markers))
        return true;
      if (inst->isTerminator() || seen.size() == kMaxFollowed || !seen.insert(inst).second) continue;
      work.push_back(inst);
    }
  }
  return false;
}

}  // namespace

llvm::PreservedAnalyses KeptLoadsToFakeUsesPass::run(llvm::Function& f, llvm::FunctionAnalysisManager&) {
  llvm::DenseSet<llvm::CallInst*> markers;
  for (llvm::Instruction& inst : llvm::instructions(f))
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(&inst); call && IsMarker(call)) markers.insert(call);
  if (markers.empty()) return llvm::PreservedAnalyses::all();
  // Decided against the markers as they are, then applied: a load that is
  // the anchor of another's chain is itself anchored or keeps its use.
  std::vector<llvm::CallInst*> dropped, converted;
  for (llvm::CallInst* marker : markers) {
    auto* load = llvm::dyn_cast<llvm::LoadInst>(marker->getArgOperand(0));
    (load && AnchoredInBlock(load, markers) ? dropped : converted).push_back(marker);
  }
  for (llvm::CallInst* marker : converted) {
    llvm::IRBuilder<> b(marker);
    b.CreateIntrinsic(llvm::Intrinsic::fake_use, llvm::ArrayRef<llvm::Type*>(), {marker->getArgOperand(0)});
    marker->eraseFromParent();
  }
  for (llvm::CallInst* marker : dropped) marker->eraseFromParent();
  llvm::PreservedAnalyses kept;
  kept.preserveSet<llvm::CFGAnalyses>();
  return kept;
}

}  // namespace wacc::codegen
