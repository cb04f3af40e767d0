// Strings across the canonical ABI's three encodings. Adapters carry every
// string as UTF-8 between the two sides (the host's encoding), so a guest
// using utf16 or latin1+utf16 is transcoded when its strings are lifted and
// when strings are lowered into it (CanonicalABI.md, load_string and
// store_string; latin1+utf16 tags UTF-16 lengths with bit 31).
#include "compiler/abi/ValueTranslator.h"
#include "wacc/Runtime.h"

namespace wacc::abi {

namespace {
constexpr uint32_t kUtf16Tag = 0x80000000u;
}

template <typename T, typename F>
std::vector<llvm::Value*> ValueTranslator::branch(llvm::Value* condition, T onTrue, F onFalse) {
  llvm::Function* f = b_.GetInsertBlock()->getParent();
  auto& c = b_.getContext();
  llvm::BasicBlock* yes = llvm::BasicBlock::Create(c, "then", f);
  llvm::BasicBlock* no = llvm::BasicBlock::Create(c, "else", f);
  llvm::BasicBlock* merge = llvm::BasicBlock::Create(c, "merge", f);
  b_.CreateCondBr(condition, yes, no);
  llvm::IRBuilder<> entry(&f->getEntryBlock(), f->getEntryBlock().begin());
  std::vector<llvm::AllocaInst*> slots;
  auto arm = [&](llvm::BasicBlock* block, auto body) {
    b_.SetInsertPoint(block);
    std::vector<llvm::Value*> values = body();
    for (size_t i = 0; i < values.size(); ++i) {
      if (slots.size() <= i) slots.push_back(entry.CreateAlloca(values[i]->getType()));
      b_.CreateStore(values[i], slots[i]);
    }
    b_.CreateBr(merge);
  };
  arm(yes, onTrue);
  arm(no, onFalse);
  b_.SetInsertPoint(merge);
  std::vector<llvm::Value*> merged;
  for (llvm::AllocaInst* slot : slots) merged.push_back(b_.CreateLoad(slot->getAllocatedType(), slot));
  return merged;
}

void ValueTranslator::translateString(FlatSource& src, FlatSink& dst) {
  if (direction_ == Direction::GuestToHost) {
    llvm::Value* ptr = src.read(b_, FlatType::I32);
    llvm::Value* tagged = src.read(b_, FlatType::I32);
    llvm::Value* length = nullptr;
    llvm::Value* utf8 = stringFromGuest(ptr, tagged, length);
    dst.write(b_, b_.CreatePtrToInt(utf8, b_.getInt64Ty()));
    dst.write(b_, length);
    return;
  }
  llvm::Value* utf8 = b_.CreateIntToPtr(src.read(b_, FlatType::I64), b_.getPtrTy());
  llvm::Value* length = src.read(b_, FlatType::I32);
  stringIntoGuest(utf8, length, dst);
}

llvm::Value* ValueTranslator::stringFromGuest(llvm::Value* ptr, llvm::Value* tagged, llvm::Value*& utf8Length) {
  auto& rt = ctx_.program.runtime();
  auto fromUtf16 = [&](llvm::Value* units) -> std::vector<llvm::Value*> {
    checkByteLength(b_.CreateShl(b_.CreateZExt(units, b_.getInt64Ty()), 1));
    checkRange(ptr, b_.CreateShl(b_.CreateZExt(units, b_.getInt64Ty()), 1), 2);
    llvm::Value* lengthSlot = entryAlloca(b_.getInt32Ty());
    llvm::Value* out = b_.CreateCall(rt.utf16ToUtf8(), {hostPointer(ptr), units, lengthSlot});
    return {out, b_.CreateLoad(b_.getInt32Ty(), lengthSlot)};
  };
  switch (ctx_.stringEncoding) {
    case binary::StringEncoding::Utf8: {
      checkByteLength(b_.CreateZExt(tagged, b_.getInt64Ty()));
      checkRange(ptr, b_.CreateZExt(tagged, b_.getInt64Ty()), 1);
      llvm::Value* host = hostPointer(ptr);
      b_.CreateCall(rt.checkUtf8(), {host, tagged});
      utf8Length = tagged;
      return host;
    }
    case binary::StringEncoding::Utf16: {
      std::vector<llvm::Value*> r = fromUtf16(tagged);
      utf8Length = r[1];
      return r[0];
    }
    case binary::StringEncoding::Latin1Utf16: {
      llvm::Value* isUtf16 = b_.CreateICmpNE(b_.CreateAnd(tagged, b_.getInt32(kUtf16Tag)), b_.getInt32(0));
      std::vector<llvm::Value*> r = branch(
          isUtf16, [&] { return fromUtf16(b_.CreateAnd(tagged, b_.getInt32(~kUtf16Tag))); },
          [&]() -> std::vector<llvm::Value*> {
            checkByteLength(b_.CreateZExt(tagged, b_.getInt64Ty()));
            checkRange(ptr, b_.CreateZExt(tagged, b_.getInt64Ty()), 2);
            llvm::Value* lengthSlot = entryAlloca(b_.getInt32Ty());
            llvm::Value* out = b_.CreateCall(rt.latin1ToUtf8(), {hostPointer(ptr), tagged, lengthSlot});
            return {out, b_.CreateLoad(b_.getInt32Ty(), lengthSlot)};
          });
      utf8Length = r[1];
      return r[0];
    }
  }
  return nullptr;
}

// CanonicalABI.md's store_string from a UTF-8 source, realloc call for
// realloc call: a transcoded string is given its worst-case size first and
// then shrunk (or, for latin1+utf16, first the source's length, grown to
// the UTF-16 worst case when a code point does not fit in Latin-1, then
// shrunk), each result checked for alignment and bounds. Guests see the
// same sequence of realloc calls as under Wasmtime, and a realloc that
// misbehaves on the shrink traps as it does there.
void ValueTranslator::stringIntoGuest(llvm::Value* utf8, llvm::Value* length, FlatSink& dst) {
  auto& rt = ctx_.program.runtime();
  auto bytes64 = [&](llvm::Value* v) { return b_.CreateZExt(v, b_.getInt64Ty()); };
  // realloc(old, oldSize, 2, newSize), checked; the sizes are i32 bytes.
  auto realloc2 = [&](llvm::Value* old, llvm::Value* oldSize, llvm::Value* newSize) {
    llvm::Value* ptr = CallRealloc(b_, ctx_, {old, oldSize, b_.getInt32(2), newSize});
    checkRange(ptr, bytes64(newSize), 2);
    return ptr;
  };
  // Shrinks [ptr, ptr+size) to `used` bytes when that is smaller.
  auto shrink = [&](llvm::Value* ptr, llvm::Value* size, llvm::Value* used) {
    return branch(
        b_.CreateICmpULT(used, size), [&]() -> std::vector<llvm::Value*> { return {realloc2(ptr, size, used)}; },
        [&]() -> std::vector<llvm::Value*> { return {ptr}; })[0];
  };
  // UTF-16 into a fresh worst-case allocation (or `old`, grown to it), then
  // shrunk to fit.
  auto intoUtf16 = [&](llvm::Value* old, llvm::Value* oldSize, uint32_t tag) -> std::vector<llvm::Value*> {
    llvm::Value* worst = b_.CreateShl(bytes64(length), 1);
    checkByteLength(worst);
    llvm::Value* worst32 = b_.CreateTrunc(worst, b_.getInt32Ty());
    llvm::Value* ptr = realloc2(old, oldSize, worst32);
    llvm::Value* units = b_.CreateCall(rt.utf8Utf16Length(), {utf8, length});
    b_.CreateCall(rt.utf8ToUtf16(), {utf8, length, hostPointer(ptr)});
    ptr = shrink(ptr, worst32, b_.CreateShl(units, 1));
    return {ptr, b_.CreateOr(units, b_.getInt32(tag))};
  };
  std::vector<llvm::Value*> r;
  switch (ctx_.stringEncoding) {
    case binary::StringEncoding::Utf8: r = {copyIntoGuest(utf8, length, {1, 1}), length}; break;
    case binary::StringEncoding::Utf16: r = intoUtf16(b_.getInt32(0), b_.getInt32(0), 0); break;
    case binary::StringEncoding::Latin1Utf16: {
      llvm::Value* ptr = realloc2(b_.getInt32(0), b_.getInt32(0), length);
      llvm::Value* latin1Length = b_.CreateCall(rt.utf8Latin1Length(), {utf8, length});
      r = branch(
          b_.CreateICmpNE(latin1Length, b_.getInt32(0xffffffffu)),
          [&]() -> std::vector<llvm::Value*> {
            b_.CreateCall(rt.utf8ToLatin1(), {utf8, length, hostPointer(ptr)});
            return {shrink(ptr, length, latin1Length), latin1Length};
          },
          [&] { return intoUtf16(ptr, length, kUtf16Tag); });
      break;
    }
  }
  dst.write(b_, r[0]);
  dst.write(b_, r[1]);
}

}  // namespace wacc::abi
