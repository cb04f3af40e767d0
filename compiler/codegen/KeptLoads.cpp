// Which guard-page loads still need their marker once inlining is over.
//
// A load's trap is lost when the load is deleted, and LLVM deletes a load
// only when nothing uses its value any more: once every chain of uses from
// it to something that stays (a store, a call, a return) has been cut. A
// chain is cut in three ways, and a load keeps its fake use unless none can
// happen to one of its chains:
//
//  1. A link stops depending on the load. `x * i` is zero in the copy of an
//     unrolled loop where `i` is 0, `x & m` drops the bits `m` clears, `x +
//     y` is zero if `y` turns out to be `-x`, `x * NaN` is NaN. Instruction
//     selection narrows a load whose high bits nothing needs to a one-byte
//     load, which no longer faults where the other bytes are past the end.
//     So each link must keep every bit of the load (Held), and its other
//     operands must be such that no later pass can make them cancel it:
//     for add, sub and xor (a bijection of the chain's value whatever the
//     other operand is) an operand that does not depend on the chain's
//     value; for float arithmetic one that can never become a constant
//     (NeverConstant: `x + c` folds only when c is a NaN); for and, or,
//     shifts and multiplications a constant, or an operand no pass can turn
//     into one (IsOpaque), with no bit of the load masked or shifted out;
//     or, for and and or, an operand that changes a single bit among the
//     load's, the remove and insert of a bit set (`bits[j >> 3] &= ~(1 <<
//     (j & 7))`): every byte of the load still counts (OneBit, Held's
//     `holed`). Compares, selects, divisions and variable shifts end a
//     chain.
//  2. An edge is removed. A value used on one side of a branch only is dead
//     on the other; once the branch folds (the unroller's copies make many
//     conditions constant) or instcombine sinks the load into the one
//     successor that uses it, the path that skipped it no longer traps. So
//     a chain that leaves its block must leave it on every edge (through a
//     phi of the successor, or a value the successor's block is dominated by
//     and that is used again there or later), and every block it passes
//     through must in turn use it in something that stays, or pass it on
//     along every one of its own edges.
//  3. A cycle is unobserved. A sum carried round a loop and never read after
//     it is deleted as a whole (ADCE), loads and all. So a chain through
//     phis counts only if, from every block it reaches, it can still reach
//     something that stays: the loop's exit must read it.
//
// The search (Anchored) follows the chain's value block by block, a state
// being a block entered with a set of values that hold the load on the path
// that entered it: the load and what was computed from it, the phis that
// received one of those on the edge taken, and earlier values of the chain
// that dominate the block. A state is absorbed when one of its instructions
// that stays uses a value of the chain; otherwise each of its edges must
// carry at least one value on. Revisiting a state is allowed (a loop carries
// the value round), but every state must reach an absorbed one.
//
// A store back to the address the load read is where code generation
// itself loses the trap: `*p ^= 0x100` becomes a one-byte `xor` of the byte
// it changes, which does not fault where the word ends past memory
// (StaysWhole). Such a store keeps the load's marker (the combiner narrows
// only a load nothing else uses), unless it is a byte, or its operand can
// never be a constant, or the narrowed access would still end at the word's
// last byte, or a store of a constant as wide to the same pointer runs before
// the load on every path (InBoundsBefore: the word is then in bounds, and no
// access to it can fault).
//
// What is not guarded against, as before this analysis: two loads (or a load
// and a store) whose addresses become equal only after a later pass, so that
// one is forwarded from the other and `x - y` becomes `x - x`; a store that
// becomes dead only after unrolling (two stores to one address); a loop
// proven infinite only after this pass, so that its exit and the store there
// go. Each needs two address expressions that the pipeline before this pass,
// GVN and LICM included, left apart and a later pass joins.
#include "compiler/codegen/KeptLoads.h"

#include <optional>
#include <vector>

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/KnownBits.h"

