// Type-directed translation of component values between representations,
// the engine behind every adapter. A value is read from a FlatSource (core
// values, as a guest passes them or as the host returned them) and written
// either to a FlatSink (core values for the other side) or to linear memory
// at a guest address, following design/mvp/CanonicalABI.md (lift_flat,
// lower_flat, store). Variants branch per case, so a case's payload is only
// touched when that case is present.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "compiler/abi/AdapterContext.h"
#include "llvm/IR/IRBuilder.h"

namespace wacc::abi {

// A sequence of core values being consumed.
class FlatSource {
 public:
  virtual ~FlatSource() = default;
  // The next value, coerced to `want` (payloads of joined variant cases are
  // narrowed as the canonical ABI's CoerceValueIter does).
  virtual llvm::Value* read(llvm::IRBuilder<>& b, FlatType want) = 0;
  // A source over the next `count` values, without consuming them (each
  // variant case reads the same payload values).
  virtual std::unique_ptr<FlatSource> view(size_t count) = 0;
  virtual void skip(size_t count) = 0;
};

// A sequence of core values being produced, one slot per flat type.
class FlatSink {
 public:
  virtual ~FlatSink() = default;
  // Stores `value` into the next slot, widened to the slot's joined type.
  virtual void write(llvm::IRBuilder<>& b, llvm::Value* value) = 0;
  virtual std::unique_ptr<FlatSink> view(size_t count) = 0;
  virtual void skip(size_t count) = 0;
};

// Guest core values (function parameters) as a source.
std::unique_ptr<FlatSource> MakeValueSource(std::vector<llvm::Value*> values);
// The host's `uint64_t results[]` array as a source.
std::unique_ptr<FlatSource> MakeHostResultsSource(llvm::Value* results, size_t count);
// Stack slots of the given types, zero-initialised at the builder's position;
// read back with SlotSink::load after writing.
class SlotSink : public FlatSink {
 public:
  SlotSink(llvm::IRBuilder<>& b, const std::vector<FlatType>& types);
  void write(llvm::IRBuilder<>& b, llvm::Value* value) override;
  std::unique_ptr<FlatSink> view(size_t count) override;
  void skip(size_t count) override { pos_ += count; }
  std::vector<llvm::Value*> load(llvm::IRBuilder<>& b) const;

 private:
  explicit SlotSink(std::vector<llvm::AllocaInst*> slots) : slots_(std::move(slots)) {}
  std::vector<llvm::AllocaInst*> slots_;
  size_t pos_ = 0;
};

// The host's uint64_t slots at `base` (one per flat value) as a sink.
class HostSlotSink : public FlatSink {
 public:
  explicit HostSlotSink(llvm::Value* base, size_t begin = 0) : base_(base), pos_(begin) {}
  void write(llvm::IRBuilder<>& b, llvm::Value* value) override;
  std::unique_ptr<FlatSink> view(size_t count) override { return std::make_unique<HostSlotSink>(base_, pos_); }
  void skip(size_t count) override { pos_ += count; }

 private:
  llvm::Value* base_;
  size_t pos_;
};

// Calls the guest's realloc or post-return with the instance's may_leave
// cleared, so any import it calls traps.
llvm::CallInst* CallWithoutLeaving(llvm::IRBuilder<>& b, const AdapterContext& ctx, llvm::Function* f,
                                   llvm::ArrayRef<llvm::Value*> args);

// Calls the guest's realloc (without leaving) on what is, as far as
// context.get/set can tell, a fresh thread (CanonicalABI.md, call_realloc):
// it sees zeroed context slots, and what it sets is gone after.
llvm::Value* CallRealloc(llvm::IRBuilder<>& b, const AdapterContext& ctx, llvm::ArrayRef<llvm::Value*> args);

// CanonicalABI.md's MAX_STRING_BYTE_LENGTH and MAX_LIST_BYTE_LENGTH.
constexpr uint64_t kMaxValueByteLength = (uint64_t(1) << 28) - 1;

enum class Direction : uint8_t {
  GuestToHost,  // guest handles become reps, guest (ptr,len) become host pointers
  HostToGuest,  // reps become new guest handles, host buffers are copied in via realloc
};

class ValueTranslator {
 public:
  ValueTranslator(AdapterContext& ctx, llvm::IRBuilder<>& b, Direction direction);

  // Flat to flat (guest params to host params; host results to one guest result).
  void translate(TypeRef type, FlatSource& src, FlatSink& dst);
  // Flat to guest memory at `guestAddress` (i32); the address must already
  // be checked for alignment and bounds.
  void store(TypeRef type, FlatSource& src, llvm::Value* guestAddress);
  // Guest memory at `guestAddress` (checked) to flat values: the canonical
  // ABI's load, for spilled parameters and list elements.
  void load(TypeRef type, llvm::Value* guestAddress, FlatSink& dst);

