// How AddressRangeVersioningPass proves an address does not wrap.
//
// A wasm address is an i32 sum, zero-extended and added to the memory base:
// `membase + zext(E)`. Native code computes the same address in 64 bits, so
// the invariant parts of E (an array's start) fold into a pointer hoisted out
// of the loop and only the varying part is added per access. wacc may do the
// same only where the i32 arithmetic of E provably never wraps.
//
// E is taken apart as a tree of add (and `or disjoint`), shl by a constant
// and mul by a positive constant over leaves of two kinds:
//   - exact leaves: values invariant in the loop (their value is known before
//     it starts);
//   - bounded leaves: values that vary, with an upper bound that does not: `x
//     & m` (at most m), a value a dominating branch proved `<= r` or `< r`
//     (at most r), or one whose known bits leave a constant maximum.
// Each leaf stands for an integer as AddressIntegers.h reads it (a negative
// constant for its signed value), so the tree evaluated over those integers
// in unbounded arithmetic, U, is congruent to E mod 2^32, and zext(E) == U
// exactly when 0 <= U < 2^32.
// The coefficients are positive, so U is least with every bounded leaf at 0
// and greatest with each at its bound: if those two evaluations lie in
// [0, 2^32), zext(E) equals the same tree computed in i64 over the leaves'
// integers in every iteration. (The least value, bounded leaves at 0, is
// the sum of the exact leaves: the invariant part hoisted as a pointer is
// in [0, 2^32) too.)
//
// When both ends are constants the rewrite is made in place. When an end
// needs run-time values (an array's start, a mask loaded from memory), the
// innermost loop in which all of them are invariant is versioned: its
// preheader evaluates each such tree at the bounds in i64 and compares the
// greatest with 2^32 - 1 and, when a negative constant may make it so, the
// least with 0; the copy that runs when every check holds has its addresses
// rewritten into i64, the original runs otherwise and wraps as wasm says.
// The rewrite is done at versioning time, not left to flags: a `nuw` on the
// i32 sum is dropped by the first reassociation (bench/NOTES.md, session 6).
//
// A copy pays only where a widened access loses its 32-bit add. An address
// whose sum (or a partial sum) the loop also uses elsewhere keeps that add,
// and its 64-bit pointer is one more live register: such addresses are left
// alone, and a loop with nothing else to gain is not copied.
#include "compiler/codegen/AddressRangeVersioning.h"

#include "compiler/codegen/AddressIntegers.h"
#include "compiler/codegen/LoopCopies.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/bit.h"
#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/KnownBits.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

