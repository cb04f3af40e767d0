#include "compiler/abi/ValueTranslator.h"
#include "wacc/Async.h"

#include "wacc/Runtime.h"

namespace wacc::abi {

using Kind = ValueType::Kind;
using component::PrimValType;

llvm::Type* FlatLLVMType(llvm::LLVMContext& c, FlatType t) {
  switch (t) {
    case FlatType::I32: return llvm::Type::getInt32Ty(c);
    case FlatType::I64: return llvm::Type::getInt64Ty(c);
    case FlatType::F32: return llvm::Type::getFloatTy(c);
    case FlatType::F64: return llvm::Type::getDoubleTy(c);
  }
  return nullptr;
}

namespace {

// Reinterprets `v` (an integer or float of any flat width) as `to`, the way
// the canonical ABI moves variant payloads through joined slots.
llvm::Value* Coerce(llvm::IRBuilder<>& b, llvm::Value* v, llvm::Type* to) {
  llvm::Type* from = v->getType();
  if (from == to) return v;
  auto& c = b.getContext();
  // Route everything through an integer of the source's width.
  if (from->isFloatTy()) v = b.CreateBitCast(v, b.getInt32Ty());
  if (from->isDoubleTy()) v = b.CreateBitCast(v, b.getInt64Ty());
  unsigned toBits = to->isFloatTy() ? 32 : to->isDoubleTy() ? 64 : to->getIntegerBitWidth();
  v = b.CreateZExtOrTrunc(v, llvm::IntegerType::get(c, toBits));
  if (to->isFloatingPointTy()) v = b.CreateBitCast(v, to);
  return v;
}

class ValueSource : public FlatSource {
 public:
  explicit ValueSource(std::vector<llvm::Value*> values) : values_(std::move(values)) {}
  llvm::Value* read(llvm::IRBuilder<>& b, FlatType want) override {
    llvm::Value* v = values_.at(pos_++);
    return Coerce(b, v, FlatLLVMType(b.getContext(), want));
  }
  std::unique_ptr<FlatSource> view(size_t count) override {
    return std::make_unique<ValueSource>(
        std::vector<llvm::Value*>(values_.begin() + pos_, values_.begin() + pos_ + count));
  }
  void skip(size_t count) override { pos_ += count; }

 private:
  std::vector<llvm::Value*> values_;
  size_t pos_ = 0;
};

class HostResultsSource : public FlatSource {
 public:
  HostResultsSource(llvm::Value* results, size_t begin) : results_(results), pos_(begin) {}
  llvm::Value* read(llvm::IRBuilder<>& b, FlatType want) override {
    llvm::Value* slot = b.CreateConstInBoundsGEP1_64(b.getInt64Ty(), results_, pos_++);
    return Coerce(b, b.CreateLoad(b.getInt64Ty(), slot), FlatLLVMType(b.getContext(), want));
  }
  std::unique_ptr<FlatSource> view(size_t count) override {
    return std::make_unique<HostResultsSource>(results_, pos_);
  }
  void skip(size_t count) override { pos_ += count; }

