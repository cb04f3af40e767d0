#include "compiler/codegen/AddressWrapVersioning.h"

#include "compiler/codegen/AddressIntegers.h"
#include "compiler/codegen/LoopCopies.h"

#include <optional>
#include <vector>

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

namespace wacc::codegen {

namespace {

// Copying a loop doubles its code: only small loops, a few per function.
constexpr unsigned kMaxLoopInstructions = 400;
constexpr unsigned kMaxLoopsPerFunction = 8;
// Zexts already considered are marked (kWrapVersionedMetadata, both copies)
// so later runs of the pass skip them.

// Pairs of streams whose disjointness one versioned loop may check (as
// LoopAccessAnalysis's own limit on runtime checks, 8).
constexpr unsigned kMaxDisjointPairs = 8;

// `base + index`, zero-extended to address memory: base invariant in the
// loop, index an affine recurrence of it, increasing or decreasing by a
// constant. A pointer induction variable, `zext(p)` with p itself the
// recurrence, has no sum and base 0.
//
// Each i32 stands for an integer as AddressIntegers.h reads it (`p + -2`: a
// negative constant for its signed value); the index in iteration k for
// start + step * k over its start's integer. So zext(base + index) equals
// the integer sum whenever that lies in [0, 2^32). It moves monotonically
// with k, so the check before the loop needs only its two ends (first and
// last iteration) in that range; a decreasing index (memcopy's reversed
// copy `b[n - 1 - i]`, `t` counting down from 0; zlib's slide_hash, `*--p`)
// has its least value at the last iteration, where an increasing one has
// its greatest.
struct WrappingAddress {
  llvm::ZExtInst* zext;
  llvm::BinaryOperator* sum;
  const llvm::SCEV* base;
  const llvm::SCEVAddRecExpr* index;
};

// The recurrence's step, if it is an affine recurrence of `loop` stepping by
// a nonzero constant of at most 2^16 either way from an invariant start.
std::optional<int64_t> RecurrenceStep(llvm::ScalarEvolution& se, const llvm::Loop& loop,
                                      const llvm::SCEVAddRecExpr* index) {
  if (!index || index->getLoop() != &loop || !index->isAffine()) return std::nullopt;
  auto* step = llvm::dyn_cast<llvm::SCEVConstant>(index->getStepRecurrence(se));
  if (!step || step->getAPInt().isZero() || step->getAPInt().abs().ugt(1u << 16)) return std::nullopt;
  if (!se.isLoopInvariant(index->getStart(), &loop)) return std::nullopt;
  return step->getAPInt().getSExtValue();
}

// True when the address's integer may be negative in some iteration: its
// index decreases, or a negative constant is part of it.
bool MayBeNegative(llvm::ScalarEvolution& se, const WrappingAddress& a) {
  return IsNegativeAddressConstant(a.index->getStepRecurrence(se)) || IsNegativeAddressConstant(a.base) ||
         IsNegativeAddressConstant(a.index->getStart());
}

std::optional<WrappingAddress> MatchAddress(llvm::ScalarEvolution& se, const llvm::Loop& loop, llvm::ZExtInst& zext) {
  if (zext.hasNonNeg() || !zext.getSrcTy()->isIntegerTy(32) || zext.getMetadata(kWrapVersionedMetadata)) return std::nullopt;
  auto* sum = llvm::dyn_cast<llvm::BinaryOperator>(zext.getOperand(0));
  if (!sum || sum->getOpcode() != llvm::Instruction::Add || sum->hasNoUnsignedWrap() || !loop.contains(sum))
    return std::nullopt;
  for (unsigned baseOperand : {0u, 1u}) {
    const llvm::SCEV* base = se.getSCEV(sum->getOperand(baseOperand));
    auto* index = llvm::dyn_cast<llvm::SCEVAddRecExpr>(se.getSCEV(sum->getOperand(1 - baseOperand)));
    if (!se.isLoopInvariant(base, &loop) || !RecurrenceStep(se, loop, index)) continue;
    return WrappingAddress{&zext, sum, base, index};
  }
  return std::nullopt;
}

// `zext(p)` addressing memory, p an i32 pointer induction variable (a header
// phi stepping by a constant: clang's shape for loops it unrolled for wasm).
// Only taken in loops versioned for a sum anyway: versioning loops for these
// alone cost more than it saved (bench/NOTES.md, session 6, perfrun).
std::optional<WrappingAddress> MatchPointerInduction(llvm::ScalarEvolution& se, const llvm::Loop& loop,
                                                     llvm::ZExtInst& zext) {
  if (zext.hasNonNeg() || !zext.getSrcTy()->isIntegerTy(32) || zext.getMetadata(kWrapVersionedMetadata)) return std::nullopt;
  auto* index = llvm::dyn_cast<llvm::SCEVAddRecExpr>(se.getSCEV(zext.getOperand(0)));
  if (!RecurrenceStep(se, loop, index) || index->hasNoUnsignedWrap()) return std::nullopt;
  // An address: a GEP's offset, maybe after adding the access's constant
  // offset (compiler/lower/Memory.cpp's effectiveAddress).
  auto isGep = [](const llvm::User* u) { return llvm::isa<llvm::GetElementPtrInst>(u); };
  for (const llvm::User* user : zext.users()) {
    if (isGep(user)) return WrappingAddress{&zext, nullptr, se.getZero(zext.getSrcTy()), index};
    if (auto* add = llvm::dyn_cast<llvm::BinaryOperator>(user);
        add && add->getOpcode() == llvm::Instruction::Add && llvm::any_of(add->users(), isGep))
      return WrappingAddress{&zext, nullptr, se.getZero(zext.getSrcTy()), index};
  }
  return std::nullopt;
}

// Adds `end` to `ends` (the greatest or the least ends of the addresses to
// check) unless an end already there differs from it by a constant; then the
// more extreme of the two stays. Fields of one array of records (pcre2's DFA
// scans `states[j].offset` and `states[j].count`; a struct's fields at 0, 4,
// 8) and a stream's accesses at `p - 4` and `p` are such ends: the greatest
// at most 2^32 - 1 implies every smaller one is, the least at least 0 every
// larger one. The check runs at each entry of the loop, and short loops pay
// for each compare (the DFA's duplicate-state scan: 1.6 iterations an entry).
// Every end is an exact integer below 2^50 in magnitude (EmitNoWrapCheck), so
// the i64 difference SCEV computes is the integers' difference.
void KeepExtreme(llvm::ScalarEvolution& se, std::vector<const llvm::SCEV*>& ends, const llvm::SCEV* end,
                 bool greatest) {
  for (const llvm::SCEV*& kept : ends) {
    auto* difference = llvm::dyn_cast<llvm::SCEVConstant>(se.getMinusSCEV(end, kept));
    if (!difference) continue;
    int64_t beyond = difference->getAPInt().getSExtValue();  // end - kept
    if (greatest ? beyond > 0 : beyond < 0) kept = end;
    return;
  }
  ends.push_back(end);
}

// True when, for every address, the integer sum (see WrappingAddress) at
// its first and at its last iteration, base + start and base + start +
// step * maxTrips, lies in [0, 2^32) (in i64: |step * maxTrips| < 2^49):
// then no sum (nor the index itself) wraps in the loop. Of an increasing
// index over non-negative integers only the last can leave the range, at
// the top. Null when some part cannot be computed before the loop.
llvm::Value* EmitNoWrapCheck(llvm::ScalarEvolution& se, const llvm::SCEV* maxBackedges,
                             const std::vector<WrappingAddress>& addresses, llvm::Instruction* insertBefore) {
  llvm::Type* i64 = llvm::Type::getInt64Ty(insertBefore->getContext());
  const llvm::SCEV* trips = se.getZeroExtendExpr(maxBackedges, i64);
  llvm::SCEVExpander expander(se, "wacc.nowrap");
  // Each address's greatest end, and its least where it may be negative,
  // kept only if no end a constant away is more extreme (KeepExtreme).
  std::vector<const llvm::SCEV*> greatests, leasts;
  for (const WrappingAddress& a : addresses) {
    const llvm::SCEV* first =
        se.getAddExpr(WidenAddressPart(se, a.base, i64), WidenAddressPart(se, a.index->getStart(), i64));
    const llvm::SCEV* step = se.getSignExtendExpr(a.index->getStepRecurrence(se), i64);
    const llvm::SCEV* last = se.getAddExpr(first, se.getMulExpr(step, trips));
    bool increasing = se.isKnownPositive(step);
    const llvm::SCEV* least = MayBeNegative(se, a) ? (increasing ? first : last) : nullptr;
    const llvm::SCEV* greatest = increasing ? last : first;
    if (!expander.isSafeToExpandAt(greatest, insertBefore) || (least && !expander.isSafeToExpandAt(least, insertBefore)))
      return nullptr;
    KeepExtreme(se, greatests, greatest, /*greatest=*/true);
    if (least) KeepExtreme(se, leasts, least, /*greatest=*/false);
  }
  llvm::IRBuilder<> b(insertBefore);
  llvm::Value* ok = nullptr;
  for (const llvm::SCEV* greatest : greatests)
    ok = EmitExactAddressCheck(b, ok, expander.expandCodeFor(greatest, i64, insertBefore), nullptr);
  for (const llvm::SCEV* least : leasts)
    ok = EmitExactAddressCheck(b, ok, nullptr, expander.expandCodeFor(least, i64, insertBefore));
  return ok;
}

// In the no-wrap copy, each address becomes 64-bit arithmetic over the
// integers of WrappingAddress: base + {start,+,step}, the exact value of
// zext(base + index) in every iteration the check admits (in [0, 2^32):
// no signed wrap, and no unsigned one unless a part may be negative). The
// `nuw` flag on the copied sum alone did not last: the first reassociation (`p + (4*i + 32)` into
// `(p + 32) + 4*i`) drops it, and then both copies compiled to the same
// 32-bit `lea` per access. In 64 bits the invariant part folds into one
// hoisted pointer and the rest into the addressing mode, as in native code.
void WidenAddresses(llvm::ScalarEvolution& se, llvm::Loop& copy, const std::vector<WrappingAddress>& addresses,
                    llvm::ValueToValueMapTy& vmap) {
  llvm::SCEVExpander expander(se, "wacc.wide");
  expander.disableCanonicalMode();  // one 64-bit recurrence per stream; LSR merges them
  for (const WrappingAddress& a : addresses) {
    auto* zext = llvm::cast<llvm::ZExtInst>(vmap[a.zext]);
    llvm::Type* i64 = zext->getType();
    llvm::SCEV::NoWrapFlags flags = MayBeNegative(se, a) ? llvm::SCEV::FlagNSW : llvm::SCEV::FlagNUW;
    const llvm::SCEV* index =
        se.getAddRecExpr(WidenAddressPart(se, a.index->getStart(), i64),
                         se.getSignExtendExpr(a.index->getStepRecurrence(se), i64), &copy, flags);
    const llvm::SCEV* wide = se.getAddExpr(WidenAddressPart(se, a.base, i64), index, flags);
    if (!expander.isSafeToExpandAt(wide, zext)) continue;
    llvm::Value* value = expander.expandCodeFor(wide, i64, zext);
    zext->replaceAllUsesWith(value);
    zext->eraseFromParent();
  }
}

// One memory access of a no-wrap copy: its offset from its object (the
// memory base) is start + step * iteration, start invariant (step 0: the
// same address in every iteration; negative: a decreasing one).
struct Access {
  llvm::Instruction* inst;
  const llvm::Value* object;
  const llvm::SCEV* start;
  int64_t step;
  int64_t size;
  bool write;
};

// Accesses of one object with one step whose starts differ by constants:
// one stream, e.g. c[j] and c[j+1] of a loop clang unrolled twice. Over the
// loop it spans [start + lowest, start + end + step * backedges).
struct Stream {
  const llvm::Value* object;
  const llvm::SCEV* start;
  int64_t step;
  int64_t lowest, end;
  bool write;
  std::vector<llvm::Instruction*> members;
  std::vector<size_t> disjointFrom;  // streams the check proves apart from this one
};

// What an access's pointer base stands for, the same in every iteration:
// an invariant value, or the global a memory base is loaded from (the
// translation loads it where it is used, `!invariant.load`, and it may
// still be inside the loop here). Null for anything else.
const llvm::Value* MemoryObject(llvm::ScalarEvolution& se, const llvm::Loop& loop, const llvm::SCEV* base) {
  auto* unknown = llvm::dyn_cast<llvm::SCEVUnknown>(base);
  if (!unknown) return nullptr;
  if (se.isLoopInvariant(base, &loop)) return unknown->getValue();
  auto* load = llvm::dyn_cast<llvm::LoadInst>(unknown->getValue());
  if (!load || !load->hasMetadata(llvm::LLVMContext::MD_invariant_load) ||
      !loop.isLoopInvariant(load->getPointerOperand()))
    return nullptr;
  return load->getPointerOperand();
}

// The loop's memory accesses as streams, or nothing when some access is
// not a simple load or store of an affine address, or something else in
// the loop touches memory (a call): then no claim can be made.
std::optional<std::vector<Stream>> FindStreams(llvm::ScalarEvolution& se, const llvm::Loop& loop) {
  const llvm::DataLayout& dl = loop.getHeader()->getDataLayout();
  std::vector<Stream> streams;
  for (llvm::BasicBlock* block : loop.blocks())
    for (llvm::Instruction& inst : *block) {
      if (!inst.mayReadOrWriteMemory()) continue;
      auto* load = llvm::dyn_cast<llvm::LoadInst>(&inst);
      auto* store = llvm::dyn_cast<llvm::StoreInst>(&inst);
      if (!(load && load->isSimple()) && !(store && store->isSimple())) return std::nullopt;
      llvm::Type* type = load ? load->getType() : store->getValueOperand()->getType();
      llvm::TypeSize size = dl.getTypeStoreSize(type);
      if (size.isScalable()) return std::nullopt;
      const llvm::SCEV* address = se.getSCEV(llvm::getLoadStorePointerOperand(&inst));
      const llvm::Value* object = MemoryObject(se, loop, se.getPointerBase(address));
      if (!object) return std::nullopt;
      const llvm::SCEV* offset = se.removePointerBase(address);
      Access access{&inst, object, offset, 0, int64_t(size.getFixedValue()), store != nullptr};
      if (!se.isLoopInvariant(offset, &loop)) {
        auto* recurrence = llvm::dyn_cast<llvm::SCEVAddRecExpr>(offset);
        std::optional<int64_t> step = RecurrenceStep(se, loop, recurrence);
        if (!step) return std::nullopt;
        access.start = recurrence->getStart();
        access.step = *step;
      }
      bool joined = false;
      for (Stream& stream : streams) {
        if (stream.object != object || stream.step != access.step) continue;
        auto* distance = llvm::dyn_cast<llvm::SCEVConstant>(se.getMinusSCEV(access.start, stream.start));
        if (!distance || distance->getAPInt().getSignificantBits() > 32) continue;
        int64_t d = distance->getAPInt().getSExtValue();
        stream.lowest = std::min(stream.lowest, d);
        stream.end = std::max(stream.end, d + access.size);
        stream.write |= access.write;
        stream.members.push_back(&inst);
        joined = true;
        break;
      }
      if (!joined)
        streams.push_back(Stream{object, access.start, access.step, 0, access.size, access.write, {&inst}, {}});
    }
  return streams;
}

// True when each pair of streams of one object, one of them written, is
// apart over the whole loop (at most `maxBackedges` + 1 iterations, in
// 64 bits: the offsets are below 2^33 and the steps below 2^17). Null when
// there is no such pair, too many, or a bound cannot be computed here.
llvm::Value* EmitDisjointCheck(llvm::ScalarEvolution& se, const llvm::SCEV* maxBackedges,
                               std::vector<Stream>& streams, llvm::Instruction* insertBefore) {
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i < streams.size(); ++i)
    for (size_t j = i + 1; j < streams.size(); ++j)
      if (streams[i].object == streams[j].object && (streams[i].write || streams[j].write)) pairs.emplace_back(i, j);
  if (pairs.empty() || pairs.size() > kMaxDisjointPairs) return nullptr;
  if (maxBackedges->getType()->getIntegerBitWidth() > 32) return nullptr;
  llvm::Type* i64 = llvm::Type::getInt64Ty(insertBefore->getContext());
  const llvm::SCEV* trips = se.getZeroExtendExpr(maxBackedges, i64);
  llvm::SCEVExpander expander(se, "wacc.disjoint");
  std::vector<std::pair<const llvm::SCEV*, const llvm::SCEV*>> bounds;
  for (const Stream& s : streams) {
    const llvm::SCEV* start = se.getNoopOrZeroExtend(s.start, i64);
    // A decreasing stream (memcopy's `b[n - 1 - i]`) travels below its start.
    const llvm::SCEV* travel = se.getMulExpr(se.getConstant(i64, s.step, /*isSigned=*/true), trips);
    llvm::SmallVector<const llvm::SCEV*, 3> lowParts = {start, se.getConstant(i64, s.lowest, /*isSigned=*/true)};
    llvm::SmallVector<const llvm::SCEV*, 3> highParts = {start, se.getConstant(i64, s.end, /*isSigned=*/true)};
    (s.step < 0 ? lowParts : highParts).push_back(travel);
    const llvm::SCEV* low = se.getAddExpr(lowParts);
    const llvm::SCEV* high = se.getAddExpr(highParts);
    if (!expander.isSafeToExpandAt(low, insertBefore) || !expander.isSafeToExpandAt(high, insertBefore))
      return nullptr;
    bounds.emplace_back(low, high);
  }
  llvm::IRBuilder<> b(insertBefore);
  std::vector<llvm::Value*> lows, highs;
  for (auto [low, high] : bounds) {
    lows.push_back(expander.expandCodeFor(low, i64, insertBefore));
    highs.push_back(expander.expandCodeFor(high, i64, insertBefore));
  }
  llvm::Value* ok = nullptr;
  for (auto [i, j] : pairs) {
    llvm::Value* apart = b.CreateOr(b.CreateICmpULE(highs[i], lows[j]), b.CreateICmpULE(highs[j], lows[i]));
    ok = ok ? b.CreateAnd(ok, apart) : apart;
    streams[i].disjointFrom.push_back(j);
    streams[j].disjointFrom.push_back(i);
  }
  return ok;
}

// LoopAccessAnalysis sees every address of wasm memory based on one object,
// the memory base, so it cannot tell streams with different invariant
// starts apart (b[k*n+j] from c[i*n+j]); its fallback, a runtime check of
// every pointer against every other, checks c[j] against c[j+1] of an
// unrolled loop, which always overlap, and the vector loop never runs. So
// the no-wrap copy `copy` is versioned again: when its streams are apart
// (checked before it, in 64 bits), a third copy runs whose accesses say so
// (a scope per stream, !noalias the streams checked apart from it), and
// LoopAccessAnalysis needs no runtime check between them.
bool VersionOnDisjointStreams(llvm::Function& f, llvm::Loop& copy, const llvm::SCEV* maxBackedges,
                              llvm::LoopInfo& li, llvm::DominatorTree& dt, llvm::ScalarEvolution& se) {
  std::optional<std::vector<Stream>> streams = FindStreams(se, copy);
  llvm::BasicBlock* checkBlock = copy.getLoopPreheader();
  if (!streams || !checkBlock) return false;
  llvm::Value* ok = EmitDisjointCheck(se, maxBackedges, *streams, checkBlock->getTerminator());
  if (!ok) return false;
  llvm::ValueToValueMapTy vmap;
  CloneLoopBehindCheck(copy, checkBlock, ok, ".disjoint", li, dt, vmap);
  // For UnusedDisjointCopiesPass, which removes the copy if the vectoriser
  // does not take it.
  checkBlock->getTerminator()->setMetadata(kDisjointCheckMetadata, llvm::MDNode::get(f.getContext(), {}));
  llvm::MDBuilder md(f.getContext());
  llvm::MDNode* domain = md.createAnonymousAliasScopeDomain(kDisjointStreamsDomain);
  std::vector<llvm::MDNode*> scopes;
  for (size_t i = 0; i < streams->size(); ++i) scopes.push_back(md.createAnonymousAliasScope(domain));
  for (size_t i = 0; i < streams->size(); ++i) {
    const Stream& stream = (*streams)[i];
    if (stream.disjointFrom.empty()) continue;
    llvm::SmallVector<llvm::Metadata*, 8> apart;
    for (size_t j : stream.disjointFrom) apart.push_back(scopes[j]);
    llvm::MDNode* scope = llvm::MDNode::get(f.getContext(), {scopes[i]});
    llvm::MDNode* noalias = llvm::MDNode::get(f.getContext(), apart);
    for (llvm::Instruction* member : stream.members) {
      auto* inst = llvm::cast<llvm::Instruction>(vmap[member]);
      inst->setMetadata(llvm::LLVMContext::MD_alias_scope,
                        llvm::MDNode::concatenate(inst->getMetadata(llvm::LLVMContext::MD_alias_scope), scope));
      inst->setMetadata(llvm::LLVMContext::MD_noalias,
                        llvm::MDNode::concatenate(inst->getMetadata(llvm::LLVMContext::MD_noalias), noalias));
    }
  }
  return true;
}

// Versions `loop` on the no-wrap check of `addresses`; false if it cannot.
// `changed` is set when the IR changed, versioned or not (the loop may have
// been put into simplified and LCSSA form first).
bool VersionLoop(llvm::Function& f, llvm::Loop& loop, const std::vector<WrappingAddress>& addresses, llvm::LoopInfo& li,
                 llvm::DominatorTree& dt, llvm::ScalarEvolution& se, llvm::AssumptionCache& ac, bool& changed) {
  const llvm::SCEV* maxBackedges = se.getSymbolicMaxBackedgeTakenCount(&loop);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(maxBackedges)) return false;
  changed |= llvm::simplifyLoop(&loop, &dt, &li, &se, &ac, nullptr, /*PreserveLCSSA=*/false);
  changed |= llvm::formLCSSA(loop, dt, &li, &se);
  llvm::BasicBlock* checkBlock = loop.getLoopPreheader();
  if (!checkBlock || !loop.hasDedicatedExits()) return false;
  llvm::Value* ok = EmitNoWrapCheck(se, maxBackedges, addresses, checkBlock->getTerminator());
  if (!ok) return false;
  llvm::ValueToValueMapTy vmap;
  CloneLoopBehindCheck(loop, checkBlock, ok, ".nowrap", li, dt, vmap);
  for (const WrappingAddress& a : addresses)
    if (a.sum && !MayBeNegative(se, a))  // (`p + -2` wraps as an unsigned i32 sum: no flag)
      llvm::cast<llvm::BinaryOperator>(vmap[a.sum])->setHasNoUnsignedWrap(true);
  dt.recalculate(f);
  se.forgetLoop(&loop);
  llvm::Loop& copy = *li.getLoopFor(llvm::cast<llvm::BasicBlock>(vmap[loop.getHeader()]));
  WidenAddresses(se, copy, addresses, vmap);
  if (VersionOnDisjointStreams(f, copy, maxBackedges, li, dt, se)) {
    dt.recalculate(f);
    se.forgetLoop(&copy);
  }
  changed = true;
  return true;
}

}  // namespace

