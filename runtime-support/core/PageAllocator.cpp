#include "core/PageAllocator.h"

#include "core/Snapshot.h"
#include "core/Syscall.h"

namespace wacc_rt {

// Every block is reported to core/Snapshot.cpp, which records the ones a
// snapshot must restore and the ones a restore must drop.

void* AllocatePages(size_t bytes) {
  if (bytes == 0) bytes = 1;
  size_t size = RoundUpToPages(bytes);
  if (void* block = AllocateGuestPages(size)) return block;
  long result = SysMmap(nullptr, size, kProtRead | kProtWrite, kMapPrivate | kMapAnonymous);
  if (IsSyscallError(result)) return nullptr;
  TrackPages(reinterpret_cast<void*>(result), size);
  return reinterpret_cast<void*>(result);
}

void* ReallocatePages(void* block, size_t oldBytes, size_t newBytes) {
  if (block == nullptr) return AllocatePages(newBytes);
  if (newBytes == 0) newBytes = 1;
  size_t oldSize = RoundUpToPages(oldBytes), newSize = RoundUpToPages(newBytes);
  if (oldSize == newSize) return block;
  if (IsPinnedPages(block)) {
    // A block a restore brings back stays where it is, as it is: copy.
    void* moved = AllocatePages(newSize);
    if (moved) __builtin_memcpy(moved, block, oldSize < newSize ? oldSize : newSize);
    return moved;
  }
  // mremap keeps the contents and zero-fills anonymous growth.
  long result = SysMremap(block, oldSize, newSize, kMremapMayMove);
  if (IsSyscallError(result)) return nullptr;
  RetrackPages(block, reinterpret_cast<void*>(result), newSize);
  return reinterpret_cast<void*>(result);
}

void FreePages(void* block, size_t bytes) {
  if (block != nullptr && UntrackPages(block)) SysMunmap(block, RoundUpToPages(bytes));
}

}  // namespace wacc_rt
