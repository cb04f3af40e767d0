// Scratch memory for canonical-ABI adapters (Runtime.h: wacc_rt_scratch_*).
//
// Host calls are never nested (the host does not call back into the guest),
// so one bump arena suffices: chunks come from the page allocator, and a
// reset keeps the first chunk for the next call and returns the rest.
// The runtime's own users (stream copies of elements holding lists) open a
// scope (ScratchArena.h) that frees what they allocated and bounds it, and
// so do the adapters of async host imports (wacc_rt_scratch_begin/end):
// those run on fibers and from the event loop, where a call into the host
// can be nested in another's, so a reset could free an outer call's data.
// A scope spans only the lift of the arguments and the host call, during
// which no other guest code runs, so scopes nest strictly.
#include "core/ScratchArena.h"

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
size_t gBytes = 0;         // the chunks' total size
// gBytes when the outermost open scope began; kNoScope: none is open.
constexpr size_t kNoScope = ~size_t{0};
size_t gScopeBase = kNoScope;

Chunk* NewChunk(size_t atLeast) {
  bool scoped = gScopeBase != kNoScope;
  if (scoped && atLeast > kScratchScopeBytes) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  size_t bytes = RoundUpToPages(atLeast + sizeof(Chunk));
  if (bytes < kDefaultChunkBytes) bytes = kDefaultChunkBytes;
  if (scoped && gBytes + bytes - gScopeBase > kScratchScopeBytes) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  auto* chunk = static_cast<Chunk*>(AllocatePages(bytes));
  if (!chunk) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  gBytes += bytes;
  chunk->next = gChunks;
  chunk->size = bytes;
  chunk->used = (sizeof(Chunk) + 7) & ~size_t(7);
  gChunks = chunk;
  return chunk;
}

void FreeNewerThan(Chunk* keep) {
  while (gChunks && gChunks != keep) {
    Chunk* spare = gChunks;
    gChunks = spare->next;
    gBytes -= spare->size;
    FreePages(spare, spare->size);
  }
}

}  // namespace

ScratchScope ScratchBegin() {
  ScratchScope scope{gChunks, gChunks ? gChunks->used : 0, gScopeBase};
  if (gScopeBase == kNoScope) gScopeBase = gBytes;
  return scope;
}

void ScratchEnd(const ScratchScope& scope) {
  FreeNewerThan(static_cast<Chunk*>(scope.chunk));
  if (gChunks) gChunks->used = scope.used;
  gScopeBase = scope.outerBase;
}

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
  gScopeBase = kNoScope;  // (a scope a trap left open)
  if (!gChunks) return;
  // Keep the oldest chunk (the one every call starts in); free the others.
  while (gChunks->next) {
    Chunk* spare = gChunks;
    gChunks = spare->next;
    gBytes -= spare->size;
    FreePages(spare, spare->size);
  }
  gChunks->used = (sizeof(Chunk) + 7) & ~size_t(7);
}

static_assert(sizeof(ScratchScope) == 3 * sizeof(uint64_t), "wacc_rt_scratch_begin's scope is 3 words");

extern "C" void wacc_rt_scratch_begin(uint64_t* scope) {
  ScratchScope s = ScratchBegin();
  __builtin_memcpy(scope, &s, sizeof s);
}

extern "C" void wacc_rt_scratch_end(const uint64_t* scope) {
  ScratchScope s;
  __builtin_memcpy(&s, scope, sizeof s);
  ScratchEnd(s);
}