namespace wacc::codegen {

namespace {

// -mllvm -wacc-range-versioning=0: for A/B measurements.
llvm::cl::opt<bool> gEnabled("wacc-range-versioning", llvm::cl::init(true), llvm::cl::Hidden,
                             llvm::cl::desc("version loops on the range of their addresses"));

// A copy of an outer loop copies its inner loops too: small loop nests only.
constexpr unsigned kMaxLoopInstructions = 600;
// Every copy is optimised again by the rest of the pipeline: with 8 loops a
// function brotli's compile took 80% more CPU (8.2 -> 15 s) for 7.9% fewer
// instructions at run time; with 4, 31% more for 5.5% fewer (bench/NOTES.md).
constexpr unsigned kMaxLoopsPerFunction = 4;
// Address trees are shallow (`base + ((i & m) + k) * 4`).
constexpr unsigned kMaxDepth = 6;
// Dominating blocks searched for a branch that bounds a value.
constexpr unsigned kMaxDominators = 32;
// The tree's value, at its bounds, must be computable in i64 without
// overflow; trees whose bit-width estimate exceeds this are not taken.
constexpr unsigned kMaxBits = 62;
constexpr uint64_t kMax32 = 0xffffffffu;
// A bound from known bits alone is taken below this (a byte, a halfword, a
// small mask: `x & 0xffff`); larger ones would make the check fail.
constexpr uint64_t kMaxKnownBitsBound = uint64_t(1) << 24;
// Marks zexts already considered (in both copies), so later runs skip them.
constexpr const char* kDoneMetadata = "wacc.range-versioned";
// Zexts with AddressWrapVersioningPass's mark (kWrapVersionedMetadata) are
// skipped: affine addresses of innermost loops are its to version (on a trip
// count); versioning its wrapping copy again here would only grow code.

// A node of an address tree.
struct Term {
  enum Kind { kExact, kBounded, kAdd, kShl, kMul } kind;
  llvm::Value* value;                          // the i32 this node computes
  llvm::Value* bound = nullptr;                // kExact: itself; kBounded: an i32 invariant in the loop, value <= bound
  std::optional<int64_t> max = std::nullopt;   // a constant upper bound of the leaf's integer, if known
  int64_t min = 0;                             // a constant lower bound of it (a constant leaf: itself)
  unsigned operands[2] = {0, 0};               // kAdd: both; kShl, kMul: the first
  uint64_t amount = 0;                         // kShl: the shift; kMul: the factor
  unsigned bits = 32;                          // |the tree's unbounded value| at any bounds is below 2^bits
};

// `zext(E)`, E taken apart (terms.back() is the root).
struct Address {
  llvm::ZExtInst* zext;
  std::vector<Term> terms;
  bool checkMax = false;  // the greatest value is known only at run time
  bool checkMin = false;  // the least may be negative (a negative constant), known only at run time
  bool needsCheck() const { return checkMax || checkMin; }
};

// `v` through single-incoming phis (LCSSA's, and loop simplification's):
// the same value, under another name.
llvm::Value* StripCopies(llvm::Value* v) {
  for (unsigned i = 0; i < 8; ++i) {
    auto* phi = llvm::dyn_cast<llvm::PHINode>(v);
    if (!phi || phi->getNumIncomingValues() != 1) break;
    v = phi->getIncomingValue(0);
  }
  return v;
}

bool IsInvariant(const llvm::Loop& loop, llvm::Value* v) {
  auto* inst = llvm::dyn_cast<llvm::Instruction>(v);
  return !inst || !loop.contains(inst);
}

// Only addresses (a zext indexing the memory base) are worth a copy.
bool IsAddress(const llvm::ZExtInst& zext) {
  for (const llvm::User* user : zext.users())
    if (auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(user))
      if (gep->getNumIndices() == 1 && gep->getOperand(1) == &zext) return true;
  return false;
}

// Takes the i32 expression under one zext apart, relative to one loop.
class TreeBuilder {
 public:
  TreeBuilder(const llvm::DominatorTree& dt, const llvm::DataLayout& dl, llvm::AssumptionCache& ac,
              const llvm::Loop& loop, llvm::Instruction& at)
      : dt_(dt), dl_(dl), ac_(ac), loop_(loop), at_(at) {}

  // The index of the node for `v` in `terms`, or nullopt.
  std::optional<unsigned> build(llvm::Value* v, unsigned depth) {
    if (!v->getType()->isIntegerTy(32) || depth > kMaxDepth) return std::nullopt;
    if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(v)) {
      int64_t value = AddressConstant(c->getValue());
      Term t{Term::kExact, v, v, value, value};
      t.bits = std::max(1u, unsigned(llvm::bit_width(uint64_t(value < 0 ? -value : value))));
      return add(t);
    }
    if (IsInvariant(loop_, v)) return add(Term{Term::kExact, v, v, constantMax(v)});
    // The root itself bounded gains nothing: zext(x) is already one value.
    if (depth > 0)
      if (llvm::Value* bound = boundOf(v)) {
        varies_ = true;
        auto* c = llvm::dyn_cast<llvm::ConstantInt>(bound);
        return add(Term{Term::kBounded, v, bound, c ? std::optional<int64_t>(c->getZExtValue()) : std::nullopt});
      }
    size_t before = terms.size();
    if (std::optional<unsigned> node = operation(v, depth)) return node;
    terms.resize(before);
    // Known bits last: they bound anything (`x << 2` is at most 2^32 - 4),
    // but only a small bound leaves a check that can pass.
    if (depth > 0)
      if (std::optional<int64_t> max = constantMax(v); max && *max < int64_t(kMaxKnownBitsBound)) {
        varies_ = true;
        return add(Term{Term::kBounded, v, nullptr, max});
      }
    return std::nullopt;
  }

