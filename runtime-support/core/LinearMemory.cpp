// wacc_rt_memory_init / wacc_rt_memory_grow: each linear memory is one fixed
// reservation whose accessible prefix grows with mprotect, so its base never
// moves and out-of-bounds accesses fault in the inaccessible rest, or in the
// guard below the base (wacc/Runtime.h).
#include "core/LinearMemory.h"

#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

struct Reservation {
  uintptr_t begin;
  uintptr_t end;
  wacc_memory* memory;
};

// A fixed registry, so the fault handler reads it without allocating. A
// memory beyond the last slot still works; its faults are then reported as
// fatal signals instead of traps.
constexpr unsigned kMaxRegisteredMemories = 1024;
Reservation gReservations[kMaxRegisteredMemories];
unsigned gReservationCount = 0;
bool gReservationsOverflowed = false;

void RegisterReservation(wacc_memory* memory, uint8_t* base) {
  if (gReservationCount == kMaxRegisteredMemories) {
    gReservationsOverflowed = true;
    return;
  }
  uintptr_t begin = reinterpret_cast<uintptr_t>(base);
  gReservations[gReservationCount] = {begin - kGuardBelowSize, begin + kReservationSize, memory};
  // Publish the entry before the count, for a handler interrupting us.
  __atomic_store_n(&gReservationCount, gReservationCount + 1, __ATOMIC_RELEASE);
}

bool MakeAccessible(uint8_t* base, uint64_t fromPage, uint64_t toPage) {
  if (toPage == fromPage) return true;
  long result =
      SysMprotect(base + fromPage * kWasmPageSize, (toPage - fromPage) * kWasmPageSize, kProtRead | kProtWrite);
  return !IsSyscallError(result);
}

}  // namespace

bool IsInLinearMemoryReservation(uintptr_t address) {
  unsigned count = __atomic_load_n(&gReservationCount, __ATOMIC_ACQUIRE);
  for (unsigned i = 0; i < count; ++i) {
    if (address >= gReservations[i].begin && address < gReservations[i].end) return true;
  }
  return false;
}

bool ListLinearMemories(wacc_memory** memories, unsigned capacity, unsigned& count) {
  count = gReservationCount;
  if (gReservationsOverflowed || count > capacity) return false;
  for (unsigned i = 0; i < count; ++i) memories[i] = gReservations[i].memory;
  return true;
}

}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_rt_memory_init(wacc_memory* memory, uint64_t minPages, uint64_t maxPages) {
  if (maxPages > kMaxGrownPages) maxPages = kMaxGrownPages;
  if (minPages > maxPages) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  // Fresh anonymous pages are zero, so no explicit clearing is needed.
  long result =
      SysMmap(nullptr, kGuardBelowSize + kReservationSize, kProtNone, kMapPrivate | kMapAnonymous | kMapNoReserve);
  if (IsSyscallError(result)) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  uint8_t* base = reinterpret_cast<uint8_t*>(result) + kGuardBelowSize;
  if (!MakeAccessible(base, 0, minPages)) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  RegisterReservation(memory, base);
  memory->base = base;
  memory->pages = minPages;
  memory->max_pages = maxPages;
}

extern "C" uint32_t wacc_rt_memory_grow(wacc_memory* memory, uint32_t deltaPages) {
  constexpr uint32_t kFailure = 0xFFFFFFFFu;
  uint64_t oldPages = memory->pages;
  uint64_t newPages = oldPages + deltaPages;
  uint64_t limit = memory->max_pages < kMaxGrownPages ? memory->max_pages : kMaxGrownPages;
  if (newPages > limit) return kFailure;
  if (!MakeAccessible(memory->base, oldPages, newPages)) return kFailure;
  memory->pages = newPages;
  return (uint32_t)oldPages;
}