namespace wacc::codegen {

namespace {

// -mllvm -wacc-kept-loads-dominating-stores=0: a store back of a word a
// dominating store showed in bounds keeps its marker as any other (A/B).
llvm::cl::opt<bool> gDominatingStores("wacc-kept-loads-dominating-stores", llvm::cl::init(true), llvm::cl::Hidden,
                                      llvm::cl::desc("a dominating whole-word store proves a store back in bounds"));

// Bounds of the search for one load: values of the chain, block states, and
// the values looked at to tell whether an operand depends on the chain or
// can become a constant.
constexpr unsigned kMaxChainValues = 64;
constexpr unsigned kMaxStates = 16;
constexpr unsigned kMaxWalk = 32;
constexpr unsigned kMaxConstancyWalk = 128;

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

// Deep enough for an address (`(i << 2) + base + offset`) or `a * b + c`.
constexpr unsigned kMaxOpaqueDepth = 3;

// True when no later pass can turn `v` into a constant or into something
// computed from the chain's load: arguments, loads, calls (inlining is over)
// and constants, and arithmetic on those alone. Not phis, nor anything
// computed from one: the loop unroller and the vectoriser turn induction
// variables into constants, and `x * ((63 - i) >> 3)` then folds to zero
// in some copies (test/Codegen/kept-loads-folded.wat). A NaN is not opaque
// (`x * NaN` folds to NaN), nor is undef. What `and`, `or`, shifts and
// multiplications need of their other operand.
bool IsOpaque(const llvm::Value* v, unsigned depth = 0) {
  if (llvm::isa<llvm::Argument, llvm::GlobalValue, llvm::LoadInst>(v)) return true;
  if (auto* c = llvm::dyn_cast<llvm::Constant>(v)) {
    if (c->getType()->isVectorTy()) c = c->getSplatValue();
    if (auto* fp = llvm::dyn_cast_if_present<llvm::ConstantFP>(c)) return !fp->isNaN();
    return llvm::isa_and_present<llvm::ConstantInt>(c);
  }
  auto* inst = llvm::dyn_cast<llvm::Instruction>(v);
  if (!inst || llvm::isa<llvm::PHINode>(inst) || depth == kMaxOpaqueDepth) return false;
  if (auto* call = llvm::dyn_cast<llvm::CallInst>(inst); call && !llvm::isa<llvm::IntrinsicInst>(call)) return true;
  if (!llvm::isa<llvm::BinaryOperator, llvm::CastInst, llvm::GetElementPtrInst>(inst)) return false;
  for (const llvm::Value* operand : inst->operands())
    if (!IsOpaque(operand, depth + 1)) return false;
  return true;
}

// The splat or scalar float constant `v` is, if any.
const llvm::ConstantFP* FloatConstant(const llvm::Value* v) {
  auto* c = llvm::dyn_cast<llvm::Constant>(v);
  if (c && c->getType()->isVectorTy()) c = c->getSplatValue();
  return llvm::dyn_cast_if_present<llvm::ConstantFP>(c);
}

// What a float value can fold to once later passes have unrolled its loops
// and made constants of their phis: nothing (never constant), or nothing
// but a harmless constant. Float arithmetic (without fast-math flags, which
// wasm never has) folds `x op c` only for some constants c: a NaN; `x * 0`
// and `x + inf` when x is known finite and of known sign (a value converted
// from an integer is), `x / inf`. So a constant is harmless to a sum when
// it is finite, to a product or quotient when it is also non-zero, and an
// operation never folds when one operand is never constant and the other
// never constant or a harmless constant: `e + x`, with `e` a sum that starts
// at 0.0 and x a load. Constants reach a consumer only through phis (an
// operation on two of them is not trusted: it can overflow to infinity).
// A phi is what its incoming values are, each assumed while its cycle is
// followed: unrolled, each copy of it is a copy of one of them, computed in
// the copy before. Every test is a conjunction, so a value met again in the
// same walk may be assumed too, and every value of a walk that succeeds is
// remembered for the function.
class Constancy {
 public:
  enum Kind : unsigned { kNever, kHarmlessToSum, kHarmlessToProduct };

  bool operator()(const llvm::Value* v, Kind kind) {
    walked_.clear();
    order_.clear();
    steps_ = 0;
    exhausted_ = false;
    if (!Walk(v, kind)) return false;
    known_.insert(walked_.begin(), walked_.end());
    return true;
  }

 private:
  bool Walk(const llvm::Value* v, Kind kind) {
    if (const llvm::ConstantFP* c = FloatConstant(v))
      return kind != kNever && c->getValueAPF().isFinite() && !(kind == kHarmlessToProduct && c->isZero());
    if (llvm::isa<llvm::Argument, llvm::LoadInst>(v)) return true;
    auto* inst = llvm::dyn_cast<llvm::Instruction>(v);
    if (!inst) return false;
    // An operation is never constant or fails whatever is asked of it.
    if (!llvm::isa<llvm::PHINode>(inst)) kind = kNever;
    std::pair<const llvm::Value*, Kind> key{v, kind};
    if (known_.contains(key) || walked_.contains(key)) return true;
    if (refuted_.contains(key)) return false;
    if (walked_.size() == kMaxConstancyWalk || ++steps_ > 4 * kMaxConstancyWalk) {
      exhausted_ = true;
      return false;
    }
    walked_.insert(key);
    order_.push_back(key);
    bool result = Evaluate(inst, kind);
    // Assumptions only ever make a test succeed, so a failure that is not
    // the budget's is final.
    if (!result && !exhausted_) refuted_.insert(key);
    return result;
  }