  bool varies() const { return varies_; }
  std::vector<Term> terms;

 private:
  // `v` as an operation of the tree over its operands' nodes.
  std::optional<unsigned> operation(llvm::Value* v, unsigned depth) {
    auto* op = llvm::dyn_cast<llvm::BinaryOperator>(v);
    if (!op) return std::nullopt;
    switch (op->getOpcode()) {
      case llvm::Instruction::Or:
        if (!llvm::cast<llvm::PossiblyDisjointInst>(op)->isDisjoint()) return std::nullopt;
        [[fallthrough]];
      case llvm::Instruction::Add: {
        std::optional<unsigned> lhs = build(op->getOperand(0), depth + 1);
        if (!lhs) return std::nullopt;
        std::optional<unsigned> rhs = build(op->getOperand(1), depth + 1);
        if (!rhs) return std::nullopt;
        Term t{Term::kAdd, v};
        t.operands[0] = *lhs;
        t.operands[1] = *rhs;
        t.bits = std::max(terms[*lhs].bits, terms[*rhs].bits) + 1;
        return add(t);
      }
      case llvm::Instruction::Shl:
      case llvm::Instruction::Mul: {
        bool shift = op->getOpcode() == llvm::Instruction::Shl;
        auto* amount = llvm::dyn_cast<llvm::ConstantInt>(op->getOperand(1));
        llvm::Value* operand = op->getOperand(0);
        if (!amount && !shift) {
          amount = llvm::dyn_cast<llvm::ConstantInt>(op->getOperand(0));
          operand = op->getOperand(1);
        }
        // A zero factor would make the product smaller than its operand.
        if (!amount || amount->isZero() || amount->getZExtValue() > (shift ? 16u : 0xffffu)) return std::nullopt;
        std::optional<unsigned> inner = build(operand, depth + 1);
        if (!inner) return std::nullopt;
        Term t{shift ? Term::kShl : Term::kMul, v};
        t.operands[0] = *inner;
        t.amount = amount->getZExtValue();
        t.bits = terms[*inner].bits + (shift ? unsigned(t.amount) : unsigned(llvm::bit_width(t.amount)));
        return add(t);
      }
      default: return std::nullopt;
    }
  }

  unsigned add(const Term& t) {
    terms.push_back(t);
    return unsigned(terms.size() - 1);
  }

  // A constant upper bound from known bits, if it says anything.
  std::optional<int64_t> constantMax(llvm::Value* v) {
    llvm::KnownBits known = llvm::computeKnownBits(v, dl_, &ac_, &at_, &dt_);
    uint64_t max = known.getMaxValue().getZExtValue();
    if (max == kMax32) return std::nullopt;
    return int64_t(max);
  }

  // An i32 invariant in the loop that `v` never exceeds where `at_` is.
  llvm::Value* boundOf(llvm::Value* v) {
    using namespace llvm::PatternMatch;
    llvm::Value *x, *m;
    if (match(StripCopies(v), m_And(m_Value(x), m_Value(m)))) {
      if (IsInvariant(loop_, m) && !llvm::isa<llvm::Constant>(m)) return m;
      if (IsInvariant(loop_, x) && !llvm::isa<llvm::Constant>(x)) return x;
    }
    return dominatingBound(v);
  }

