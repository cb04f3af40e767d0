// Declarations of the runtime's functions and types inside an llvm::Module.
//
// The compiler side of runtime-support/include/wacc/Runtime.h. Functions
// are not typed here: every entry of wacc/RuntimeFunctions.def becomes an
// accessor (trap(), memoryInit(), ...) whose LLVM function type is derived
// from the C declaration Runtime.h makes of it, so the two cannot disagree.
// The structs generated code allocates are mirrored by hand below.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

namespace wacc::lower {

class RuntimeABI {
 public:
  explicit RuntimeABI(llvm::Module& module);

  // struct wacc_memory { ptr base; i64 pages; i64 max_pages }
  llvm::StructType* memoryType();
  // Field numbers of memoryType().
  static constexpr unsigned kMemoryBase = 0, kMemoryPages = 1, kMemoryMaxPages = 2;
  // memoryType()'s name (a module linked from two may give it a suffix).
  static constexpr const char* kMemoryTypeName = "struct.wacc_memory";
  // struct wacc_handle_table: WACC_HANDLE_TABLE_SIZE opaque bytes, 8-aligned.
  llvm::StructType* handleTableType();

  // One accessor per runtime function, e.g. trap() for wacc_rt_trap,
  // declaring it on first use with its attributes (noreturn, cold) and
  // nounwind.
#define WACC_RT_FUNCTION(accessor, attributes, type, name, parameters) llvm::FunctionCallee accessor();
#include "wacc/RuntimeFunctions.def"
#undef WACC_RT_FUNCTION

  // Emits a call to wacc_rt_trap + unreachable at the builder's position.
  // `functionName` may be null (the runtime then prints no function).
  void emitTrap(llvm::IRBuilder<>& b, uint32_t reason, llvm::Constant* functionName);

  // A NUL-terminated private unnamed_addr constant, deduplicated per text.
  llvm::Constant* cString(std::string_view text);

 private:
  llvm::FunctionCallee declare(const char* name, llvm::FunctionType* type, unsigned attributes);

  llvm::Module& module_;
  llvm::LLVMContext& context_;
  llvm::StructType* memoryType_ = nullptr;
  llvm::StructType* handleTableType_ = nullptr;
  llvm::StringMap<llvm::Constant*> strings_;
};

}  // namespace wacc::lower