  // Traps if a lifted string or list would be longer than the canonical
  // ABI allows (kMaxValueByteLength); byteLength is an i64.
  void checkByteLength(llvm::Value* byteLength);
  // Traps unless [address, address + size) is inside the memory and address
  // is aligned.
  void checkRange(llvm::Value* address, llvm::Value* byteLength, uint32_t align);
  // A host pointer to guest address `address` (i32).
  llvm::Value* hostPointer(llvm::Value* address);

  // Borrow handles lowered into a guest (HostToGuest) live only for the call:
  // while a scope is open they are recorded, and endBorrowScope drops them.
  void beginBorrowScope() { borrowScope_.emplace(); }
  // ... or, lowered into a callee task, they belong to the task until the
  // callee drops them (CanonicalABI.md, lower_borrow's borrow_scope; the
  // task's return traps while any remain): scopeBorrowsToTask hands the
  // recorded handles to `task` (wacc_rt_task_borrow) and closes the scope.
  void scopeBorrowsToTask(llvm::Value* task);

  // Borrows lifted from a caller's own handles (GuestToHost) are lends: the
  // handle cannot be dropped or given away until the call returns
  // (CanonicalABI.md, lift_borrow and num_lends). While a scope is open
  // they are recorded, and endLendScope ends them. Borrows inside lists are
  // not tracked (their handles are not kept past the loop).
  void beginLendScope() { lendScope_.emplace(); }
  void endLendScope();

  // Traps with "cannot enter component instance" unless ctx.mayEnter is set,
  // then clears it; the caller sets it again when the call is over. For
  // calls from the host only: after a trap the flag stays clear (poisoned).
  void checkMayEnter();
  // Traps with "cannot leave component instance" unless ctx.mayLeave is set.
  void checkMayLeave();
  void endBorrowScope();

 private:
  void translatePrimitive(TypeRef type, FlatSource& src, FlatSink& dst);
  void translateList(TypeRef type, FlatSource& src, FlatSink& dst);
  // Strings in the side's string encoding (StringTranslation.cpp).
  void translateString(FlatSource& src, FlatSink& dst);
  llvm::Value* stringFromGuest(llvm::Value* ptr, llvm::Value* taggedLength, llvm::Value*& utf8Length);
  void stringIntoGuest(llvm::Value* utf8, llvm::Value* length, FlatSink& dst);
  // Emits `onTrue` and `onFalse` as two branches and merges the values each
  // returns (all of one type per position) through stack slots.
  template <typename T, typename F>
  std::vector<llvm::Value*> branch(llvm::Value* condition, T onTrue, F onFalse);
  void translateVariant(TypeRef type, FlatSource& src, FlatSink& dst);
  void translateHandle(TypeRef type, FlatSource& src, FlatSink& dst);
  llvm::Value* copyIntoGuest(llvm::Value* hostPtr, llvm::Value* count, MemoryLayout element);
  llvm::Value* allocateInGuest(llvm::Value* count, MemoryLayout element);
  // Runs `body(i)` for i in [0, count).
  template <typename Body>
  void forEachIndex(llvm::Value* count, Body body);
  llvm::Value* loadInt(llvm::Value* guestAddress, uint32_t offset, unsigned bits);
  llvm::Value* checkedDiscriminant(llvm::Value* disc, size_t numCases);
  llvm::Value* memoryBytes();
  llvm::Value* memoryBase();
  // Emits `body(caseIndex)` under a switch on `disc`, for cases with payloads.
  template <typename Body>
  void forEachCase(llvm::Value* disc, const std::vector<TypeRef>& cases, Body body);
  void trapIf(llvm::Value* condition, uint32_t reason);
  // A stack slot allocated once in the entry block (not per loop iteration).
  llvm::AllocaInst* entryAlloca(llvm::Type* type);
  Side sourceSide() const { return direction_ == Direction::GuestToHost ? Side::Guest : Side::Host; }
  Side sinkSide() const { return direction_ == Direction::GuestToHost ? Side::Host : Side::Guest; }

  AdapterContext& ctx_;
  llvm::IRBuilder<>& b_;
  Direction direction_;
  std::optional<std::vector<std::pair<llvm::AllocaInst*, component::ResourceId>>> borrowScope_;
  std::optional<std::vector<std::pair<llvm::AllocaInst*, component::ResourceId>>> lendScope_;
  unsigned loopDepth_ = 0;  // forEachIndex bodies being emitted
};

// Lifts a core function's `result` (its return value `core`, or the address
// it returned when the results are spilled) into the host slots at `slots`:
// the step every adapter that calls a lifted function takes.
void LiftCoreResults(AdapterContext& callee, llvm::IRBuilder<>& b, TypeRef result, bool spilled, llvm::Value* core,
                     llvm::Value* slots);

}  // namespace wacc::abi