  // Walks up the dominators of `at_`: a conditional branch whose taken edge
  // dominates it and whose condition says `v <= r` or `v < r`.
  llvm::Value* dominatingBound(llvm::Value* v) {
    llvm::DomTreeNode* node = dt_.getNode(at_.getParent());
    for (unsigned steps = 0; node && node->getIDom() && steps < kMaxDominators; ++steps, node = node->getIDom()) {
      llvm::BasicBlock* block = node->getBlock();
      llvm::BasicBlock* from = node->getIDom()->getBlock();
      auto* branch = llvm::dyn_cast<llvm::BranchInst>(from->getTerminator());
      if (!branch || !branch->isConditional() || branch->getSuccessor(0) == branch->getSuccessor(1)) continue;
      bool taken = branch->getSuccessor(0) == block;
      if (!taken && branch->getSuccessor(1) != block) continue;
      if (!dt_.dominates(llvm::BasicBlockEdge(from, block), block)) continue;
      if (llvm::Value* bound = boundFromCondition(branch->getCondition(), taken, v, 0)) return bound;
    }
    return nullptr;
  }

  llvm::Value* boundFromCondition(llvm::Value* condition, bool holds, llvm::Value* v, unsigned depth) {
    using namespace llvm::PatternMatch;
    if (depth > 3) return nullptr;
    if (auto* compare = llvm::dyn_cast<llvm::ICmpInst>(condition)) {
      llvm::CmpInst::Predicate predicate = holds ? compare->getPredicate() : compare->getInversePredicate();
      llvm::Value* lhs = compare->getOperand(0);
      llvm::Value* rhs = compare->getOperand(1);
      llvm::Value* same = StripCopies(v);
      if (StripCopies(rhs) == same) {
        std::swap(lhs, rhs);
        predicate = llvm::CmpInst::getSwappedPredicate(predicate);
      }
      if (StripCopies(lhs) != same || !rhs->getType()->isIntegerTy(32) || !IsInvariant(loop_, rhs)) return nullptr;
      if (predicate == llvm::CmpInst::ICMP_ULE || predicate == llvm::CmpInst::ICMP_ULT) return rhs;
      return nullptr;
    }
    llvm::Value *a, *b;
    if ((holds && match(condition, m_LogicalAnd(m_Value(a), m_Value(b)))) ||
        (!holds && match(condition, m_LogicalOr(m_Value(a), m_Value(b))))) {
      if (llvm::Value* bound = boundFromCondition(a, holds, v, depth + 1)) return bound;
      return boundFromCondition(b, holds, v, depth + 1);
    }
    return nullptr;
  }

