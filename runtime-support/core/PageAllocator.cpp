#include "core/PageAllocator.h"

#include "core/Syscall.h"

namespace wacc_rt {

void* allocatePages(size_t bytes) {
  if (bytes == 0) bytes = 1;
  long result = sysMmap(nullptr, roundUpToPages(bytes), kProtRead | kProtWrite,
                        kMapPrivate | kMapAnonymous);
  return isSyscallError(result) ? nullptr : reinterpret_cast<void*>(result);
}

void* reallocatePages(void* block, size_t oldBytes, size_t newBytes) {
  if (block == nullptr) return allocatePages(newBytes);
  if (newBytes == 0) newBytes = 1;
  size_t oldSize = roundUpToPages(oldBytes), newSize = roundUpToPages(newBytes);
  if (oldSize == newSize) return block;
  // mremap keeps the contents and zero-fills anonymous growth.
  long result = sysMremap(block, oldSize, newSize, kMremapMayMove);
  return isSyscallError(result) ? nullptr : reinterpret_cast<void*>(result);
}

void freePages(void* block, size_t bytes) {
  if (block != nullptr) sysMunmap(block, roundUpToPages(bytes));
}

}  // namespace wacc_rt