 private:
  llvm::Value* results_;
  size_t pos_;
};

}  // namespace

std::unique_ptr<FlatSource> MakeValueSource(std::vector<llvm::Value*> values) {
  return std::make_unique<ValueSource>(std::move(values));
}

std::unique_ptr<FlatSource> MakeHostResultsSource(llvm::Value* results, size_t count) {
  return std::make_unique<HostResultsSource>(results, 0);
}

SlotSink::SlotSink(llvm::IRBuilder<>& b, const std::vector<FlatType>& types) {
  llvm::Function* f = b.GetInsertBlock()->getParent();
  llvm::IRBuilder<> entry(&f->getEntryBlock(), f->getEntryBlock().begin());
  for (FlatType t : types) {
    llvm::Type* ty = FlatLLVMType(b.getContext(), t);
    llvm::AllocaInst* slot = entry.CreateAlloca(ty);
    b.CreateStore(llvm::Constant::getNullValue(ty), slot);
    slots_.push_back(slot);
  }
}

void SlotSink::write(llvm::IRBuilder<>& b, llvm::Value* value) {
  llvm::AllocaInst* slot = slots_.at(pos_++);
  b.CreateStore(Coerce(b, value, slot->getAllocatedType()), slot);
}

std::unique_ptr<FlatSink> SlotSink::view(size_t count) {
  return std::unique_ptr<FlatSink>(
      new SlotSink(std::vector<llvm::AllocaInst*>(slots_.begin() + pos_, slots_.begin() + pos_ + count)));
}

std::vector<llvm::Value*> SlotSink::load(llvm::IRBuilder<>& b) const {
  std::vector<llvm::Value*> values;
  for (llvm::AllocaInst* slot : slots_) values.push_back(b.CreateLoad(slot->getAllocatedType(), slot));
  return values;
}

void HostSlotSink::write(llvm::IRBuilder<>& b, llvm::Value* value) {
  llvm::Value* slot = b.CreateConstInBoundsGEP1_64(b.getInt64Ty(), base_, pos_++);
  b.CreateStore(Coerce(b, value, b.getInt64Ty()), slot);
}

// --- ValueTranslator -----------------------------------------------------------------

ValueTranslator::ValueTranslator(AdapterContext& ctx, llvm::IRBuilder<>& b, Direction direction)
    : ctx_(ctx), b_(b), direction_(direction) {}

void ValueTranslator::trapIf(llvm::Value* condition, uint32_t reason) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto& c = b_.getContext();
  llvm::BasicBlock* trapBlock = llvm::BasicBlock::Create(c, "trap", f);
  llvm::BasicBlock* cont = llvm::BasicBlock::Create(c, "ok", f);
  b_.CreateCondBr(condition, trapBlock, cont);
  b_.SetInsertPoint(trapBlock);
  ctx_.program.runtime().emitTrap(b_, reason, ctx_.program.runtime().cString(ctx_.debugName));
  b_.SetInsertPoint(cont);
}

llvm::AllocaInst* ValueTranslator::entryAlloca(llvm::Type* type) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  llvm::IRBuilder<> entry(&f->getEntryBlock(), f->getEntryBlock().begin());
  return entry.CreateAlloca(type);
}

llvm::Value* ValueTranslator::memoryBase() {
  auto& rt = ctx_.program.runtime();
  llvm::Value* field = b_.CreateStructGEP(rt.memoryType(), ctx_.memory, lower::RuntimeABI::kMemoryBase);
  llvm::LoadInst* base = b_.CreateLoad(b_.getPtrTy(), field);
  // The base never moves once the memory is initialised.
  base->setMetadata(llvm::LLVMContext::MD_invariant_load, llvm::MDNode::get(b_.getContext(), {}));
  return base;
}

llvm::Value* ValueTranslator::memoryBytes() {
  auto& rt = ctx_.program.runtime();
  llvm::Value* field = b_.CreateStructGEP(rt.memoryType(), ctx_.memory, lower::RuntimeABI::kMemoryPages);
  return b_.CreateShl(b_.CreateLoad(b_.getInt64Ty(), field), 16);
}

llvm::Value* ValueTranslator::hostPointer(llvm::Value* address) {
  return b_.CreateInBoundsGEP(b_.getInt8Ty(), memoryBase(), b_.CreateZExt(address, b_.getInt64Ty()));
}

void ValueTranslator::checkByteLength(llvm::Value* byteLength) {
  // CanonicalABI.md: a lifted string or list is at most 2^28-1 bytes
  // (MAX_STRING_BYTE_LENGTH, MAX_LIST_BYTE_LENGTH), checked before its range.
  // Reported as an out-of-bounds access, the runtime having no other reason
  // for it.
  trapIf(b_.CreateICmpUGT(byteLength, b_.getInt64(kMaxValueByteLength)), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
}

void ValueTranslator::checkRange(llvm::Value* address, llvm::Value* byteLength, uint32_t align) {
  if (align > 1)
    trapIf(b_.CreateICmpNE(b_.CreateAnd(address, b_.getInt32(align - 1)), b_.getInt32(0)), WACC_TRAP_UNALIGNED_POINTER);
  llvm::Value* end = b_.CreateAdd(b_.CreateZExt(address, b_.getInt64Ty()), byteLength);
  trapIf(b_.CreateICmpUGT(end, memoryBytes()), WACC_TRAP_MEMORY_OUT_OF_BOUNDS);
}

llvm::Value* ValueTranslator::checkedDiscriminant(llvm::Value* disc, size_t numCases) {
  if (direction_ == Direction::GuestToHost)
    trapIf(b_.CreateICmpUGE(disc, b_.getInt32(numCases)), WACC_TRAP_INVALID_DISCRIMINANT);
  return disc;
}

template <typename Body>
void ValueTranslator::forEachCase(llvm::Value* disc, const std::vector<TypeRef>& cases, Body body) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto& c = b_.getContext();
  llvm::BasicBlock* merge = llvm::BasicBlock::Create(c, "case.end", f);
  llvm::SwitchInst* sw = b_.CreateSwitch(disc, merge);
  for (size_t i = 0; i < cases.size(); ++i) {
    if (!cases[i]) continue;
    llvm::BasicBlock* block = llvm::BasicBlock::Create(c, "case", f, merge);
    sw->addCase(b_.getInt32(i), block);
    b_.SetInsertPoint(block);
    body(i);
    b_.CreateBr(merge);
  }
  b_.SetInsertPoint(merge);
}

