// Storage for what host functions hand back by pointer (list and string
// results): Runtime.h lets such bytes live only until the runtime is called
// again, so one bump arena, reset by every host function that returns
// pointers, serves them all without leaking.
#pragma once

#include <stddef.h>

namespace wacc_rt {

// Forgets everything allocated since the last reset (keeps the pages).
void ResetResultArena();

// `bytes` bytes (8-byte aligned, contents unspecified) valid until the next
// reset. Traps with WACC_TRAP_OUT_OF_MEMORY when the kernel refuses.
void* AllocateResult(size_t bytes);

template <typename T>
T* AllocateResults(size_t count) {
  return static_cast<T*>(AllocateResult(count * sizeof(T)));
}

}  // namespace wacc_rt
