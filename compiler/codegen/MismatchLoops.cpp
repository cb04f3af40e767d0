#include "compiler/codegen/MismatchLoops.h"

#include "compiler/codegen/KeptLoads.h"

#include <optional>
#include <vector>

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

namespace wacc::codegen {

namespace {

constexpr unsigned kBlockBytes = 16;
// No block load crosses a multiple of this (MismatchLoops.h): the smallest
// page any host maps, and a divisor of wasm's 64 KiB page.
constexpr uint64_t kPageBytes = 4096;
// Loops copied per function: each adds about 30 instructions.
constexpr unsigned kMaxLoopsPerFunction = 16;
// On the exit branch of a loop already handled, and of the byte loop this
// pass adds (which has the same shape).
constexpr const char* kDoneMetadata = "wacc.mismatch-done";

// One of the two byte streams: the load, the loop-invariant pointer it is
// an offset from (the memory base) and its offset at iteration 0. With
// `start32` the offset is zext(start32 + i) + offset (wasm's wrapping
// address plus a memarg offset); otherwise start64 + i.
struct Stream {
  llvm::LoadInst* load = nullptr;
  llvm::Value* base = nullptr;
  const llvm::SCEV* start32 = nullptr;
  const llvm::SCEV* start64 = nullptr;
  int64_t offset = 0;
};

struct Candidate {
  llvm::Loop* loop = nullptr;
  llvm::BranchInst* exit = nullptr;
  Stream a, b;
  const llvm::SCEV* maxBackedges = nullptr;
  std::vector<std::pair<llvm::PHINode*, const llvm::SCEV*>> phis;  // header phi, its step
};

bool IsUnitStep(const llvm::SCEVAddRecExpr* rec, const llvm::Loop& loop, llvm::ScalarEvolution& se) {
  if (!rec || rec->getLoop() != &loop || !rec->isAffine()) return false;
  auto* step = llvm::dyn_cast<llvm::SCEVConstant>(rec->getStepRecurrence(se));
  return step && step->getAPInt().isOne();
}

std::optional<Stream> MatchStream(llvm::ScalarEvolution& se, const llvm::Loop& loop, llvm::Value* v) {
  auto* load = llvm::dyn_cast<llvm::LoadInst>(v);
  if (!load || !load->isSimple() || !load->getType()->isIntegerTy(8) || !loop.contains(load)) return std::nullopt;
  const llvm::SCEV* pointer = se.getSCEV(load->getPointerOperand());
  auto* base = llvm::dyn_cast<llvm::SCEVUnknown>(se.getPointerBase(pointer));
  if (!base || !se.isLoopInvariant(base, &loop)) return std::nullopt;
  const llvm::SCEV* offset = se.removePointerBase(pointer);
  if (!offset->getType()->isIntegerTy(64)) return std::nullopt;
  Stream stream;
  stream.load = load;
  stream.base = base->getValue();
  if (auto* sum = llvm::dyn_cast<llvm::SCEVAddExpr>(offset); sum && sum->getNumOperands() == 2) {
    if (auto* constant = llvm::dyn_cast<llvm::SCEVConstant>(sum->getOperand(0));
        constant && llvm::isa<llvm::SCEVZeroExtendExpr>(sum->getOperand(1))) {
      stream.offset = constant->getAPInt().getSExtValue();
      offset = sum->getOperand(1);
    }
  }
  if (auto* zext = llvm::dyn_cast<llvm::SCEVZeroExtendExpr>(offset)) {
    auto* rec = llvm::dyn_cast<llvm::SCEVAddRecExpr>(zext->getOperand());
    if (!IsUnitStep(rec, loop, se) || !rec->getType()->isIntegerTy(32)) return std::nullopt;
    stream.start32 = rec->getStart();
    return stream;
  }
  auto* rec = llvm::dyn_cast<llvm::SCEVAddRecExpr>(offset);
  if (!IsUnitStep(rec, loop, se)) return std::nullopt;
  stream.start64 = rec->getStart();
  return stream;
}

// The operand of a compare, through a cast both operands share.
llvm::Value* StripCast(llvm::Value* v, unsigned opcode) {
  auto* cast = llvm::dyn_cast<llvm::CastInst>(v);
  return cast && cast->getOpcode() == opcode ? cast->getOperand(0) : v;
}

std::optional<Candidate> Match(llvm::ScalarEvolution& se, llvm::DominatorTree& dt, llvm::Loop& loop) {
  llvm::BasicBlock* preheader = loop.getLoopPreheader();
  if (!loop.isInnermost() || !preheader || !loop.getLoopLatch()) return std::nullopt;
  if (!llvm::isa<llvm::BranchInst>(preheader->getTerminator()) || preheader->getTerminator()->getNumSuccessors() != 1)
    return std::nullopt;
  // Exactly one exit ScalarEvolution cannot count: the comparison.
  llvm::SmallVector<llvm::BasicBlock*, 4> exiting;
  loop.getExitingBlocks(exiting);
  llvm::BasicBlock* compareBlock = nullptr;
  for (llvm::BasicBlock* block : exiting) {
    if (!llvm::isa<llvm::SCEVCouldNotCompute>(se.getExitCount(&loop, block))) continue;
    if (compareBlock) return std::nullopt;
    compareBlock = block;
  }
  if (!compareBlock || !dt.dominates(compareBlock, loop.getLoopLatch())) return std::nullopt;
  Candidate c;
  c.loop = &loop;
  c.exit = llvm::dyn_cast<llvm::BranchInst>(compareBlock->getTerminator());
  if (!c.exit || !c.exit->isConditional() || c.exit->getMetadata(kDoneMetadata)) return std::nullopt;
  auto* compare = llvm::dyn_cast<llvm::ICmpInst>(c.exit->getCondition());
  if (!compare || !compare->isEquality()) return std::nullopt;
  // The loop must leave exactly when the bytes differ.
  bool leavesOnTrue = !loop.contains(c.exit->getSuccessor(0));
  if ((compare->getPredicate() == llvm::ICmpInst::ICMP_NE) != leavesOnTrue) return std::nullopt;
  llvm::Value* lhs = compare->getOperand(0);
  llvm::Value* rhs = compare->getOperand(1);
  for (unsigned opcode : {llvm::Instruction::ZExt, llvm::Instruction::SExt}) {
    if (llvm::isa<llvm::CastInst>(lhs) && llvm::cast<llvm::CastInst>(lhs)->getOpcode() == opcode &&
        StripCast(rhs, opcode) != rhs) {
      lhs = StripCast(lhs, opcode);
      rhs = StripCast(rhs, opcode);
    }
  }
  std::optional<Stream> a = MatchStream(se, loop, lhs);
  std::optional<Stream> b = a ? MatchStream(se, loop, rhs) : std::nullopt;
  if (!b) return std::nullopt;
  c.a = *a;
  c.b = *b;
  // Skipped iterations must do nothing but these two loads.
  for (llvm::BasicBlock* block : loop.blocks()) {
    for (llvm::Instruction& inst : *block) {
      if (&inst == c.a.load || &inst == c.b.load) continue;
      if (FakeUsedLoad(inst)) continue;
      if (llvm::isa<llvm::CallBase>(inst) || inst.mayReadOrWriteMemory() || inst.mayHaveSideEffects())
        return std::nullopt;
    }
  }
  for (llvm::PHINode& phi : loop.getHeader()->phis()) {
    if (!phi.getType()->isIntOrPtrTy()) return std::nullopt;
    auto* rec = llvm::dyn_cast<llvm::SCEVAddRecExpr>(se.getSCEV(&phi));
    if (!rec || rec->getLoop() != &loop || !rec->isAffine()) return std::nullopt;
    const llvm::SCEV* step = rec->getStepRecurrence(se);
    if (!se.isLoopInvariant(step, &loop)) return std::nullopt;
    c.phis.emplace_back(&phi, step);
  }
  c.maxBackedges = se.getSymbolicMaxBackedgeTakenCount(&loop);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(c.maxBackedges) || !c.maxBackedges->getType()->isIntegerTy())
    return std::nullopt;
  // A count with a division by a step that may be zero must not be computed
  // before the loop.
  llvm::SCEVExpander probe(se, "mismatch");
  llvm::Instruction* entry = preheader->getTerminator();
  for (const llvm::SCEV* s :
       {c.maxBackedges, c.a.start32 ? c.a.start32 : c.a.start64, c.b.start32 ? c.b.start32 : c.b.start64})
    if (!probe.isSafeToExpandAt(s, entry)) return std::nullopt;
  for (auto& [phi, step] : c.phis)
    if (!probe.isSafeToExpandAt(step, entry)) return std::nullopt;
  return c;
}

// The i64 offset of `stream` at iteration `i` (i64), and whether the 16
// bytes from there cross a page (or wrap the 32-bit address).
std::pair<llvm::Value*, llvm::Value*> BlockAt(llvm::IRBuilder<>& b, const Stream& stream, llvm::Value* start,
                                              llvm::Value* i) {
  llvm::Type* i64 = b.getInt64Ty();
  auto crosses = [&](llvm::Value* address) {
    llvm::Type* type = address->getType();
    return b.CreateICmpUGT(b.CreateAnd(address, llvm::ConstantInt::get(type, kPageBytes - 1)),
                           llvm::ConstantInt::get(type, kPageBytes - kBlockBytes));
  };
  if (!stream.start32) {
    llvm::Value* offset = b.CreateAdd(start, i);
    return {offset, crosses(offset)};
  }
  llvm::Value* address = b.CreateAdd(start, b.CreateTrunc(i, b.getInt32Ty()));
  llvm::Value* offset = b.CreateAdd(b.CreateZExt(address, i64), b.getInt64(stream.offset));
  llvm::Value* cross = crosses(address);
  if (stream.offset % kPageBytes != 0) cross = b.CreateOr(cross, crosses(offset));
  return {offset, cross};
}

// The byte loop would be unrolled 16 times, in every copy of memcmp.
void NotUnrolled(llvm::BranchInst* latch) {
  llvm::LLVMContext& context = latch->getContext();
  llvm::MDNode* disable = llvm::MDNode::get(context, llvm::MDString::get(context, "llvm.loop.unroll.disable"));
  llvm::MDNode* loopId = llvm::MDNode::getDistinct(context, {nullptr, disable});
  loopId->replaceOperandWith(0, loopId);
  latch->setMetadata(llvm::LLVMContext::MD_loop, loopId);
}

void Transform(llvm::ScalarEvolution& se, llvm::DominatorTree& dt, llvm::LoopInfo& li, const Candidate& c) {
  llvm::Loop& loop = *c.loop;
  llvm::BasicBlock* preheader = loop.getLoopPreheader();
  llvm::BasicBlock* header = loop.getHeader();
  llvm::Function& f = *header->getParent();
  llvm::LLVMContext& context = f.getContext();
  llvm::Instruction* entry = preheader->getTerminator();

  llvm::SCEVExpander expander(se, "mismatch");
  llvm::Type* i64 = llvm::Type::getInt64Ty(context);
  llvm::Type* i32 = llvm::Type::getInt32Ty(context);
  auto expand = [&](const llvm::SCEV* s, llvm::Type* type) { return expander.expandCodeFor(s, type, entry); };
  auto streamStart = [&](const Stream& s) { return s.start32 ? expand(s.start32, i32) : expand(s.start64, i64); };
  llvm::Value* aStart = streamStart(c.a);
  llvm::Value* bStart = streamStart(c.b);
  std::vector<llvm::Value*> steps;
  for (auto& [phi, step] : c.phis) steps.push_back(expand(step, step->getType()));
  llvm::IRBuilder<> b(entry);
  llvm::Value* backedges = b.CreateZExtOrTrunc(expand(c.maxBackedges, c.maxBackedges->getType()), i64);
  // Blocks cover iterations [0, backedges): the loop runs the last itself.
  llvm::Value* lastBlock = b.CreateSub(backedges, b.getInt64(kBlockBytes));

  auto block = [&](const char* name) { return llvm::BasicBlock::Create(context, name, &f, header); };
  llvm::BasicBlock* head = block("mismatch.block");
  llvm::BasicBlock* wide = block("mismatch.wide");
  llvm::BasicBlock* bytes = block("mismatch.bytes");
  llvm::BasicBlock* byteNext = block("mismatch.byte.next");
  llvm::BasicBlock* next = block("mismatch.next");
  llvm::BasicBlock* resume = block("mismatch.resume");
  b.CreateCondBr(b.CreateICmpUGE(backedges, b.getInt64(kBlockBytes)), head, resume);
  entry->eraseFromParent();

  // head: the block at s = min(i, lastBlock); bytes if it crosses a page.
  b.SetInsertPoint(head);
  llvm::PHINode* i = b.CreatePHI(i64, 2, "mismatch.i");
  i->addIncoming(b.getInt64(0), preheader);
  llvm::Value* s = b.CreateBinaryIntrinsic(llvm::Intrinsic::umin, i, lastBlock);
  auto [aOffset, aCross] = BlockAt(b, c.a, aStart, s);
  auto [bOffset, bCross] = BlockAt(b, c.b, bStart, s);
  b.CreateCondBr(b.CreateOr(aCross, bCross), bytes, wide);

  // wide: two 16-byte loads; the first differing byte ends the search.
  b.SetInsertPoint(wide);
  auto* vector = llvm::FixedVectorType::get(b.getInt8Ty(), kBlockBytes);
  llvm::Value* aBlock = b.CreateAlignedLoad(vector, b.CreateGEP(b.getInt8Ty(), c.a.base, aOffset), llvm::Align(1));
  llvm::Value* bBlock = b.CreateAlignedLoad(vector, b.CreateGEP(b.getInt8Ty(), c.b.base, bOffset), llvm::Align(1));
  llvm::Value* mask = b.CreateBitCast(b.CreateICmpNE(aBlock, bBlock), b.getIntNTy(kBlockBytes));
  llvm::Value* first = b.CreateZExt(b.CreateBinaryIntrinsic(llvm::Intrinsic::cttz, mask, b.getTrue()), i64);
  llvm::Value* wideFound = b.CreateAdd(s, first);
  b.CreateCondBr(b.CreateICmpNE(mask, b.getIntN(kBlockBytes, 0)), resume, next);

  // bytes: the same block a byte at a time, as the loop would load it.
  b.SetInsertPoint(bytes);
  llvm::PHINode* j = b.CreatePHI(i64, 2, "mismatch.j");
  j->addIncoming(b.getInt64(0), head);
  llvm::Value* byteIndex = b.CreateAdd(s, j);
  llvm::Value* aByte =
      b.CreateLoad(b.getInt8Ty(), b.CreateGEP(b.getInt8Ty(), c.a.base, BlockAt(b, c.a, aStart, byteIndex).first));
  llvm::Value* bByte =
      b.CreateLoad(b.getInt8Ty(), b.CreateGEP(b.getInt8Ty(), c.b.base, BlockAt(b, c.b, bStart, byteIndex).first));
  llvm::BranchInst* byteExit = b.CreateCondBr(b.CreateICmpNE(aByte, bByte), resume, byteNext);
  byteExit->setMetadata(kDoneMetadata, llvm::MDNode::get(context, {}));
  b.SetInsertPoint(byteNext);
  llvm::Value* jNext = b.CreateAdd(j, b.getInt64(1));
  j->addIncoming(jNext, byteNext);
  NotUnrolled(b.CreateCondBr(b.CreateICmpEQ(jNext, b.getInt64(kBlockBytes)), next, bytes));

  // next: the block after, unless this one was the last.
  b.SetInsertPoint(next);
  i->addIncoming(b.CreateAdd(i, b.getInt64(kBlockBytes)), next);
  NotUnrolled(b.CreateCondBr(b.CreateICmpEQ(s, lastBlock), resume, head));

  // resume: enter the loop at iteration k.
  b.SetInsertPoint(resume);
  llvm::PHINode* k = b.CreatePHI(i64, 4, "mismatch.k");
  k->addIncoming(b.getInt64(0), preheader);
  k->addIncoming(wideFound, wide);
  k->addIncoming(byteIndex, bytes);
  k->addIncoming(backedges, next);
  for (size_t n = 0; n < c.phis.size(); ++n) {
    llvm::PHINode* phi = c.phis[n].first;
    int index = phi->getBasicBlockIndex(preheader);
    llvm::Value* start = phi->getIncomingValue(index);
    llvm::Value* advance = b.CreateMul(steps[n], b.CreateZExtOrTrunc(k, steps[n]->getType()));
    llvm::Value* moved =
        phi->getType()->isPointerTy() ? b.CreateGEP(b.getInt8Ty(), start, advance) : b.CreateAdd(start, advance);
    phi->setIncomingBlock(index, resume);
    phi->setIncomingValue(index, moved);
  }
  b.CreateBr(header);
  c.exit->setMetadata(kDoneMetadata, llvm::MDNode::get(context, {}));

  dt.addNewBlock(head, preheader);
  dt.addNewBlock(wide, head);
  dt.addNewBlock(bytes, head);
  dt.addNewBlock(byteNext, bytes);
  dt.addNewBlock(next, head);
  dt.addNewBlock(resume, preheader);
  dt.changeImmediateDominator(header, resume);
  if (llvm::Loop* parent = loop.getParentLoop())
    for (llvm::BasicBlock* added : {head, wide, bytes, byteNext, next, resume}) parent->addBasicBlockToLoop(added, li);
  se.forgetLoop(&loop);
}

}  // namespace

llvm::PreservedAnalyses MismatchLoopsPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  unsigned done = 0;
  // One loop at a time, each with analyses computed afresh: the blocks added
  // for one loop are in no LoopInfo loop, and ScalarEvolution's answers about
  // values after it would be stale.
  while (done < kMaxLoopsPerFunction) {
    auto& li = analyses.getResult<llvm::LoopAnalysis>(f);
    auto& dt = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
    auto& se = analyses.getResult<llvm::ScalarEvolutionAnalysis>(f);
    std::optional<Candidate> found;
    for (llvm::Loop* loop : li.getLoopsInPreorder()) {
      if ((found = Match(se, dt, *loop))) break;
    }
    if (!found) break;
    Transform(se, dt, li, *found);
    analyses.invalidate(f, llvm::PreservedAnalyses::none());
    ++done;
  }
  return done ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
}

}  // namespace wacc::codegen