void ValueTranslator::translate(TypeRef t, FlatSource& src, FlatSink& dst) {
  switch (t->kind) {
    case Kind::Primitive:
      if (t->prim == PrimValType::String) return translateList(t, src, dst);
      return translatePrimitive(t, src, dst);
    case Kind::List: return translateList(t, src, dst);
    case Kind::Record:
    case Kind::Tuple:
      for (const auto& f : t->fields) translate(f.type, src, dst);
      return;
    case Kind::Flags: {
      uint32_t words = FlagsWords(t->labels.size());
      for (uint32_t w = 0; w < words; ++w) {
        llvm::Value* v = src.read(b_, FlatType::I32);
        uint32_t bitsInWord = std::min<size_t>(32, t->labels.size() - 32 * w);
        if (bitsInWord < 32) v = b_.CreateAnd(v, b_.getInt32((1u << bitsInWord) - 1));
        dst.write(b_, v);
      }
      return;
    }
    case Kind::Own:
    case Kind::Borrow:
    case Kind::Stream:
    case Kind::Future: return translateHandle(t, src, dst);
    case Kind::Variant:
    case Kind::Option:
    case Kind::Result:
    case Kind::Enum: return translateVariant(t, src, dst);
  }
}

void ValueTranslator::translatePrimitive(TypeRef t, FlatSource& src, FlatSink& dst) {
  std::vector<FlatType> flat = Flatten(t, Side::Guest);
  llvm::Value* v = src.read(b_, flat[0]);
  switch (t->prim) {
    case PrimValType::Bool: v = b_.CreateZExt(b_.CreateICmpNE(v, b_.getInt32(0)), b_.getInt32Ty()); break;
    case PrimValType::U8: v = b_.CreateAnd(v, b_.getInt32(0xff)); break;
    case PrimValType::U16: v = b_.CreateAnd(v, b_.getInt32(0xffff)); break;
    case PrimValType::S8: v = b_.CreateSExt(b_.CreateTrunc(v, b_.getInt8Ty()), b_.getInt32Ty()); break;
    case PrimValType::S16: v = b_.CreateSExt(b_.CreateTrunc(v, b_.getInt16Ty()), b_.getInt32Ty()); break;
    case PrimValType::Char: {
      // Unicode scalar values only: below 0x110000 and not a surrogate.
      llvm::Value* tooBig = b_.CreateICmpUGE(v, b_.getInt32(0x110000));
      llvm::Value* surrogate = b_.CreateICmpULT(b_.CreateSub(v, b_.getInt32(0xD800)), b_.getInt32(0x800));
      trapIf(b_.CreateOr(tooBig, surrogate), WACC_TRAP_INVALID_CHAR);
      break;
    }
    case PrimValType::F32:
    case PrimValType::F64: {
      // Every NaN crosses as the canonical NaN (CanonicalABI.md,
      // canonicalize_nan32/64), so no NaN payload leaks between sides.
      bool isDouble = t->prim == PrimValType::F64;
      llvm::Constant* canonical = llvm::ConstantFP::get(
          b_.getContext(), isDouble ? llvm::APFloat(llvm::APFloat::IEEEdouble(), llvm::APInt(64, 0x7ff8000000000000ull))
                                    : llvm::APFloat(llvm::APFloat::IEEEsingle(), llvm::APInt(32, 0x7fc00000u)));
      v = b_.CreateSelect(b_.CreateFCmpUNO(v, v), canonical, v);
      break;
    }
    default: break;
  }
  dst.write(b_, v);
}

