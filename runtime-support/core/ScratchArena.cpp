// Scratch memory for canonical-ABI adapters (Runtime.h: wacc_rt_scratch_*).
//
// Host calls are never nested (the host does not call back into the guest),
// so one bump arena suffices: chunks come from the page allocator, and a
// reset keeps the first chunk for the next call and returns the rest.
#include "core/PageAllocator.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

struct Chunk {
  Chunk* next;
  size_t size;  // bytes including this header
  size_t used;
};

constexpr size_t kDefaultChunkBytes = 64 * 1024;

Chunk* gChunks = nullptr;  // the newest chunk first

Chunk* NewChunk(size_t atLeast) {
  size_t bytes = RoundUpToPages(atLeast + sizeof(Chunk));
  if (bytes < kDefaultChunkBytes) bytes = kDefaultChunkBytes;
  auto* chunk = static_cast<Chunk*>(AllocatePages(bytes));
  if (!chunk) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  chunk->next = gChunks;
  chunk->size = bytes;
  chunk->used = (sizeof(Chunk) + 7) & ~size_t(7);
  gChunks = chunk;
  return chunk;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void* wacc_rt_scratch_alloc(uint64_t bytes) {
  bytes = (bytes + 7) & ~uint64_t(7);
  Chunk* chunk = gChunks;
  if (!chunk || chunk->size - chunk->used < bytes) chunk = NewChunk(bytes);
  void* p = reinterpret_cast<char*>(chunk) + chunk->used;
  chunk->used += bytes;
  return p;
}

extern "C" void wacc_rt_scratch_reset(void) {
  if (!gChunks) return;
  // Keep the oldest chunk (the one every call starts in); free the others.
  while (gChunks->next) {
    Chunk* spare = gChunks;
    gChunks = spare->next;
    FreePages(spare, spare->size);
  }
  gChunks->used = (sizeof(Chunk) + 7) & ~size_t(7);
}