  const llvm::DominatorTree& dt_;
  const llvm::DataLayout& dl_;
  llvm::AssumptionCache& ac_;
  const llvm::Loop& loop_;
  llvm::Instruction& at_;
  bool varies_ = false;
};

// The factor a kShl or kMul node multiplies its operand by.
int64_t Factor(const Term& t) { return t.kind == Term::kShl ? int64_t(1) << t.amount : int64_t(t.amount); }

// The tree's maximum from constants alone, if every leaf has one (the
// factors are positive: the maximum of a sum is the sum of the maxima).
std::optional<int64_t> ConstantMax(const std::vector<Term>& terms, unsigned node) {
  const Term& t = terms[node];
  switch (t.kind) {
    case Term::kExact:
    case Term::kBounded: return t.max;
    case Term::kAdd: {
      std::optional<int64_t> lhs = ConstantMax(terms, t.operands[0]);
      std::optional<int64_t> rhs = lhs ? ConstantMax(terms, t.operands[1]) : std::nullopt;
      if (!rhs) return std::nullopt;
      return *lhs + *rhs;  // t.bits <= kMaxBits: no overflow
    }
    case Term::kShl:
    case Term::kMul: {
      std::optional<int64_t> inner = ConstantMax(terms, t.operands[0]);
      if (!inner) return std::nullopt;
      return *inner * Factor(t);
    }
  }
  return std::nullopt;
}

// A constant lower bound of the tree, every leaf at its own.
int64_t ConstantMin(const std::vector<Term>& terms, unsigned node) {
  const Term& t = terms[node];
  switch (t.kind) {
    case Term::kExact:
    case Term::kBounded: return t.min;
    case Term::kAdd: return ConstantMin(terms, t.operands[0]) + ConstantMin(terms, t.operands[1]);
    case Term::kShl:
    case Term::kMul: return ConstantMin(terms, t.operands[0]) * Factor(t);
  }
  return 0;
}

bool IsConstantLeaf(const Term& t) { return t.kind == Term::kExact && llvm::isa<llvm::ConstantInt>(t.value); }

// Matches zext(E) against `loop`: nullopt unless E is a tree of the kinds
// above with a varying leaf whose value at the bounds may fit in 32 bits.
std::optional<Address> MatchAddress(const llvm::DominatorTree& dt, const llvm::DataLayout& dl,
                                    llvm::AssumptionCache& ac, const llvm::Loop& loop, llvm::ZExtInst& zext) {
  TreeBuilder builder(dt, dl, ac, loop, zext);
  std::optional<unsigned> root = builder.build(zext.getOperand(0), 0);
  if (!root || !builder.varies() || builder.terms.back().bits > kMaxBits) return std::nullopt;
  Address address{&zext, std::move(builder.terms)};
  std::optional<int64_t> max = ConstantMax(address.terms, *root);
  if (max && *max > int64_t(kMax32)) return std::nullopt;  // it may wrap: nothing to check at run time
  address.checkMax = !max;
  // The least value is the exact leaves' sum; below zero only through a
  // negative constant, and then known only when some exact leaf is not.
  if (ConstantMin(address.terms, *root) < 0) {
    if (llvm::all_of(address.terms, [](const Term& t) { return t.kind != Term::kExact || IsConstantLeaf(t); }))
      return std::nullopt;  // it does wrap, below zero
    address.checkMin = true;
  }
  return address;
}

// The tree is linear in its leaves: sum of coefficient * leaf.
void Linearize(const std::vector<Term>& terms, unsigned node, uint64_t coefficient,
               std::vector<std::pair<unsigned, uint64_t>>& out) {
  const Term& t = terms[node];
  switch (t.kind) {
    case Term::kExact:
    case Term::kBounded: out.emplace_back(node, coefficient); return;
    case Term::kAdd:
      Linearize(terms, t.operands[0], coefficient, out);
      Linearize(terms, t.operands[1], coefficient, out);
      return;
    case Term::kShl: Linearize(terms, t.operands[0], coefficient << t.amount, out); return;
    case Term::kMul: Linearize(terms, t.operands[0], coefficient * t.amount, out); return;
  }
}

// What a leaf is at some point: an i32 whose unsigned value is the leaf's
// integer, or (value null) the constant `constant`.
struct WideLeaf {
  llvm::Value* value;
  int64_t constant = 0;
};

// A constant leaf as itself, any other leaf as `value`.
WideLeaf LeafOrConstant(const Term& t, llvm::Value* value) {
  if (IsConstantLeaf(t)) return {nullptr, t.min};
  return {value};
}

// The address's value in i64 at `b`'s insertion point, each leaf replaced by
// `leaf(term)`, in two parts: the sum of the exact leaves and that of the
// varying ones (either null if empty). The constants of a part are summed
// into one, added last: the rest is non-negative (no unsigned wrap), that
// constant may not be.
std::pair<llvm::Value*, llvm::Value*> EmitWide(llvm::IRBuilder<>& b, const Address& address,
                                               llvm::function_ref<WideLeaf(const Term&)> leaf) {
  std::vector<std::pair<unsigned, uint64_t>> linear;
  Linearize(address.terms, unsigned(address.terms.size() - 1), 1, linear);
  llvm::Value* parts[2] = {nullptr, nullptr};
  int64_t constants[2] = {0, 0};
  bool hasConstant[2] = {false, false};
  for (auto [node, coefficient] : linear) {
    const Term& t = address.terms[node];
    unsigned index = t.kind == Term::kExact ? 0 : 1;
    WideLeaf w = leaf(t);
    if (!w.value) {
      constants[index] += int64_t(coefficient) * w.constant;  // t.bits <= kMaxBits: no overflow
      hasConstant[index] = true;
      continue;
    }
    llvm::Value*& part = parts[index];
    llvm::Value* wide = b.CreateZExt(w.value, b.getInt64Ty());
    if (auto* zext = llvm::dyn_cast<llvm::ZExtInst>(wide))  // not an address to take apart again
      zext->setMetadata(kDoneMetadata, llvm::MDNode::get(zext->getContext(), {}));
    if (coefficient != 1)
      wide = llvm::has_single_bit(coefficient)
                 ? b.CreateShl(wide, llvm::countr_zero(coefficient), "", /*HasNUW=*/true, /*HasNSW=*/true)
                 : b.CreateMul(wide, b.getInt64(coefficient), "", true, true);
    part = part ? b.CreateAdd(part, wide, "", true, true) : wide;
  }
  for (unsigned index : {0u, 1u}) {
    if (!hasConstant[index] || (parts[index] && constants[index] == 0)) continue;
    llvm::Value* constant = b.getInt64(uint64_t(constants[index]));
    parts[index] = parts[index] ? b.CreateAdd(parts[index], constant, "", /*HasNUW=*/constants[index] >= 0, true)
                                : constant;
  }
  return {parts[0], parts[1]};
}

// The sum of both parts; `signedExact` when the exact part may be negative
// (a range check's operand: the copy's are not).
llvm::Value* EmitWideSum(llvm::IRBuilder<>& b, const Address& address,
                         llvm::function_ref<WideLeaf(const Term&)> leaf, bool signedExact = false) {
  auto [exact, varying] = EmitWide(b, address, leaf);
  if (!exact || !varying) return exact ? exact : varying;
  return b.CreateAdd(exact, varying, "", /*HasNUW=*/!signedExact, /*HasNSW=*/true);
}

// Replaces `zext` (a copy of address.zext under `vmap`, or itself) with the
// same value computed in i64. Where it indexes the memory base, the exact
// part goes into a GEP of its own, `(base + p + 4*k) + 4*(i & m)`: as one
// sum, reassociation would factor it back into `(p + 4*(k + (i & m)))`,
// one more add per access than native code's pointer to the bucket.
void Widen(const Address& address, llvm::ZExtInst* zext, const llvm::ValueToValueMapTy* vmap) {
  auto leaf = [&](const Term& t) {
    llvm::Value* copied = vmap ? vmap->lookup(t.value) : nullptr;
    return LeafOrConstant(t, copied ? copied : t.value);
  };
  llvm::SmallVector<llvm::GetElementPtrInst*, 2> geps;
  for (llvm::User* user : zext->users())
    if (auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(user))
      if (gep->getNumIndices() == 1 && gep->getOperand(1) == zext && gep->getSourceElementType()->isIntegerTy(8))
        geps.push_back(gep);
  for (llvm::GetElementPtrInst* gep : geps) {
    llvm::IRBuilder<> b(gep);
    auto [exact, varying] = EmitWide(b, address, leaf);
    if (!exact || !varying) {
      gep->setOperand(1, exact ? exact : varying);
      continue;
    }
    llvm::Value* base = b.CreateGEP(b.getInt8Ty(), gep->getPointerOperand(), exact, "", gep->getNoWrapFlags());
    llvm::Value* indexed = b.CreateGEP(b.getInt8Ty(), base, varying, "", gep->getNoWrapFlags());
    indexed->takeName(gep);
    gep->replaceAllUsesWith(indexed);
    gep->eraseFromParent();
  }
  if (zext->use_empty()) {
    zext->eraseFromParent();
    return;
  }
  llvm::IRBuilder<> b(zext);
  llvm::Value* wide = EmitWideSum(b, address, leaf);
  wide->takeName(zext);
  zext->replaceAllUsesWith(wide);
  zext->eraseFromParent();
}

// True (as an i1) when every address's tree, with each bounded leaf at its
// bound, is at most 2^32 - 1, and, with each at 0, at least 0, computed in
// i64 before `insertBefore` (each end only where it is not known already).
llvm::Value* EmitRangeCheck(const std::vector<Address>& addresses, llvm::Instruction* insertBefore) {
  llvm::IRBuilder<> b(insertBefore);
  llvm::Value* ok = nullptr;
  for (const Address& a : addresses) {
    llvm::Value* max = nullptr;
    if (a.checkMax)
      max = EmitWideSum(b, a, [&](const Term& t) -> WideLeaf {
        if (t.kind == Term::kBounded && !t.bound) return {nullptr, *t.max};
        return LeafOrConstant(t, t.bound);
      }, a.checkMin);
    llvm::Value* min = nullptr;
    if (a.checkMin)
      min = EmitWideSum(b, a, [&](const Term& t) -> WideLeaf {
        if (t.kind == Term::kBounded) return {nullptr, 0};
        return LeafOrConstant(t, t.value);
      }, true);
    ok = EmitExactAddressCheck(b, ok, max, min, "wacc.range.fits", "wacc.range.above");
  }
  return ok ? b.CreateFreeze(ok, "wacc.range.ok") : nullptr;
}

// Drops the addresses whose i32 sum, or a partial sum of their tree, has a
// user in the loop outside the trees being widened (zlib's longest_match:
// `match = window + cur` is loaded from, and `match + best_len` is a sum
// of it with an unbounded value). That sum is computed in 32 bits anyway,
// so widening the access removes no add; it only makes membase + window a
// second live copy of `window`. There the extra register cost a register
// copy out and back every iteration of the chain walk, and the versioned
// loop ran 10% more instructions than the original (bench/NOTES.md,
// session 8). Leaves used elsewhere are fine: brotli's `data` is, and
// its widened accesses still save their adds. So is a leaf plus a constant
// (an interpreter's `sp - 1`, which is also the new stack pointer): the
// widened address adds the constant to the hoisted exact part, so the
// access still loses its own 32-bit sum and no second register is kept.
void DropSumsKeptAnyway(const llvm::Loop& loop, std::vector<Address>& addresses) {
  llvm::SmallPtrSet<const llvm::Value*, 16> inTrees;
  for (const Address& a : addresses) {
    inTrees.insert(a.zext);
    for (const Term& t : a.terms)
      if (t.kind != Term::kExact && t.kind != Term::kBounded) inTrees.insert(t.value);
  }
  auto usedOutside = [&](const std::vector<Term>& terms, const Term& t) {
    if (t.kind == Term::kExact || t.kind == Term::kBounded) return false;
    if (t.kind == Term::kAdd && (IsConstantLeaf(terms[t.operands[0]]) || IsConstantLeaf(terms[t.operands[1]])))
      return false;
    for (const llvm::User* user : t.value->users())
      if (auto* inst = llvm::dyn_cast<llvm::Instruction>(user); inst && loop.contains(inst) && !inTrees.count(inst))
        return true;
    return false;
  };
  std::erase_if(addresses, [&](const Address& a) {
    return llvm::any_of(a.terms, [&](const Term& t) { return usedOutside(a.terms, t); });
  });
}

// Versions `loop` on the range check of the addresses `zexts` and widens
// them in the copy; false if it cannot. `changed` is set when the IR
// changed, versioned or not (the loop may have been put into simplified and
// LCSSA form first).
bool VersionLoop(llvm::Function& f, llvm::Loop* loop, const std::vector<llvm::ZExtInst*>& zexts, llvm::LoopInfo& li,
                 llvm::DominatorTree& dt, llvm::AssumptionCache& ac, bool& changed) {
  changed |= llvm::simplifyLoop(loop, &dt, &li, nullptr, &ac, nullptr, /*PreserveLCSSA=*/false);
  // A header with several backedges (a `continue`) may have been split into
  // two nested loops, `loop` now the inner one: version the new outer one,
  // which has the old blocks.
  while (loop && !llvm::all_of(zexts, [&](llvm::ZExtInst* zext) { return loop->contains(zext); }))
    loop = loop->getParentLoop();
  if (!loop) return false;
  changed |= llvm::formLCSSARecursively(*loop, dt, &li, nullptr);
  llvm::BasicBlock* checkBlock = loop->getLoopPreheader();
  if (!checkBlock || !loop->hasDedicatedExits()) return false;
  // Taken apart again now: versioning an inner loop since the first match
  // may have put its values behind LCSSA phis, and `loop` may have changed.
  std::vector<Address> addresses;
  const llvm::DataLayout& dl = f.getDataLayout();
  for (llvm::ZExtInst* zext : zexts)
    if (std::optional<Address> address = MatchAddress(dt, dl, ac, *loop, *zext)) addresses.push_back(*address);
  DropSumsKeptAnyway(*loop, addresses);
  llvm::Value* ok = EmitRangeCheck(addresses, checkBlock->getTerminator());
  if (!ok) return false;
  changed = true;
  llvm::ValueToValueMapTy vmap;
  CloneLoopBehindCheck(*loop, checkBlock, ok, ".inrange", li, dt, vmap);
  dt.recalculate(f);
  for (const Address& a : addresses) Widen(a, llvm::cast<llvm::ZExtInst>(vmap[a.zext]), &vmap);
  return true;
}

}  // namespace