void ValueTranslator::translateHandle(TypeRef t, FlatSource& src, FlatSink& dst) {
  auto& rt = ctx_.program.runtime();
  if (t->kind == Kind::Stream || t->kind == Kind::Future) {
    // The readable end moves between tables (wacc/Async.h): out of the
    // lifting side's, into the lowering side's; the host holds it by rep.
    llvm::Value* type =
        b_.getInt32(t->kind == Kind::Stream ? WACC_HANDLE_STREAM_READABLE : WACC_HANDLE_FUTURE_READABLE);
    llvm::Value* v = src.read(b_, FlatType::I32);
    if (direction_ == Direction::GuestToHost)
      dst.write(b_, b_.CreateCall(rt.waitableLift(), {ctx_.handleTable, v, type}));
    else
      dst.write(b_, b_.CreateCall(rt.waitableLower(), {ctx_.handleTable, type, v}));
    return;
  }
  llvm::Value* type = b_.getInt32(t->resource);
  llvm::Value* v = src.read(b_, FlatType::I32);
  if (direction_ == Direction::GuestToHost) {
    if (t->kind == Kind::Borrow && lendScope_ && loopDepth_ == 0) {
      llvm::Function* f = b_.GetInsertBlock()->getParent();
      llvm::IRBuilder<> entry(&f->getEntryBlock(), f->getEntryBlock().begin());
      llvm::AllocaInst* slot = entry.CreateAlloca(b_.getInt32Ty());
      entry.CreateStore(b_.getInt32(0), slot);
      llvm::Value* rep = b_.CreateCall(rt.handleLend(), {ctx_.handleTable, v, type});
      b_.CreateStore(v, slot);
      lendScope_->push_back({slot, t->resource});
      dst.write(b_, rep);
      return;
    }
    llvm::FunctionCallee f = t->kind == Kind::Own ? rt.handleTakeOwn() : rt.handleRep();
    dst.write(b_, b_.CreateCall(f, {ctx_.handleTable, v, type}));
    return;
  }
  const component::ResourceInfo& resource = ctx_.resources[t->resource];
  if (t->kind == Kind::Borrow && !resource.isHost && resource.definingInstance == ctx_.componentInstance) {
    // A borrow lowered into the component that implements the resource is
    // the rep itself (CanonicalABI.md, lower_borrow).
    dst.write(b_, v);
    return;
  }
  llvm::Value* own = b_.getInt32(t->kind == Kind::Own ? 1 : 0);
  llvm::Value* handle = b_.CreateCall(rt.handleNew(), {ctx_.handleTable, type, v, own});
  if (t->kind == Kind::Borrow && borrowScope_) {
    // The borrow ends with the call: remember the handle to drop it then.
    llvm::Function* f = b_.GetInsertBlock()->getParent();
    llvm::IRBuilder<> entry(&f->getEntryBlock(), f->getEntryBlock().begin());
    llvm::AllocaInst* slot = entry.CreateAlloca(b_.getInt32Ty());
    entry.CreateStore(b_.getInt32(0), slot);
    b_.CreateStore(handle, slot);
    borrowScope_->push_back({slot, t->resource});
  }
  dst.write(b_, handle);
}

llvm::CallInst* CallWithoutLeaving(llvm::IRBuilder<>& b, const AdapterContext& ctx, llvm::Function* f,
                                   llvm::ArrayRef<llvm::Value*> args) {
  b.CreateStore(b.getInt8(0), ctx.mayLeave);
  llvm::CallInst* call = b.CreateCall(f, args);
  call->setCallingConv(f->getCallingConv());
  b.CreateStore(b.getInt8(1), ctx.mayLeave);
  return call;
}

llvm::Value* CallRealloc(llvm::IRBuilder<>& b, const AdapterContext& ctx, llvm::ArrayRef<llvm::Value*> args) {
  if (!ctx.asyncTasks) return CallWithoutLeaving(b, ctx, ctx.realloc, args);
  auto& rt = ctx.program.runtime();
  llvm::Value* saved = b.CreateCall(rt.contextSwap(), {b.getInt64(0)});
  llvm::Value* ptr = CallWithoutLeaving(b, ctx, ctx.realloc, args);
  b.CreateCall(rt.contextSwap(), {saved});
  return ptr;
}

