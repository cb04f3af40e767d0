// The adapters' scratch arena (Runtime.h: wacc_rt_scratch_alloc/reset), as
// the runtime's own code uses it: a scope whose allocations are released
// when it ends and may total at most kScratchScopeBytes.
#pragma once

#include <stddef.h>

namespace wacc_rt {

// Wasmtime's default "hostcall fuel": the data one call may copy to the
// host. Nested lists can alias the same guest bytes at every level, so a
// lifted value can be far larger than the memory it comes from.
inline constexpr size_t kScratchScopeBytes = size_t{2} << 30;

struct ScratchScope {
  void* chunk;
  size_t used;
  size_t outerBase;
};

// Begins a scope: until ScratchEnd, allocating more than
// kScratchScopeBytes in it traps (out of memory) rather than taking the
// machine's memory until the kernel kills the process.
ScratchScope ScratchBegin();
// Releases what the scope allocated (everything allocated before it stays).
void ScratchEnd(const ScratchScope& scope);

}  // namespace wacc_rt
