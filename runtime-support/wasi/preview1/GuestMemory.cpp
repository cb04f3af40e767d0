// wacc_p1_init and bounds-checked access to the guest's linear memory.
#include "wasi/preview1/GuestMemory.h"

#include "core/Utf8.h"
#include "wacc/Runtime.h"
#include "wasi/preview1/FdTable.h"

namespace wacc_rt::p1 {
namespace {

struct wacc_memory* gMemory = nullptr;

template <typename T>
bool Store(uint32_t offset, T value) {
  uint8_t* at = GuestRange(offset, sizeof value);
  if (at == nullptr) return false;
  __builtin_memcpy(at, &value, sizeof value);
  return true;
}

template <typename T>
bool Load(uint32_t offset, T* value) {
  const uint8_t* at = GuestRange(offset, sizeof *value);
  if (at == nullptr) return false;
  __builtin_memcpy(value, at, sizeof *value);
  return true;
}

}  // namespace

struct wacc_memory* GuestMemory() {
  return gMemory;
}

uint8_t* GuestRange(uint32_t offset, uint64_t length) {
  if (gMemory == nullptr) return nullptr;
  uint64_t size = gMemory->pages * 65536u;
  if ((uint64_t)offset + length > size) return nullptr;
  return gMemory->base + offset;
}

bool StoreU8(uint32_t offset, uint8_t value) { return Store(offset, value); }
bool StoreU16(uint32_t offset, uint16_t value) { return Store(offset, value); }
bool StoreU32(uint32_t offset, uint32_t value) { return Store(offset, value); }
bool StoreU64(uint32_t offset, uint64_t value) { return Store(offset, value); }
bool LoadU32(uint32_t offset, uint32_t* value) { return Load(offset, value); }
bool LoadU64(uint32_t offset, uint64_t* value) { return Load(offset, value); }

bool StoreBytes(uint32_t offset, const void* bytes, uint64_t length) {
  uint8_t* at = GuestRange(offset, length);
  if (at == nullptr) return false;
  const auto* from = static_cast<const uint8_t*>(bytes);
  for (uint64_t i = 0; i < length; ++i) at[i] = from[i];
  return true;
}

GuestString GuestPath(uint32_t offset, uint32_t length) {
  const uint8_t* text = GuestRange(offset, length);
  if (text == nullptr) return {nullptr, 0, kFault};
  if (!IsValidUtf8(text, length)) return {nullptr, 0, kIlseq};
  return {reinterpret_cast<const char*>(text), length, kSuccess};
}

GuestBuffer FirstNonEmptyBuffer(uint32_t iovs, uint32_t count) {
  if (GuestRange(iovs, (uint64_t)count * kIovecSize) == nullptr) return {nullptr, 0, kFault};
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t pointer = 0, length = 0;
    LoadU32(iovs + i * kIovecSize, &pointer);
    LoadU32(iovs + i * kIovecSize + 4, &length);
    if (length == 0) continue;
    uint8_t* bytes = GuestRange(pointer, length);
    if (bytes == nullptr) return {nullptr, 0, kFault};
    return {bytes, length, kSuccess};
  }
  return {GuestRange(0, 0), 0, kSuccess};
}

}  // namespace wacc_rt::p1

extern "C" void wacc_p1_init(struct wacc_memory* memory) {
  wacc_rt::p1::gMemory = memory;
  wacc_rt::p1::InitFdTable();
}