void ValueTranslator::checkMayLeave() {
  llvm::Value* allowed = b_.CreateLoad(b_.getInt8Ty(), ctx_.mayLeave);
  trapIf(b_.CreateICmpEQ(allowed, b_.getInt8(0)), WACC_TRAP_CANNOT_LEAVE);
}

void ValueTranslator::checkMayEnter() {
  llvm::Value* allowed = b_.CreateLoad(b_.getInt8Ty(), ctx_.mayEnter);
  trapIf(b_.CreateICmpEQ(allowed, b_.getInt8(0)), WACC_TRAP_CANNOT_ENTER);
  b_.CreateStore(b_.getInt8(0), ctx_.mayEnter);
}

void ValueTranslator::endLendScope() {
  if (!lendScope_) return;
  auto& rt = ctx_.program.runtime();
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  for (const auto& [slot, resource] : *lendScope_) {
    llvm::Value* handle = b_.CreateLoad(b_.getInt32Ty(), slot);
    llvm::BasicBlock* end = llvm::BasicBlock::Create(b_.getContext(), "end.lend", f);
    llvm::BasicBlock* next = llvm::BasicBlock::Create(b_.getContext(), "end.lend.next", f);
    b_.CreateCondBr(b_.CreateICmpNE(handle, b_.getInt32(0)), end, next);
    b_.SetInsertPoint(end);
    b_.CreateCall(rt.handleEndLend(), {ctx_.handleTable, handle, b_.getInt32(resource)});
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
  }
  lendScope_->clear();
}

void ValueTranslator::endBorrowScope() {
  if (!borrowScope_) return;
  auto& rt = ctx_.program.runtime();
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  llvm::IRBuilder<> entry(&f->getEntryBlock(), f->getEntryBlock().begin());
  llvm::AllocaInst* rep = entry.CreateAlloca(b_.getInt32Ty());
  for (const auto& [slot, resource] : *borrowScope_) {
    llvm::Value* handle = b_.CreateLoad(b_.getInt32Ty(), slot);
    llvm::BasicBlock* drop = llvm::BasicBlock::Create(b_.getContext(), "end.borrow", f);
    llvm::BasicBlock* next = llvm::BasicBlock::Create(b_.getContext(), "end.borrow.next", f);
    b_.CreateCondBr(b_.CreateICmpNE(handle, b_.getInt32(0)), drop, next);
    b_.SetInsertPoint(drop);
    b_.CreateCall(rt.handleDrop(), {ctx_.handleTable, handle, b_.getInt32(resource), rep});
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
  }
  borrowScope_->clear();
}

void ValueTranslator::scopeBorrowsToTask(llvm::Value* task) {
  if (!borrowScope_) return;
  auto& rt = ctx_.program.runtime();
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  for (const auto& [slot, resource] : *borrowScope_) {
    llvm::Value* handle = b_.CreateLoad(b_.getInt32Ty(), slot);
    llvm::BasicBlock* scope = llvm::BasicBlock::Create(b_.getContext(), "scope.borrow", f);
    llvm::BasicBlock* next = llvm::BasicBlock::Create(b_.getContext(), "scope.borrow.next", f);
    b_.CreateCondBr(b_.CreateICmpNE(handle, b_.getInt32(0)), scope, next);
    b_.SetInsertPoint(scope);
    b_.CreateCall(rt.taskBorrow(), {ctx_.handleTable, handle, b_.getInt32(resource), task});
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
  }
  borrowScope_.reset();
}

static MemoryLayout ElementLayout(TypeRef t) {
  if (t->kind == Kind::Primitive) return {1, 1};  // a UTF-8 string's code units
  return LayoutOf(t->element);
}

