#include "wasi/http/Heap.h"

#include "core/PageAllocator.h"
#include "core/Snapshot.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt::http {
namespace {

constexpr unsigned kMinShift = 5;   // 32 bytes
constexpr unsigned kMaxShift = 16;  // 64 KiB
constexpr size_t kRefill = 64 * 1024;

struct FreeBlock {
  FreeBlock* next;
};

// Per size class: freed blocks, and the untouched rest of the newest run
// (taken front to back, so a run's pages are touched only as used).
struct Lists {
  FreeBlock* free[kMaxShift + 1];
  uint8_t* next[kMaxShift + 1];
  uint8_t* end[kMaxShift + 1];
};

Lists gLists = {};

// The server's buffers, once a snapshot is taken (core/Snapshot.h), come
// from lists of their own outside the restored state: gLists and its runs
// are put back after every request.
Lists& CurrentLists() {
  if (CurrentAllocationPhase() == AllocationPhase::kServer)
    return *static_cast<Lists*>(ServerHeapState(sizeof(Lists)));
  return gLists;
}

unsigned ClassOf(size_t bytes) {
  unsigned shift = kMinShift;
  while (((size_t)1 << shift) < bytes) ++shift;
  return shift;
}

}  // namespace

size_t HeapCapacity(size_t bytes) {
  if (bytes > ((size_t)1 << kMaxShift)) return RoundUpToPages(bytes);
  return (size_t)1 << ClassOf(bytes);
}

void* HeapAllocate(size_t bytes) {
  if (bytes > ((size_t)1 << kMaxShift)) {
    void* block = AllocatePages(bytes);
    if (!block) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
    return block;
  }
  unsigned shift = ClassOf(bytes);
  Lists& lists = CurrentLists();
  if (FreeBlock* block = lists.free[shift]) {
    lists.free[shift] = block->next;
    return block;
  }
  size_t size = (size_t)1 << shift;
  if (lists.next[shift] == lists.end[shift]) {
    auto* run = static_cast<uint8_t*>(AllocatePages(kRefill));
    if (!run) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
    lists.next[shift] = run;
    lists.end[shift] = run + kRefill;
  }
  void* block = lists.next[shift];
  lists.next[shift] += size;
  return block;
}

void HeapFree(void* block, size_t bytes) {
  if (!block) return;
  if (bytes > ((size_t)1 << kMaxShift)) return FreePages(block, RoundUpToPages(bytes));
  unsigned shift = ClassOf(bytes);
  Lists& lists = CurrentLists();
  auto* free = static_cast<FreeBlock*>(block);
  free->next = lists.free[shift];
  lists.free[shift] = free;
}

uint8_t* ByteBuffer::reserve(size_t extra) {
  size_t needed = (size_t)size + extra;
  if (needed > 0xffffffffu) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  if (needed > capacity) {
    size_t grown = capacity ? (size_t)capacity * 2 : 64;
    while (grown < needed) grown *= 2;
    grown = HeapCapacity(grown);
    auto* bigger = static_cast<uint8_t*>(HeapAllocate(grown));
    if (size) __builtin_memcpy(bigger, data, size);
    HeapFree(data, capacity);
    data = bigger;
    capacity = (uint32_t)(grown > 0xffffffffu ? 0xffffffffu : grown);
  }
  return data + size;
}

void ByteBuffer::append(const void* bytes, size_t length) {
  if (length == 0) return;
  __builtin_memcpy(reserve(length), bytes, length);
  size += (uint32_t)length;
}

void ByteBuffer::release() {
  HeapFree(data, capacity);
  data = nullptr;
  size = capacity = 0;
}

}  // namespace wacc_rt::http