  bool Evaluate(const llvm::Instruction* inst, Kind kind) {
    if (auto* phi = llvm::dyn_cast<llvm::PHINode>(inst))
      return llvm::all_of(phi->incoming_values(), [&](const llvm::Value* incoming) { return Walk(incoming, kind); });
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(inst)) {
      auto* intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(call);
      if (!intrinsic) return true;
      switch (intrinsic->getIntrinsicID()) {
        case llvm::Intrinsic::sqrt:
        case llvm::Intrinsic::fabs: return Walk(intrinsic->getArgOperand(0), kNever);
        default: return false;
      }
    }
    switch (inst->getOpcode()) {
      case llvm::Instruction::FNeg:
      case llvm::Instruction::FPExt:
      case llvm::Instruction::FPTrunc:
      case llvm::Instruction::SIToFP:
      case llvm::Instruction::UIToFP:
      case llvm::Instruction::ZExt:
      case llvm::Instruction::SExt:
      case llvm::Instruction::Trunc:
      case llvm::Instruction::BitCast: return Walk(inst->getOperand(0), kNever);
      case llvm::Instruction::FAdd:
      case llvm::Instruction::FSub:
      case llvm::Instruction::FMul:
      case llvm::Instruction::FDiv: {
        Kind other = inst->getOpcode() == llvm::Instruction::FAdd || inst->getOpcode() == llvm::Instruction::FSub
                         ? kHarmlessToSum
                         : kHarmlessToProduct;
        const llvm::Value* a = inst->getOperand(0);
        const llvm::Value* b = inst->getOperand(1);
        // Either operand may be the one that is never constant, more likely
        // not a phi or a constant; what a failed first attempt assumed goes.
        if (FloatConstant(a) || llvm::isa<llvm::PHINode>(a)) std::swap(a, b);
        size_t saved = order_.size();
        if (Walk(a, kNever) && Walk(b, other)) return true;
        if (exhausted_) return false;
        for (; order_.size() > saved; order_.pop_back()) walked_.erase(order_.back());
        return Walk(b, kNever) && Walk(a, other);
      }
      default: return false;
    }
  }

  llvm::DenseSet<std::pair<const llvm::Value*, Kind>> known_, refuted_;
  llvm::DenseSet<std::pair<const llvm::Value*, Kind>> walked_;
  std::vector<std::pair<const llvm::Value*, Kind>> order_;
  unsigned steps_ = 0;
  bool exhausted_ = false;
};

unsigned Width(const llvm::Type* type) {
  return type->getScalarType()->isPointerTy() ? 64 : type->getScalarSizeInBits();
}

// Where a value of a chain holds the load: bits [low, high) of each lane,
// every one of which no pass can show to be unneeded (each bit of the load
// reaches one of them, and no other operand's known bits hide it). Or, when
// `holed`, all of them but one that a single-bit `and` or `or` may have
// cleared or set (OneBit): every byte of the load still counts, so no pass
// can delete or narrow it, but nothing but casts may follow (a second such
// link could hide a whole byte).
struct Held {
  unsigned low, high;
  bool holed = false;
};

using ChainValues = llvm::DenseMap<const llvm::Value*, Held>;

// The values of the chain on the path being followed, and what a link needs
// to judge its other operands against them.
class Chain {
 public:
  Chain(const llvm::DominatorTree& dt, Constancy& constancy, const llvm::LoadInst* load)
      : dt_(dt), constancy_(constancy), load_(load) {}

  // Starts a block state. `origin` is the chain's first value when this is
  // the state of its own block, entered at it; null for any other state.
  void Enter(ChainValues values, const llvm::Instruction* origin) {
    values_ = std::move(values);
    origin_ = origin;
  }
  ChainValues& values() { return values_; }
  bool IsOrigin() const { return origin_ != nullptr; }
  // The load the chain starts at, null when it starts at a phi (file
  // comment of KeptLoads.h).
  const llvm::LoadInst* load() const { return load_; }
  const llvm::DominatorTree& dt() const { return dt_; }

  // True when `other` cannot turn out to be computed from the chain's value
  // on this path: no value of the chain is among what it is computed from.
  // In the chain's own block, starting at a load, whatever was computed
  // before the load (what dominates it, and the phis of blocks dominating
  // it, which took their values before it ran) is earlier than the load's
  // value on every path: the carry of a bignum loop, a phi, does not depend
  // on this iteration's load even though it depends on the last one's.
  // Loads and calls are taken to be independent (see the file comment).
  bool Independent(const llvm::Value* other) const {
    llvm::SmallVector<const llvm::Value*, 8> work{other};
    llvm::SmallPtrSet<const llvm::Value*, 16> seen;
    bool earlierCut = origin_ && !llvm::isa<llvm::PHINode>(origin_);
    while (!work.empty()) {
      const llvm::Value* v = work.pop_back_val();
      if (values_.contains(v)) return false;
      auto* inst = llvm::dyn_cast<llvm::Instruction>(v);
      if (!inst || !seen.insert(inst).second) continue;
      if (seen.size() > kMaxWalk) return false;
      if (earlierCut && (llvm::isa<llvm::PHINode>(inst) ? dt_.dominates(inst->getParent(), origin_->getParent())
                                                        : dt_.dominates(inst, origin_)))
        continue;
      if (llvm::isa<llvm::LoadInst>(inst)) continue;
      if (auto* call = llvm::dyn_cast<llvm::CallInst>(inst); call && !llvm::isa<llvm::IntrinsicInst>(call)) continue;
      for (const llvm::Value* operand : inst->operands()) work.push_back(operand);
    }
    return true;
  }