void ValueTranslator::translateList(TypeRef t, FlatSource& src, FlatSink& dst) {
  MemoryLayout element = ElementLayout(t);
  bool isString = t->kind == Kind::Primitive;
  if (isString) return translateString(src, dst);
  bool isPlain = isString || IsPlainData(t->element);
  if (direction_ == Direction::GuestToHost) {
    llvm::Value* ptr = src.read(b_, FlatType::I32);
    llvm::Value* len = src.read(b_, FlatType::I32);
    llvm::Value* bytes = b_.CreateMul(b_.CreateZExt(len, b_.getInt64Ty()), b_.getInt64(element.size));
    checkByteLength(bytes);
    checkRange(ptr, bytes, element.align);
    llvm::Value* host = hostPointer(ptr);
    if (isString) b_.CreateCall(ctx_.program.runtime().checkUtf8(), {host, len});
    if (!isPlain) {
      // Elements the host cannot read in place become host-flat slots.
      size_t slotsPerElement = Flatten(t->element, Side::Host).size();
      llvm::Value* slotBytes = b_.CreateMul(b_.CreateZExt(len, b_.getInt64Ty()), b_.getInt64(8 * slotsPerElement));
      host = b_.CreateCall(ctx_.program.runtime().scratchAlloc(), {slotBytes});
      llvm::Value* slots = host;
      forEachIndex(len, [&](llvm::Value* i) {
        llvm::Value* first = b_.CreateMul(b_.CreateZExt(i, b_.getInt64Ty()), b_.getInt64(slotsPerElement));
        HostSlotSink sink(b_.CreateInBoundsGEP(b_.getInt64Ty(), slots, first));
        load(t->element, b_.CreateAdd(ptr, b_.CreateMul(i, b_.getInt32(element.size))), sink);
      });
    }
    dst.write(b_, b_.CreatePtrToInt(host, b_.getInt64Ty()));
    dst.write(b_, len);
    return;
  }
  llvm::Value* host = b_.CreateIntToPtr(src.read(b_, FlatType::I64), b_.getPtrTy());
  llvm::Value* count = src.read(b_, FlatType::I32);
  if (isPlain) {
    dst.write(b_, copyIntoGuest(host, count, element));
  } else {
    size_t slotsPerElement = Flatten(t->element, Side::Host).size();
    llvm::Value* guest = allocateInGuest(count, element);
    forEachIndex(count, [&](llvm::Value* i) {
      llvm::Value* first = b_.CreateMul(b_.CreateZExt(i, b_.getInt64Ty()), b_.getInt64(slotsPerElement));
      auto elementSrc = MakeHostResultsSource(b_.CreateInBoundsGEP(b_.getInt64Ty(), host, first), slotsPerElement);
      store(t->element, *elementSrc, b_.CreateAdd(guest, b_.CreateMul(i, b_.getInt32(element.size))));
    });
    dst.write(b_, guest);
  }
  dst.write(b_, count);
}

llvm::Value* ValueTranslator::allocateInGuest(llvm::Value* count, MemoryLayout element) {
  llvm::Value* bytes32 = b_.CreateMul(count, b_.getInt32(element.size));
  llvm::Value* guest =
      CallRealloc(b_, ctx_, {b_.getInt32(0), b_.getInt32(0), b_.getInt32(element.align), bytes32});
  checkRange(guest, b_.CreateZExt(bytes32, b_.getInt64Ty()), element.align);
  return guest;
}

llvm::Value* ValueTranslator::copyIntoGuest(llvm::Value* hostPtr, llvm::Value* count, MemoryLayout element) {
  llvm::Value* guest = allocateInGuest(count, element);
  llvm::Value* bytes32 = b_.CreateMul(count, b_.getInt32(element.size));
  b_.CreateMemCpy(hostPointer(guest), llvm::MaybeAlign(1), hostPtr, llvm::MaybeAlign(1), bytes32);
  return guest;
}

template <typename Body>
void ValueTranslator::forEachIndex(llvm::Value* count, Body body) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto& c = b_.getContext();
  llvm::BasicBlock* before = b_.GetInsertBlock();
  llvm::BasicBlock* head = llvm::BasicBlock::Create(c, "each", f);
  llvm::BasicBlock* bodyBlock = llvm::BasicBlock::Create(c, "each.body", f);
  llvm::BasicBlock* done = llvm::BasicBlock::Create(c, "each.done", f);
  b_.CreateBr(head);
  b_.SetInsertPoint(head);
  llvm::PHINode* i = b_.CreatePHI(b_.getInt32Ty(), 2);
  i->addIncoming(b_.getInt32(0), before);
  b_.CreateCondBr(b_.CreateICmpULT(i, count), bodyBlock, done);
  b_.SetInsertPoint(bodyBlock);
  ++loopDepth_;
  body(i);
  --loopDepth_;
  // The body may have added blocks; the back edge leaves from wherever it ended.
  i->addIncoming(b_.CreateAdd(i, b_.getInt32(1)), b_.GetInsertBlock());
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
}

