// The module's linear memory as the preview1 functions see it: every
// pointer argument is a 32-bit offset into it, checked against its current
// size before use. An out-of-bounds range is EFAULT (the contract of
// wacc/Preview1Functions.def); the functions check each range before they
// touch it, so a bad pointer never faults inside the runtime.
#pragma once

#include <stdint.h>

#include "wasi/preview1/Types.h"

struct wacc_memory;

namespace wacc_rt::p1 {

// The memory given to wacc_p1_init (null before).
struct wacc_memory* GuestMemory();

// The host address of guest range [offset, offset + length), or null when
// any of it lies outside the memory (the empty range at the very end is in
// bounds).
uint8_t* GuestRange(uint32_t offset, uint64_t length);

// Little-endian stores and loads (both targets are little-endian); false /
// EFAULT when out of bounds.
bool StoreU8(uint32_t offset, uint8_t value);
bool StoreU16(uint32_t offset, uint16_t value);
bool StoreU32(uint32_t offset, uint32_t value);
bool StoreU64(uint32_t offset, uint64_t value);
bool LoadU32(uint32_t offset, uint32_t* value);
bool LoadU64(uint32_t offset, uint64_t* value);

// Copies `length` host bytes to guest `offset`; false when out of bounds.
bool StoreBytes(uint32_t offset, const void* bytes, uint64_t length);

// A guest string argument: its host address, or an errno (EFAULT out of
// bounds, EILSEQ when not UTF-8).
struct GuestString {
  const char* text;
  uint32_t length;
  uint32_t error;
};
GuestString GuestPath(uint32_t offset, uint32_t length);

// The first non-empty buffer of an iovec/ciovec array, as Wasmtime reads
// and writes only that one per call (an empty buffer when all are empty).
// EFAULT when the array or that buffer is out of bounds.
struct GuestBuffer {
  uint8_t* bytes;
  uint32_t length;
  uint32_t error;
};
GuestBuffer FirstNonEmptyBuffer(uint32_t iovs, uint32_t count);

}  // namespace wacc_rt::p1
