#include "core/ResultArena.h"

#include "core/PageAllocator.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

// Pointers handed out must not move until the next reset, so a call that
// outgrows the current block chains a new one; the reset then replaces the
// chain by one block as large as all of them, so steady use needs one block.
struct Block {
  Block* previous;
  size_t size;
  size_t used;
};

Block* gCurrent = nullptr;

Block* NewBlock(size_t atLeast, Block* previous) {
  size_t size = RoundUpToPages(atLeast + sizeof(Block) + 64 * 1024);
  auto* block = static_cast<Block*>(AllocatePages(size));
  if (block == nullptr) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  block->previous = previous;
  block->size = size;
  block->used = sizeof(Block);
  return block;
}

}  // namespace

void ResetResultArena() {
  if (gCurrent == nullptr) return;
  // Keep only the largest block (the newest), free the rest.
  size_t total = 0;
  for (Block* b = gCurrent; b != nullptr; b = b->previous) total += b->size;
  if (gCurrent->previous != nullptr) {
    for (Block* b = gCurrent; b != nullptr;) {
      Block* previous = b->previous;
      FreePages(b, b->size);
      b = previous;
    }
    gCurrent = NewBlock(total, nullptr);
  }
  gCurrent->used = sizeof(Block);
}

void* AllocateResult(size_t bytes) {
  bytes = (bytes + 7) & ~size_t{7};
  if (gCurrent == nullptr || gCurrent->size - gCurrent->used < bytes) gCurrent = NewBlock(bytes, gCurrent);
  void* result = reinterpret_cast<unsigned char*>(gCurrent) + gCurrent->used;
  gCurrent->used += bytes;
  return result;
}

}  // namespace wacc_rt