llvm::Value* ValueTranslator::loadInt(llvm::Value* address, uint32_t offset, unsigned bits) {
  llvm::Value* p = hostPointer(b_.CreateAdd(address, b_.getInt32(offset)));
  return b_.CreateAlignedLoad(b_.getIntNTy(bits), p, llvm::MaybeAlign(1));
}

void ValueTranslator::load(TypeRef t, llvm::Value* address, FlatSink& dst) {
  auto asI32 = [&](llvm::Value* v, bool isSigned) {
    return isSigned ? b_.CreateSExt(v, b_.getInt32Ty()) : b_.CreateZExt(v, b_.getInt32Ty());
  };
  switch (t->kind) {
    case Kind::Primitive: {
      switch (t->prim) {
        case PrimValType::String: break;
        case PrimValType::F32:
          dst.write(b_, b_.CreateAlignedLoad(b_.getFloatTy(), hostPointer(address), llvm::MaybeAlign(1)));
          return;
        case PrimValType::F64:
          dst.write(b_, b_.CreateAlignedLoad(b_.getDoubleTy(), hostPointer(address), llvm::MaybeAlign(1)));
          return;
        default: {
          // Read the stored width, then canonicalise through the flat path
          // (bool, char and narrow integers are validated/normalised there).
          MemoryLayout l = LayoutOf(t);
          llvm::Value* v = loadInt(address, 0, l.size * 8);
          bool isSigned = t->prim == PrimValType::S8 || t->prim == PrimValType::S16;
          if (l.size < 4) v = asI32(v, isSigned);
          auto src = MakeValueSource({v});
          translatePrimitive(t, *src, dst);
          return;
        }
      }
      [[fallthrough]];
    }
    case Kind::List: {
      auto src = MakeValueSource({loadInt(address, 0, 32), loadInt(address, 4, 32)});
      translateList(t, *src, dst);
      return;
    }
    case Kind::Record:
    case Kind::Tuple: {
      std::vector<uint32_t> offsets = FieldOffsets(t);
      for (size_t i = 0; i < t->fields.size(); ++i)
        load(t->fields[i].type, b_.CreateAdd(address, b_.getInt32(offsets[i])), dst);
      return;
    }
    case Kind::Flags: {
      MemoryLayout l = LayoutOf(t);
      uint32_t words = FlagsWords(t->labels.size());
      std::vector<llvm::Value*> values;
      for (uint32_t w = 0; w < words; ++w)
        values.push_back(asI32(loadInt(address, 4 * w, std::min(32u, l.size * 8)), false));
      auto src = MakeValueSource(values);
      translate(t, *src, dst);
      return;
    }
    case Kind::Own:
    case Kind::Borrow:
    case Kind::Stream:
    case Kind::Future: {
      auto src = MakeValueSource({loadInt(address, 0, 32)});
      translateHandle(t, *src, dst);
      return;
    }
    case Kind::Variant:
    case Kind::Option:
    case Kind::Result:
    case Kind::Enum: {
      std::vector<TypeRef> cases = VariantCases(t);
      llvm::Value* disc = asI32(loadInt(address, 0, DiscriminantSize(cases.size()) * 8), false);
      disc = checkedDiscriminant(disc, cases.size());
      dst.write(b_, disc);
      size_t dstCount = JoinedPayload(cases, sinkSide()).size();
      uint32_t payloadOffset = VariantPayloadOffset(t);
      forEachCase(disc, cases, [&](size_t i) {
        auto caseDst = dst.view(dstCount);
        load(cases[i], b_.CreateAdd(address, b_.getInt32(payloadOffset)), *caseDst);
      });
      dst.skip(dstCount);
      return;
    }
  }
}

