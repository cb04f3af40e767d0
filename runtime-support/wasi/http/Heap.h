// A small heap for wasi:http's host objects: headers, bodies and request
// data come and go with every request, too often and too small for the page
// allocator alone (one mmap each). Blocks are power-of-two size classes from
// 32 bytes to 64 KiB, each with a free list; larger ones are whole pages.
// The caller passes a block's size back when freeing it (every user keeps
// its capacity anyway), so blocks carry no header.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wacc_rt::http {

// At least `bytes` bytes (contents unspecified); traps with
// WACC_TRAP_OUT_OF_MEMORY when the kernel refuses.
void* HeapAllocate(size_t bytes);
void HeapFree(void* block, size_t bytes);
// The capacity HeapAllocate(bytes) really gives (the size class).
size_t HeapCapacity(size_t bytes);

// A growable byte string on the heap.
struct ByteBuffer {
  uint8_t* data;
  uint32_t size;
  uint32_t capacity;

  void append(const void* bytes, size_t length);
  void clear() { size = 0; }
  void release();
  // Room for `extra` more bytes; returns where they go (size not changed).
  uint8_t* reserve(size_t extra);
};

inline bool BytesEqual(const void* a, const void* b, size_t n) { return __builtin_memcmp(a, b, n) == 0; }

}  // namespace wacc_rt::http
