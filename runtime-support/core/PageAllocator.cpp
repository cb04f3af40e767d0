#include "core/PageAllocator.h"

#include "core/Syscall.h"

namespace wacc_rt {

void* AllocatePages(size_t bytes) {
  if (bytes == 0) bytes = 1;
  long result = SysMmap(nullptr, RoundUpToPages(bytes), kProtRead | kProtWrite, kMapPrivate | kMapAnonymous);
  return IsSyscallError(result) ? nullptr : reinterpret_cast<void*>(result);
}

void* ReallocatePages(void* block, size_t oldBytes, size_t newBytes) {
  if (block == nullptr) return AllocatePages(newBytes);
  if (newBytes == 0) newBytes = 1;
  size_t oldSize = RoundUpToPages(oldBytes), newSize = RoundUpToPages(newBytes);
  if (oldSize == newSize) return block;
  // mremap keeps the contents and zero-fills anonymous growth.
  long result = SysMremap(block, oldSize, newSize, kMremapMayMove);
  return IsSyscallError(result) ? nullptr : reinterpret_cast<void*>(result);
}

void FreePages(void* block, size_t bytes) {
  if (block != nullptr) SysMunmap(block, RoundUpToPages(bytes));
}

}  // namespace wacc_rt