void ValueTranslator::translateVariant(TypeRef t, FlatSource& src, FlatSink& dst) {
  std::vector<TypeRef> cases = VariantCases(t);
  llvm::Value* disc = checkedDiscriminant(src.read(b_, FlatType::I32), cases.size());
  dst.write(b_, disc);
  size_t srcCount = JoinedPayload(cases, sourceSide()).size();
  size_t dstCount = JoinedPayload(cases, sinkSide()).size();
  forEachCase(disc, cases, [&](size_t i) {
    auto caseSrc = src.view(srcCount);
    auto caseDst = dst.view(dstCount);
    translate(cases[i], *caseSrc, *caseDst);
  });
  src.skip(srcCount);
  dst.skip(dstCount);
}

void ValueTranslator::store(TypeRef t, FlatSource& src, llvm::Value* address) {
  auto at = [&](uint32_t offset) { return hostPointer(b_.CreateAdd(address, b_.getInt32(offset))); };
  auto storeInt = [&](llvm::Value* v, unsigned bits, uint32_t offset) {
    b_.CreateAlignedStore(b_.CreateZExtOrTrunc(v, b_.getIntNTy(bits)), at(offset), llvm::MaybeAlign(1));
  };
  switch (t->kind) {
    case Kind::Primitive: {
      if (t->prim == PrimValType::String) break;
      MemoryLayout l = LayoutOf(t);
      FlatType flat = Flatten(t, Side::Guest)[0];
      llvm::Value* v = src.read(b_, flat);
      if (t->prim == PrimValType::Bool) v = b_.CreateICmpNE(v, b_.getInt32(0));
      if (flat == FlatType::F32 || flat == FlatType::F64) {
        b_.CreateAlignedStore(v, at(0), llvm::MaybeAlign(1));
      } else {
        storeInt(v, l.size * 8, 0);
      }
      return;
    }
    case Kind::List: break;
    case Kind::Record:
    case Kind::Tuple: {
      std::vector<uint32_t> offsets = FieldOffsets(t);
      for (size_t i = 0; i < t->fields.size(); ++i)
        store(t->fields[i].type, src, b_.CreateAdd(address, b_.getInt32(offsets[i])));
      return;
    }
    case Kind::Flags: {
      MemoryLayout l = LayoutOf(t);
      uint32_t words = FlagsWords(t->labels.size());
      for (uint32_t w = 0; w < words; ++w) storeInt(src.read(b_, FlatType::I32), std::min(32u, l.size * 8), 4 * w);
      return;
    }
    case Kind::Own:
    case Kind::Borrow:
    case Kind::Stream:
    case Kind::Future: {
      SlotSink handle(b_, {FlatType::I32});
      translateHandle(t, src, handle);
      storeInt(handle.load(b_)[0], 32, 0);
      return;
    }
    case Kind::Variant:
    case Kind::Option:
    case Kind::Result:
    case Kind::Enum: {
      std::vector<TypeRef> cases = VariantCases(t);
      llvm::Value* disc = checkedDiscriminant(src.read(b_, FlatType::I32), cases.size());
      storeInt(disc, DiscriminantSize(cases.size()) * 8, 0);
      size_t srcCount = JoinedPayload(cases, sourceSide()).size();
      uint32_t payloadOffset = VariantPayloadOffset(t);
      forEachCase(disc, cases, [&](size_t i) {
        auto caseSrc = src.view(srcCount);
        store(cases[i], *caseSrc, b_.CreateAdd(address, b_.getInt32(payloadOffset)));
      });
      src.skip(srcCount);
      return;
    }
  }
  // Strings and lists: a (pointer, length) pair.
  SlotSink pair(b_, {FlatType::I32, FlatType::I32});
  translateList(t, src, pair);
  std::vector<llvm::Value*> v = pair.load(b_);
  storeInt(v[0], 32, 0);
  storeInt(v[1], 32, 4);
}

void LiftCoreResults(AdapterContext& callee, llvm::IRBuilder<>& b, TypeRef result, bool spilled, llvm::Value* core,
                     llvm::Value* slots) {
  HostSlotSink sink(slots);
  ValueTranslator lift(callee, b, Direction::GuestToHost);
  if (spilled) {
    MemoryLayout l = LayoutOf(result);
    lift.checkRange(core, b.getInt64(l.size), l.align);
    lift.load(result, core, sink);
  } else {
    auto src = MakeValueSource({core});
    lift.translate(result, *src, sink);
  }
}

}  // namespace wacc::abi
