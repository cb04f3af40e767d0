#include "compiler/lower/RuntimeABI.h"

#include "wacc/Runtime.h"

namespace wacc::lower {

RuntimeABI::RuntimeABI(llvm::Module& module) : module_(module), context_(module.getContext()) {}

llvm::StructType* RuntimeABI::memoryType() {
  if (!memoryType_) {
    // Reuse an existing definition so two RuntimeABI objects on one module agree.
    memoryType_ = llvm::StructType::getTypeByName(context_, "struct.wacc_memory");
    if (!memoryType_) {
      auto* ptr = llvm::PointerType::getUnqual(context_);
      auto* i64 = llvm::Type::getInt64Ty(context_);
      memoryType_ = llvm::StructType::create(context_, {ptr, i64, i64}, "struct.wacc_memory");
    }
  }
  return memoryType_;
}

llvm::StructType* RuntimeABI::handleTableType() {
  if (!handleTableType_) {
    handleTableType_ = llvm::StructType::getTypeByName(context_, "struct.wacc_handle_table");
    if (!handleTableType_) {
      // An array of i64 gives the struct the runtime's 8-byte alignment.
      auto* words = llvm::ArrayType::get(llvm::Type::getInt64Ty(context_), WACC_HANDLE_TABLE_SIZE / 8);
      handleTableType_ = llvm::StructType::create(context_, {words}, "struct.wacc_handle_table");
    }
  }
  return handleTableType_;
}

llvm::FunctionCallee RuntimeABI::declare(const char* name, llvm::FunctionType* type) {
  llvm::FunctionCallee callee = module_.getOrInsertFunction(name, type);
  if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) f->setDoesNotThrow();
  return callee;
}

llvm::FunctionCallee RuntimeABI::trap() {
  auto* voidTy = llvm::Type::getVoidTy(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  auto* ptr = llvm::PointerType::getUnqual(context_);
  llvm::FunctionCallee callee = declare("wacc_rt_trap", llvm::FunctionType::get(voidTy, {i32, ptr}, false));
  if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
    f->setDoesNotReturn();
    f->addFnAttr(llvm::Attribute::Cold);
  }
  return callee;
}

llvm::FunctionCallee RuntimeABI::memoryInit() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i64 = llvm::Type::getInt64Ty(context_);
  return declare("wacc_rt_memory_init",
                 llvm::FunctionType::get(llvm::Type::getVoidTy(context_), {ptr, i64, i64}, false));
}

llvm::FunctionCallee RuntimeABI::memoryGrow() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_memory_grow", llvm::FunctionType::get(i32, {ptr, i32}, false));
}

llvm::FunctionCallee RuntimeABI::handleNew() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_handle_new", llvm::FunctionType::get(i32, {ptr, i32, i32, i32}, false));
}

llvm::FunctionCallee RuntimeABI::handleRep() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_handle_rep", llvm::FunctionType::get(i32, {ptr, i32, i32}, false));
}

llvm::FunctionCallee RuntimeABI::handleTakeOwn() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_handle_take_own", llvm::FunctionType::get(i32, {ptr, i32, i32}, false));
}

llvm::FunctionCallee RuntimeABI::handleDrop() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_handle_drop", llvm::FunctionType::get(i32, {ptr, i32, i32, ptr}, false));
}

llvm::FunctionCallee RuntimeABI::checkUtf8() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_check_utf8",
                 llvm::FunctionType::get(llvm::Type::getVoidTy(context_), {ptr, i32}, false));
}

llvm::FunctionCallee RuntimeABI::scratchAlloc() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  return declare("wacc_rt_scratch_alloc", llvm::FunctionType::get(ptr, {llvm::Type::getInt64Ty(context_)}, false));
}

llvm::FunctionCallee RuntimeABI::scratchReset() {
  return declare("wacc_rt_scratch_reset", llvm::FunctionType::get(llvm::Type::getVoidTy(context_), false));
}

llvm::FunctionCallee RuntimeABI::utf16ToUtf8() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  return declare("wacc_rt_utf16_to_utf8",
                 llvm::FunctionType::get(ptr, {ptr, llvm::Type::getInt32Ty(context_), ptr}, false));
}

llvm::FunctionCallee RuntimeABI::latin1ToUtf8() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  return declare("wacc_rt_latin1_to_utf8",
                 llvm::FunctionType::get(ptr, {ptr, llvm::Type::getInt32Ty(context_), ptr}, false));
}

llvm::FunctionCallee RuntimeABI::utf8Utf16Length() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_utf8_utf16_length", llvm::FunctionType::get(i32, {ptr, i32}, false));
}

llvm::FunctionCallee RuntimeABI::utf8ToUtf16() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  return declare("wacc_rt_utf8_to_utf16", llvm::FunctionType::get(llvm::Type::getVoidTy(context_),
                                                                  {ptr, llvm::Type::getInt32Ty(context_), ptr}, false));
}

llvm::FunctionCallee RuntimeABI::utf8Latin1Length() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  auto* i32 = llvm::Type::getInt32Ty(context_);
  return declare("wacc_rt_utf8_latin1_length", llvm::FunctionType::get(i32, {ptr, i32}, false));
}

llvm::FunctionCallee RuntimeABI::utf8ToLatin1() {
  auto* ptr = llvm::PointerType::getUnqual(context_);
  return declare("wacc_rt_utf8_to_latin1", llvm::FunctionType::get(llvm::Type::getVoidTy(context_),
                                                                   {ptr, llvm::Type::getInt32Ty(context_), ptr}, false));
}

void RuntimeABI::emitTrap(llvm::IRBuilder<>& b, uint32_t reason, llvm::Constant* functionName) {
  if (!functionName) functionName = llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(context_));
  llvm::CallInst* call = b.CreateCall(trap(), {b.getInt32(reason), functionName});
  call->setDoesNotReturn();
  call->setDoesNotThrow();
  b.CreateUnreachable();
}

llvm::Constant* RuntimeABI::cString(std::string_view text) {
  auto it = strings_.find(text);
  if (it != strings_.end()) return it->second;
  llvm::Constant* init = llvm::ConstantDataArray::getString(context_, llvm::StringRef(text.data(), text.size()));
  auto* global = new llvm::GlobalVariable(module_, init->getType(), /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage, init, ".str");
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  global->setAlignment(llvm::Align(1));
  strings_[text] = global;
  return global;
}

}  // namespace wacc::lower
