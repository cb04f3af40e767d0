#include "core/HostObjects.h"

#include "core/PageAllocator.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

struct HostObject {
  HostKind kind;
  uint32_t nextFree;  // for a free object: the next free rep, 0 when none
  alignas(8) unsigned char payload[kHostPayloadSize];
};

HostObject* gObjects = nullptr;
uint32_t gCapacity = 0;
uint32_t gUsed = 1;  // rep 0 is never handed out
uint32_t gFreeHead = 0;

constexpr uint32_t kMaxHostObjects = 1u << 24;

void Grow() {
  uint32_t capacity = gCapacity == 0 ? kPageSize / sizeof(HostObject) : gCapacity * 2;
  if (capacity > kMaxHostObjects) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  void* objects =
      ReallocatePages(gObjects, (size_t)gCapacity * sizeof(HostObject), (size_t)capacity * sizeof(HostObject));
  if (objects == nullptr) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  gObjects = static_cast<HostObject*>(objects);
  gCapacity = capacity;
}

HostObject& liveObject(uint32_t rep, HostKind kind) {
  if (rep == 0 || rep >= gUsed || gObjects[rep].kind != kind) Trap(WACC_TRAP_INVALID_HANDLE, nullptr);
  return gObjects[rep];
}

}  // namespace

uint32_t CreateHostObject(HostKind kind) {
  uint32_t rep;
  if (gFreeHead != 0) {
    rep = gFreeHead;
    gFreeHead = gObjects[rep].nextFree;
  } else {
    if (gUsed >= gCapacity) Grow();
    rep = gUsed++;
  }
  HostObject& object = gObjects[rep];
  object.kind = kind;
  object.nextFree = 0;
  for (unsigned char& byte : object.payload) byte = 0;
  return rep;
}

void* HostObjectPayload(uint32_t rep, HostKind kind) { return liveObject(rep, kind).payload; }

void DestroyHostObject(uint32_t rep, HostKind kind) {
  HostObject& object = liveObject(rep, kind);
  object.kind = HostKind::kFree;
  object.nextFree = gFreeHead;
  gFreeHead = rep;
}

}  // namespace wacc_rt
