// The runtime's only heap: whole pages straight from mmap. The runtime
// allocates rarely (growing tables), so simplicity beats packing.
#pragma once

#include <stddef.h>

namespace wacc_rt {

inline constexpr size_t kPageSize = 4096;  // smallest page on both targets

inline size_t RoundUpToPages(size_t bytes) { return (bytes + kPageSize - 1) & ~(kPageSize - 1); }

// Zeroed memory of at least `bytes` bytes, or null when the kernel refuses.
void* AllocatePages(size_t bytes);

// Grows (or shrinks) an allocation made by allocatePages, keeping its
// contents; new bytes are zero. Returns null (and leaves the old block
// intact) on failure.
void* ReallocatePages(void* block, size_t oldBytes, size_t newBytes);

void FreePages(void* block, size_t bytes);

}  // namespace wacc_rt