  // True when a float operation's other operand cannot become a constant
  // that decides its result alone.
  bool FloatSafe(const llvm::Instruction* user, const llvm::Value* other) const {
    if (const llvm::ConstantFP* c = FloatConstant(other)) return !c->isNaN();
    bool sum = user->getOpcode() == llvm::Instruction::FAdd || user->getOpcode() == llvm::Instruction::FSub;
    return IsOpaque(other) || constancy_(other, sum ? Constancy::kHarmlessToSum : Constancy::kHarmlessToProduct);
  }

 private:
  const llvm::DominatorTree& dt_;
  Constancy& constancy_;
  const llvm::LoadInst* load_;
  ChainValues values_;
  const llvm::Instruction* origin_ = nullptr;
};

// Bit positions [first, last] of a value.
struct BitRange {
  unsigned first, last;
};

// Where the one bit lies that `v` sets (or, `cleared`, the one bit it
// clears), when `v` has exactly one such bit whatever its operands turn out
// to be and is never poison; nullopt when that cannot be shown. These are
// the masks of a bit set's insert and remove, `1 << (j & 7)` and `~(1 << (j
// & 7))` (which InstCombine writes `rotl(-2, j & 7)`): a power of two, a
// shift of one by an amount known to be below the width (beyond, `shl` is
// poison, which a later pass may replace by anything), a rotate of one by
// any amount, its complement, and truncations and extensions that keep the
// bit where it was.
std::optional<BitRange> OneBit(const llvm::Value* v, bool cleared, const llvm::DataLayout& layout,
                               unsigned depth = 0) {
  namespace pm = llvm::PatternMatch;
  if (!v->getType()->isIntegerTy()) return std::nullopt;
  unsigned width = v->getType()->getIntegerBitWidth();
  const llvm::APInt* constant = nullptr;
  if (pm::match(v, pm::m_APInt(constant))) {
    llvm::APInt bits = cleared ? ~*constant : *constant;
    if (!bits.isPowerOf2()) return std::nullopt;
    return BitRange{bits.logBase2(), bits.logBase2()};
  }
  if (depth == kMaxOpaqueDepth) return std::nullopt;
  const llvm::Value* x = nullptr;
  const llvm::Value* amount = nullptr;
  if (cleared && pm::match(v, pm::m_Not(pm::m_Value(x)))) return OneBit(x, false, layout, depth + 1);
  if (!cleared && pm::match(v, pm::m_Shl(pm::m_Value(x), pm::m_Value(amount)))) {
    std::optional<BitRange> bit = OneBit(x, false, layout, depth + 1);
    llvm::KnownBits known = llvm::computeKnownBits(amount, layout);
    uint64_t least = known.getMinValue().getLimitedValue(), most = known.getMaxValue().getLimitedValue();
    if (!bit || most >= width || bit->last + most >= width) return std::nullopt;
    return BitRange{unsigned(bit->first + least), unsigned(bit->last + most)};
  }
  bool left = pm::match(v, pm::m_FShl(pm::m_Value(x), pm::m_Deferred(x), pm::m_Value(amount)));
  if (left || pm::match(v, pm::m_FShr(pm::m_Value(x), pm::m_Deferred(x), pm::m_Value(amount)))) {
    // A rotate, by the amount modulo the width.
    std::optional<BitRange> bit = OneBit(x, cleared, layout, depth + 1);
    if (!bit || !llvm::isPowerOf2_32(width)) return std::nullopt;
    llvm::KnownBits known = llvm::computeKnownBits(amount, layout).trunc(llvm::Log2_32(width));
    unsigned least = unsigned(known.getMinValue().getZExtValue()), most = unsigned(known.getMaxValue().getZExtValue());
    if (left && bit->last + most < width) return BitRange{bit->first + least, bit->last + most};
    if (!left && bit->first >= most) return BitRange{bit->first - most, bit->last - least};
    return BitRange{0, width - 1};
  }
  auto* cast = llvm::dyn_cast<llvm::CastInst>(v);
  if (!cast) return std::nullopt;
  unsigned from = cast->getSrcTy()->getScalarSizeInBits();
  std::optional<BitRange> bit = OneBit(cast->getOperand(0), cleared, layout, depth + 1);
  if (!bit) return std::nullopt;
  switch (cast->getOpcode()) {
    case llvm::Instruction::Trunc:
      if (bit->last < width) return bit;
      return std::nullopt;
    case llvm::Instruction::ZExt:
      // New high bits are clear: a set bit stays the only one.
      if (!cleared) return bit;
      return std::nullopt;
    case llvm::Instruction::SExt:
      // Copies of a top bit that is not the one.
      if (bit->last + 1 < from) return bit;
      return std::nullopt;
    default: return std::nullopt;
  }
}

// A link of a chain: `user` computed from `value`, which holds the load in
// `held`; where `user` holds it, or nullopt when a later pass could show
// `user` not to need some bit of the load. Not only could it then delete
// the load (`x * ((63 - i) >> 3)` is zero in some copies once the unroller,
// which runs after this pass, makes `i` a constant), it could also narrow
// it: instruction selection turns `trunc (load i32)` or `and (load), 0xff`
// into a one-byte load, which no longer traps when the other three bytes
// are past the end of memory. So every bit of the load must still count:
// casts, add, sub, xor (with an operand independent of the chain), shifts
// and multiplications by constants that lose no held bit, and/or with an
// opaque operand none of whose known bits masks a held one (or one that
// changes a single held bit, after which only casts follow), float
// arithmetic on the whole value (with an operand that cannot become a
// NaN), an address. Not compares, selects, divisions, variable shifts,
// calls. Phis are links too, followed by Anchored along edges.
std::optional<Held> Link(const llvm::Instruction* user, const llvm::Value* value, Held held, const Chain& chain) {
  unsigned width = Width(user->getType());
  unsigned valueWidth = Width(value->getType());
  // `value` itself once, or twice in float arithmetic (`x - x` folds to
  // zero only with fast-math flags, `x * x` keeps x).
  bool fp = user->getType()->isFPOrFPVectorTy();
  unsigned uses = 0;
  llvm::SmallVector<const llvm::Value*, 2> others;
  for (const llvm::Value* operand : user->operands()) {
    if (operand == value) {
      if (++uses > (fp ? 2u : 1u)) return std::nullopt;
    } else {
      others.push_back(operand);
    }
  }
  const llvm::Value* other = others.size() == 1 ? others.front() : nullptr;
  auto allOthers = [&](auto&& accepted) {
    for (const llvm::Value* operand : others)
      if (!accepted(operand)) return false;
    return true;
  };
  const llvm::APInt* constant = nullptr;
  bool constantOther = other && llvm::PatternMatch::match(other, llvm::PatternMatch::m_APInt(constant));
  auto shifted = [&](int by) -> std::optional<Held> {
    if (int(held.low) + by < 0 || int(held.high) + by > int(width)) return std::nullopt;
    return Held{unsigned(int(held.low) + by), unsigned(int(held.high) + by), held.holed};
  };
  bool whole = held.low == 0 && held.high == valueWidth;
  if (held.holed && !llvm::isa<llvm::ZExtInst, llvm::SExtInst, llvm::TruncInst, llvm::FreezeInst>(user))
    return std::nullopt;
  if (auto* intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(user)) {
    // A square root or absolute value of a float: folded only when its
    // operand is a constant, and instruction selection narrows no float
    // load.
    bool unary = intrinsic->getIntrinsicID() == llvm::Intrinsic::sqrt ||
                 intrinsic->getIntrinsicID() == llvm::Intrinsic::fabs;
    if (!unary || !whole || intrinsic->getArgOperand(0) != value) return std::nullopt;
    return Held{0, width};
  }
  switch (user->getOpcode()) {
    case llvm::Instruction::ZExt:
    case llvm::Instruction::SExt:
    case llvm::Instruction::Trunc:
    case llvm::Instruction::PtrToInt:
    case llvm::Instruction::IntToPtr:
    case llvm::Instruction::Freeze:
      if (!others.empty()) return std::nullopt;
      return shifted(0);
    case llvm::Instruction::Add:
    case llvm::Instruction::Sub:
    case llvm::Instruction::Xor:
      // A bijection of `value` for any fixed other operand.
      if (!other || !chain.Independent(other)) return std::nullopt;
      return shifted(0);
    case llvm::Instruction::BitCast:
      if (valueWidth != width) return std::nullopt;
      return held;
    case llvm::Instruction::And:
    case llvm::Instruction::Or: {
      if (!other) return std::nullopt;
      bool clears = user->getOpcode() == llvm::Instruction::And;
      if (IsOpaque(other)) {
        llvm::KnownBits known = llvm::computeKnownBits(other, user->getDataLayout());
        const llvm::APInt& masking = clears ? known.Zero : known.One;
        if (masking.extractBits(held.high - held.low, held.low).isZero()) return held;
      }
      // A bit set's insert or remove: one bit, somewhere among the held
      // ones, set or cleared. Each byte of the load keeps seven bits that
      // count (loads are of whole bytes), and the result is never the
      // load's value whatever the other operand becomes, so a store of it
      // back where the load read is never a no-op (StaysWhole).
      if (!chain.Independent(other)) return std::nullopt;
      std::optional<BitRange> bit = OneBit(other, clears, user->getDataLayout());
      if (!bit || bit->first < held.low || bit->last >= held.high) return std::nullopt;
      return Held{held.low, held.high, true};
    }
    case llvm::Instruction::Shl:
    case llvm::Instruction::LShr:
    case llvm::Instruction::AShr: {
      if (!constantOther || user->getOperand(0) != value || constant->uge(width)) return std::nullopt;
      int amount = int(constant->getZExtValue());
      return shifted(user->getOpcode() == llvm::Instruction::Shl ? amount : -amount);
    }
    case llvm::Instruction::Mul:
      // By 2^k times an odd number: a shift by k, then a bijection of each
      // run of low bits.
      if (!constantOther || constant->isZero()) return std::nullopt;
      return shifted(int(constant->countr_zero()));
    case llvm::Instruction::FNeg:
    case llvm::Instruction::FPExt:
    case llvm::Instruction::FPTrunc:
    case llvm::Instruction::SIToFP:
    case llvm::Instruction::UIToFP:
    case llvm::Instruction::FAdd:
    case llvm::Instruction::FSub:
    case llvm::Instruction::FMul:
    case llvm::Instruction::FDiv:
      if (!whole && !llvm::isa<llvm::SIToFPInst, llvm::UIToFPInst>(user)) return std::nullopt;
      if (!allOthers([&](const llvm::Value* v) { return chain.FloatSafe(user, v); })) return std::nullopt;
      return Held{0, width};
    case llvm::Instruction::GetElementPtr: {
      // An address: like add, whatever the base or the index.
      auto* gep = llvm::cast<llvm::GetElementPtrInst>(user);
      if (!allOthers([&](const llvm::Value* v) { return chain.Independent(v); })) return std::nullopt;
      if (gep->getPointerOperand() == value) return held;
      if (gep->getNumIndices() != 1 || valueWidth != 64) return std::nullopt;
      uint64_t stride = gep->getDataLayout().getTypeAllocSize(gep->getSourceElementType()).getFixedValue();
      if (stride == 0) return std::nullopt;
      return shifted(int(llvm::countr_zero(stride)));
    }
    default: return std::nullopt;
  }
}

// True when a store of a constant at least as wide as `load`, to the same
// pointer, runs before it on every path (PCRE2's `workspace[0] = 0` at the
// matcher's entry, before its loop's `workspace[0] ^= 1`): that store faults
// unless every byte of the word is inside memory, memory never shrinks, so
// the word is in bounds wherever the load runs, and an access narrowed to
// some of its bytes faults exactly as the word would (never). The store
// itself stays whole (its value is no operation on a load, which is what the
// combiner narrows) and stays: a pass deletes it only if another store to
// the same bytes follows it before anything reads them, and the load reads
// them, so such a store also runs before the load; it was a plain store
// (whole too), or a store back whose own load read the first store's bytes
// (which then stays).
bool InBoundsBefore(const llvm::LoadInst* load, const llvm::DominatorTree& dt) {
  const llvm::Value* pointer = load->getPointerOperand();
  const llvm::DataLayout& dl = load->getDataLayout();
  uint64_t size = dl.getTypeStoreSize(load->getType()).getFixedValue();
  unsigned seen = 0;
  for (const llvm::User* user : pointer->users()) {
    if (++seen > kMaxWalk) return false;
    auto* earlier = llvm::dyn_cast<llvm::StoreInst>(user);
    if (!earlier || earlier->getPointerOperand() != pointer || !earlier->isSimple() ||
        !llvm::isa<llvm::Constant>(earlier->getValueOperand()))
      continue;
    if (dl.getTypeStoreSize(earlier->getValueOperand()->getType()).getFixedValue() < size) continue;
    if (dt.dominates(earlier, load)) return true;
  }
  return false;
}

// True unless `store`, a store of a value of the chain, may be narrowed by
// instruction selection to the bytes it changes. Its DAG combiner rewrites
// `store (and/or/xor (load p), C), p` with a constant C into a load, the
// operation and a store of only the bytes C changes, when nothing else uses
// the load: the access is no longer the program's, and a word that ends past
// memory's end no longer faults if its changed byte is inside
// (test/Codegen/kept-loads-stored-back.wat: `*p ^= 0x100` at the last two
// bytes). So a store back to the address the chain's load read keeps the
// load's marker when it is wider than a byte and its value, up to casts, is
// such an operation whose other operand may be, or become, a constant. At a
// byte there is nothing narrower.
bool StaysWhole(const llvm::StoreInst* store, const Chain& chain) {
  const llvm::LoadInst* load = chain.load();
  if (!load || store->getPointerOperand() != load->getPointerOperand()) return true;
  const llvm::Type* type = store->getValueOperand()->getType();
  if (!type->isIntegerTy() || type->getIntegerBitWidth() <= 8) return true;
  if (gDominatingStores && InBoundsBefore(load, chain.dt())) return true;
  const llvm::Value* value = store->getValueOperand();
  while (llvm::isa<llvm::TruncInst, llvm::ZExtInst, llvm::SExtInst, llvm::FreezeInst>(value))
    value = llvm::cast<llvm::Instruction>(value)->getOperand(0);
  auto* op = llvm::dyn_cast<llvm::BinaryOperator>(value);
  if (!op || (op->getOpcode() != llvm::Instruction::And && op->getOpcode() != llvm::Instruction::Or &&
              op->getOpcode() != llvm::Instruction::Xor))
    return true;
  // The chain's own operand is opaque too when it is the load or a cast of
  // it; when it is not, the store is judged as if it might be a constant.
  auto variable = [](const llvm::Value* v) { return IsOpaque(v) && !llvm::isa<llvm::Constant>(v); };
  if (!variable(op->getOperand(0))) return false;
  if (variable(op->getOperand(1))) return true;
  // A constant already: the combiner keeps the aligned power-of-two run of
  // bytes around the bits it changes, and leaves the store alone when it
  // changes none or all. When one of the changed bits is in the last byte
  // (the highest address: both targets are little-endian), the narrowed
  // access ends where the word did and faults exactly when it did.
  const llvm::APInt* constant = nullptr;
  if (op->getType() != type || !llvm::PatternMatch::match(op->getOperand(1), llvm::PatternMatch::m_APInt(constant)))
    return false;
  llvm::APInt changed = op->getOpcode() == llvm::Instruction::And ? ~*constant : *constant;
  return changed.isZero() || changed.isAllOnes() || changed.getActiveBits() > changed.getBitWidth() - 8;
}

// True when `inst` stays whatever becomes of the rest of the code and uses
// `value`, a value of the chain: a store (value or address), an atomic, a
// call with side effects, a return, or, in the chain's own block, the
// address of another load that keeps its marker. That last load is itself
// kept, by its marker or by a chain of its own (markers are decided against
// the markers as they are, then applied); as it lies after the chain's load
// in the same block, its own chain cannot come back through this one.
bool Keeps(const llvm::Instruction* inst, const llvm::Value* value, const Chain& chain,
           const llvm::DenseSet<llvm::CallInst*>& markers) {
  if (auto* store = llvm::dyn_cast<llvm::StoreInst>(inst)) return StaysWhole(store, chain);
  if (llvm::isa<llvm::AtomicRMWInst, llvm::AtomicCmpXchgInst, llvm::ReturnInst>(inst)) return true;
  if (auto* call = llvm::dyn_cast<llvm::CallInst>(inst)) {
    // An assumption is dropped once it is known to hold.
    auto* intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(call);
    if (markers.contains(const_cast<llvm::CallInst*>(call)) || (intrinsic && intrinsic->isAssumeLikeIntrinsic()))
      return false;
    return call->mayHaveSideEffects();
  }
  if (auto* load = llvm::dyn_cast<llvm::LoadInst>(inst))
    return chain.IsOrigin() && load->getPointerOperand() == value && HasMarker(load, markers);
  return false;
}

// True when the value the marker reads, `start`, stays whatever later passes
// do (file comment): from its block on, along every path, it flows through
// links into something that stays, or on along every edge, and from every
// block it reaches it can still reach something that stays.
bool Anchored(const llvm::Instruction* start, const llvm::DominatorTree& dt, Constancy& constancy,
              const llvm::DenseSet<llvm::CallInst*>& markers) {
  struct State {
    const llvm::BasicBlock* block;
    ChainValues entry;
    bool absorbed = false;
    llvm::SmallVector<unsigned, 2> next;
  };
  std::vector<State> states;
  auto find = [&](const llvm::BasicBlock* block, const ChainValues& entry) -> std::optional<unsigned> {
    for (unsigned i = 0; i < states.size(); ++i) {
      if (states[i].block != block || states[i].entry.size() != entry.size()) continue;
      if (llvm::all_of(entry, [&](const auto& value) { return states[i].entry.contains(value.first); })) return i;
    }
    return std::nullopt;
  };
  Chain chain(dt, constancy, llvm::dyn_cast<llvm::LoadInst>(start));
  states.push_back({start->getParent(), ChainValues{{start, Held{0, Width(start->getType())}}}, false, {}});
  for (unsigned index = 0; index < states.size(); ++index) {
    const llvm::BasicBlock* block = states[index].block;
    bool origin = index == 0;
    chain.Enter(states[index].entry, origin ? start : nullptr);
    ChainValues& values = chain.values();
    // The block's users of the chain's values, in any order: a link's
    // operands are computed before it, and Independent follows an operand
    // back to the values the state entered with.
    llvm::SmallVector<const llvm::Value*, 16> work;
    for (const auto& [value, held] : values) work.push_back(value);
    while (!work.empty() && !states[index].absorbed) {
      const llvm::Value* value = work.pop_back_val();
      Held held = values.find(value)->second;
      for (const llvm::User* user : value->users()) {
        auto* inst = llvm::cast<llvm::Instruction>(user);
        if (inst->getParent() != block || llvm::isa<llvm::PHINode>(inst) || values.contains(inst)) continue;
        if (Keeps(inst, value, chain, markers)) {
          states[index].absorbed = true;
          break;
        }
        if (std::optional<Held> linked = Link(inst, value, held, chain)) {
          if (values.size() == kMaxChainValues) return false;
          values.try_emplace(inst, *linked);
          work.push_back(inst);
        }
      }
    }
    if (states[index].absorbed) continue;
    // Passed on along every edge, or lost on one of them.
    for (const llvm::BasicBlock* successor : llvm::successors(block)) {
      ChainValues carried;
      // A holed value (Held) is not carried: a phi of it is no cast.
      for (const llvm::PHINode& phi : successor->phis()) {
        auto found = values.find(phi.getIncomingValueForBlock(block));
        if (found != values.end() && !found->second.holed) carried.try_emplace(&phi, found->second);
      }
      // Earlier values of the chain that the successor can still use (and
      // some block does use outside their own).
      for (const auto& [value, held] : values) {
        const llvm::BasicBlock* home = llvm::cast<llvm::Instruction>(value)->getParent();
        auto usedElsewhere = [&](const llvm::User* user) { return llvm::cast<llvm::Instruction>(user)->getParent() != home; };
        if (!held.holed && dt.properlyDominates(home, successor) && llvm::any_of(value->users(), usedElsewhere))
          carried.try_emplace(value, held);
      }
      if (carried.empty()) return false;
      std::optional<unsigned> next = find(successor, carried);
      if (!next) {
        if (states.size() == kMaxStates) return false;
        next = unsigned(states.size());
        states.push_back({successor, std::move(carried), false, {}});
      }
      states[index].next.push_back(*next);
    }
  }
  // Every state must still reach one that keeps the chain: a cycle no exit
  // reads is deleted whole.
  for (bool changed = true; changed;) {
    changed = false;
    for (State& state : states)
      if (!state.absorbed && llvm::any_of(state.next, [&](unsigned n) { return states[n].absorbed; }))
        state.absorbed = changed = true;
  }
  return llvm::all_of(states, [](const State& state) { return state.absorbed; });
}

}  // namespace

