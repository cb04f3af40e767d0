#include "compiler/lower/RuntimeABI.h"

#include <array>
#include <type_traits>

#include "wacc/Runtime.h"

namespace wacc::lower {

RuntimeABI::RuntimeABI(llvm::Module& module) : module_(module), context_(module.getContext()) {}

llvm::StructType* RuntimeABI::memoryType() {
  if (!memoryType_) {
    // Reuse an existing definition so two RuntimeABI objects on one module agree.
    memoryType_ = llvm::StructType::getTypeByName(context_, kMemoryTypeName);
    if (!memoryType_) {
      auto* ptr = llvm::PointerType::getUnqual(context_);
      auto* i64 = llvm::Type::getInt64Ty(context_);
      memoryType_ = llvm::StructType::create(context_, {ptr, i64, i64}, kMemoryTypeName);
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

namespace {

// The LLVM type of a C type of RuntimeFunctions.def. Integers keep their
// width (uintptr_t is 64 bits on the compiler's host as on every target).
template <typename T>
llvm::Type* LLVMTypeOf(llvm::LLVMContext& c) {
  if constexpr (std::is_void_v<T>) {
    return llvm::Type::getVoidTy(c);
  } else if constexpr (std::is_pointer_v<T>) {
    return llvm::PointerType::getUnqual(c);
  } else if constexpr (std::is_integral_v<T>) {
    return llvm::IntegerType::get(c, sizeof(T) * 8);
  } else if constexpr (std::is_same_v<T, float>) {
    return llvm::Type::getFloatTy(c);
  } else if constexpr (std::is_same_v<T, double>) {
    return llvm::Type::getDoubleTy(c);
  } else {
    static_assert(sizeof(T) == 0, "RuntimeFunctions.def: a type RuntimeABI cannot pass");
  }
}

// The LLVM function type of a C function, deduced from a pointer to it:
// clang makes noreturn part of the function type, and the pointer converts
// to a plain one during deduction where a partial specialisation on the
// type would not match.
template <typename R, typename... Args>
llvm::FunctionType* FunctionTypeOf(llvm::LLVMContext& c, R (*)(Args...)) {
  std::array<llvm::Type*, sizeof...(Args)> params = {LLVMTypeOf<Args>(c)...};
  return llvm::FunctionType::get(LLVMTypeOf<R>(c), llvm::ArrayRef<llvm::Type*>(params), false);
}

// RuntimeFunctions.def's attributes.
enum : unsigned { kNoReturn = 1, kCold = 2 };
constexpr unsigned kAttributes_NONE = 0;
constexpr unsigned kAttributes_NORETURN = kNoReturn;
constexpr unsigned kAttributes_NORETURN_COLD = kNoReturn | kCold;

}  // namespace

llvm::FunctionCallee RuntimeABI::declare(const char* name, llvm::FunctionType* type, unsigned attributes) {
  llvm::FunctionCallee callee = module_.getOrInsertFunction(name, type);
  if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
    f->setDoesNotThrow();
    if (attributes & kNoReturn) f->setDoesNotReturn();
    if (attributes & kCold) f->addFnAttr(llvm::Attribute::Cold);
  }
  return callee;
}

// &::name has the function type Runtime.h declared from the same entry.
#define WACC_RT_FUNCTION(accessor, attributes, type, name, parameters)                  \
  llvm::FunctionCallee RuntimeABI::accessor() {                                         \
    return declare(#name, FunctionTypeOf(context_, &::name), kAttributes_##attributes); \
  }
#include "wacc/RuntimeFunctions.def"
#undef WACC_RT_FUNCTION

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
