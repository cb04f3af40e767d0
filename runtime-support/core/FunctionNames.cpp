// wacc_function_name_at: the wasm function containing a code address.
//
// The compiler places every function it generates in one section,
// `wacc_code` (so the linker's __start_/__stop_ symbols bound generated
// code), and emits into the section `wacc_function_names` the start address
// and wasm name (or null for adapters and glue) of each of them, in no
// particular order, because addresses are only known after linking (and
// each object file of a program adds its own entries). A lookup is a linear scan
// for the closest start at or below the address; it runs once per reported
// trap, so it need not be faster. Programs without the table (older objects,
// runtime tests) get null names.
#include "core/FunctionNames.h"

#include "wacc/Runtime.h"

extern "C" {
__attribute__((weak, visibility("hidden"))) extern const wacc_function_entry __start_wacc_function_names[];
__attribute__((weak, visibility("hidden"))) extern const wacc_function_entry __stop_wacc_function_names[];
__attribute__((weak, visibility("hidden"))) extern const char __start_wacc_code[];
__attribute__((weak, visibility("hidden"))) extern const char __stop_wacc_code[];
}

namespace wacc_rt {

bool IsInGeneratedCode(uintptr_t pc) {
  uintptr_t begin = reinterpret_cast<uintptr_t>(&__start_wacc_code[0]);
  uintptr_t end = reinterpret_cast<uintptr_t>(&__stop_wacc_code[0]);
  return begin != 0 && pc >= begin && pc < end;
}

}  // namespace wacc_rt

// Weak: a program that knows better (a runtime test, an embedder) may define
// its own.
extern "C" __attribute__((weak)) const char* wacc_function_name_at(uintptr_t pc) {
  if (__start_wacc_function_names == nullptr || !wacc_rt::IsInGeneratedCode(pc)) return nullptr;
  const wacc_function_entry* best = nullptr;
  for (const wacc_function_entry* entry = __start_wacc_function_names; entry < __stop_wacc_function_names; ++entry) {
    const wacc_function_entry& e = *entry;
    uintptr_t start = reinterpret_cast<uintptr_t>(e.start);
    if (start <= pc && (best == nullptr || start > reinterpret_cast<uintptr_t>(best->start))) best = &e;
  }
  return best != nullptr ? best->name : nullptr;
}