llvm::LoadInst* FakeUsedLoad(const llvm::Instruction& inst) {
  auto* intrinsic = llvm::dyn_cast<llvm::IntrinsicInst>(&inst);
  if (!intrinsic || intrinsic->getIntrinsicID() != llvm::Intrinsic::fake_use || intrinsic->arg_size() != 1)
    return nullptr;
  return llvm::dyn_cast<llvm::LoadInst>(intrinsic->getArgOperand(0));
}

llvm::PreservedAnalyses KeptLoadsToFakeUsesPass::run(llvm::Function& f, llvm::FunctionAnalysisManager& analyses) {
  llvm::DenseSet<llvm::CallInst*> markers;
  for (llvm::Instruction& inst : llvm::instructions(f))
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(&inst); call && IsMarker(call)) markers.insert(call);
  if (markers.empty()) return llvm::PreservedAnalyses::all();
  auto& dt = analyses.getResult<llvm::DominatorTreeAnalysis>(f);
  Constancy constancy;
  // Decided against the markers as they are, then applied: a load that is
  // the anchor of another's chain is itself anchored or keeps its use. The
  // marker reads the load, or what earlier passes put in its place (a phi
  // of the loads LICM hoisted out of a loop and stored back after it): that
  // value is followed, as it is what keeps those loads.
  std::vector<llvm::CallInst*> dropped, converted;
  for (llvm::CallInst* marker : markers) {
    auto* value = llvm::dyn_cast<llvm::Instruction>(marker->getArgOperand(0));
    (value && Anchored(value, dt, constancy, markers) ? dropped : converted).push_back(marker);
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
