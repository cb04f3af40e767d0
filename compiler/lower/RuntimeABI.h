// Declarations of the runtime's functions and types inside an llvm::Module.
//
// This is the compiler-side mirror of runtime-support/include/wacc/Runtime.h:
// every function and struct declared there that generated code uses has an
// accessor here, so a change to Runtime.h has exactly one place to change in
// the compiler.
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
  // struct wacc_handle_table: WACC_HANDLE_TABLE_SIZE opaque bytes, 8-aligned.
  llvm::StructType* handleTableType();

  llvm::FunctionCallee trap();          // void(i32 reason, ptr function), noreturn, cold
  llvm::FunctionCallee memoryInit();    // void(ptr memory, i64 min, i64 max)
  llvm::FunctionCallee memoryGrow();    // i32(ptr memory, i32 delta)
  llvm::FunctionCallee handleNew();     // i32(ptr table, i32 type, i32 rep, i32 own)
  llvm::FunctionCallee handleRep();     // i32(ptr table, i32 handle, i32 type)
  llvm::FunctionCallee handleTakeOwn(); // i32(ptr table, i32 handle, i32 type)
  llvm::FunctionCallee handleDrop();    // i32(ptr table, i32 handle, i32 type, ptr rep)
  llvm::FunctionCallee checkUtf8();     // void(ptr bytes, i32 len)
  llvm::FunctionCallee scratchAlloc();  // ptr(i64 bytes)
  llvm::FunctionCallee scratchReset();  // void()
  // String transcoding (Runtime.h, wacc_rt_utf16_to_utf8 and friends).
  llvm::FunctionCallee utf16ToUtf8();     // ptr(ptr units, i32 count, ptr out_length)
  llvm::FunctionCallee latin1ToUtf8();    // ptr(ptr bytes, i32 count, ptr out_length)
  llvm::FunctionCallee utf8Utf16Length(); // i32(ptr, i32)
  llvm::FunctionCallee utf8ToUtf16();     // void(ptr, i32, ptr out)
  llvm::FunctionCallee utf8Latin1Length();// i32(ptr, i32)
  llvm::FunctionCallee utf8ToLatin1();    // void(ptr, i32, ptr out)

  // Emits a call to wacc_rt_trap + unreachable at the builder's position.
  // `functionName` may be null (the runtime then prints no function).
  void emitTrap(llvm::IRBuilder<>& b, uint32_t reason, llvm::Constant* functionName);

  // A NUL-terminated private unnamed_addr constant, deduplicated per text.
  llvm::Constant* cString(std::string_view text);

 private:
  llvm::FunctionCallee declare(const char* name, llvm::FunctionType* type);

  llvm::Module& module_;
  llvm::LLVMContext& context_;
  llvm::StructType* memoryType_ = nullptr;
  llvm::StructType* handleTableType_ = nullptr;
  llvm::StringMap<llvm::Constant*> strings_;
};

}  // namespace wacc::lower