llvm::PreservedAnalyses AddressRangeVersioningPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  if (!gEnabled) return llvm::PreservedAnalyses::all();
  auto& li = analyses.getResult<llvm::LoopAnalysis>(f);
  if (li.empty()) return llvm::PreservedAnalyses::all();
  auto& dt = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
  auto& ac = analyses.getResult<llvm::AssumptionAnalysis>(f);
  const llvm::DataLayout& dl = f.getDataLayout();
  llvm::MDNode* done = llvm::MDNode::get(f.getContext(), {});

  // Each address goes to the innermost loop in which it matches; those whose
  // bounds are constants are widened in place.
  llvm::MapVector<llvm::Loop*, std::vector<llvm::ZExtInst*>> byLoop;  // in the order found: deterministic
  std::vector<Address> inPlace;
  for (llvm::BasicBlock& block : f) {
    llvm::Loop* innermost = li.getLoopFor(&block);
    if (!innermost) continue;
    for (llvm::Instruction& inst : block) {
      auto* zext = llvm::dyn_cast<llvm::ZExtInst>(&inst);
      if (!zext || zext->hasNonNeg() || !zext->getSrcTy()->isIntegerTy(32) || !zext->getDestTy()->isIntegerTy(64) ||
          zext->getMetadata(kDoneMetadata) || zext->getMetadata(kWrapVersionedMetadata) ||
          !llvm::isa<llvm::BinaryOperator>(zext->getOperand(0)) || !IsAddress(*zext))
        continue;
      for (llvm::Loop* loop = innermost; loop; loop = loop->getParentLoop()) {
        std::optional<Address> address = MatchAddress(dt, dl, ac, *loop, *zext);
        if (!address) continue;
        zext->setMetadata(kDoneMetadata, done);  // in both copies: never again
        if (address->needsCheck())
          byLoop[loop].push_back(zext);
        else
          inPlace.push_back(std::move(*address));
        break;
      }
    }
  }
  bool changed = !inPlace.empty();
  for (const Address& a : inPlace) Widen(a, a.zext, nullptr);

  // Inner loops first: a copy of an outer loop then copies their versions.
  std::vector<llvm::Loop*> loops;
  for (auto& [loop, addresses] : byLoop) loops.push_back(loop);
  std::stable_sort(loops.begin(), loops.end(),
                   [](llvm::Loop* a, llvm::Loop* b) { return a->getLoopDepth() > b->getLoopDepth(); });
  unsigned versioned = 0;
  for (llvm::Loop* loop : loops) {
    if (versioned == kMaxLoopsPerFunction) break;
    size_t size = 0;
    for (llvm::BasicBlock* block : loop->blocks()) size += block->size();
    if (size > kMaxLoopInstructions) continue;
    if (VersionLoop(f, loop, byLoop[loop], li, dt, ac, changed)) ++versioned;
  }
  return changed ? PreservedAfterLoopCopies() : llvm::PreservedAnalyses::all();
}

}  // namespace wacc::codegen