llvm::PreservedAnalyses AddressWrapVersioningPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  auto& li = analyses.getResult<llvm::LoopAnalysis>(f);
  auto& dt = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
  auto& se = analyses.getResult<llvm::ScalarEvolutionAnalysis>(f);
  auto& ac = analyses.getResult<llvm::AssumptionAnalysis>(f);
  std::vector<llvm::Loop*> innermost = InnermostLoops(li);
  unsigned versioned = 0;
  bool changed = false;
  llvm::MDNode* done = llvm::MDNode::get(f.getContext(), {});
  for (llvm::Loop* loop : innermost) {
    if (versioned == kMaxLoopsPerFunction) break;
    size_t size = 0;
    std::vector<WrappingAddress> addresses, pointers;
    for (llvm::BasicBlock* block : loop->blocks())
      for (llvm::Instruction& inst : *block) {
        ++size;
        if (auto* zext = llvm::dyn_cast<llvm::ZExtInst>(&inst)) {
          if (auto address = MatchAddress(se, *loop, *zext)) {
            addresses.push_back(*address);
            zext->setMetadata(kWrapVersionedMetadata, done);  // both copies: never again
          } else if (auto pointer = MatchPointerInduction(se, *loop, *zext)) {
            pointers.push_back(*pointer);
          }
        }
      }
    if (addresses.empty() || size > kMaxLoopInstructions) continue;
    for (const WrappingAddress& p : pointers) p.zext->setMetadata(kWrapVersionedMetadata, done);
    addresses.insert(addresses.end(), pointers.begin(), pointers.end());
    if (VersionLoop(f, *loop, addresses, li, dt, se, ac, changed)) ++versioned;
  }
  return changed ? PreservedAfterLoopCopies() : llvm::PreservedAnalyses::all();
}

}  // namespace wacc::codegen
