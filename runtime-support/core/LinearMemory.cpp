// wacc_rt_memory_init / wacc_rt_memory_grow: each linear memory is one fixed
// reservation whose accessible prefix grows with mprotect, so its base never
// moves and out-of-bounds accesses fault in the inaccessible rest, or in the
// guard below the base (wacc/Runtime.h).
//
// Huge pages. In 4 KiB pages the TLB reaches a few MiB (1,536 to 3,072
// second-level entries on current x86-64 cores: 6 to 12 MiB); a program
// whose data is larger, as a compressor's window and hash tables are, walks
// page tables on most of its accesses to them and takes a page fault for
// every 4 KiB it first touches. A linear memory is the ideal case for
// transparent huge pages: one contiguous, densely used range that is never
// given back. So the base is aligned to 2 MiB and the reservation above
// its first 4 MiB is advised MADV_HUGEPAGE (which Linux's default THP
// policies, `madvise` and `always`, honour; `never` ignores it). The
// first 4 MiB (the stack, static data and a small heap) keep 4 KiB pages:
// a program that never goes above them costs exactly what it did, and
// above them the resident size rounds up to whole 2 MiB pages that the
// program touched. Measured (bench/NOTES.md, session 15): zstd 0.75x its
// CPU time (its page faults 14,789 -> 1,061), brotli 0.7x, xz and Lua
// 0.85-0.9x, for 2-8 MiB more resident memory; programs under 4 MiB
// unchanged. Only where the base page is 4 KiB (AT_PAGESZ): with AArch64's
// 16 or 64 KiB granules a huge page is 32 or 512 MiB. A server turns the
// advice off when it snapshots its instance (DisableHugePages): a request
// growing memory would fault in 2 MiB pages that the restore drops again.
#include "core/LinearMemory.h"

#include "core/Auxv.h"
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

constexpr uint64_t kHugePageSize = 2 << 20;
constexpr uint64_t kSmallPagePrefix = 4 << 20;
constexpr int kMadvHugepage = 14, kMadvNohugepage = 15;
// Set at start-up by ConfigureHugePages (so off in a program that never
// calls it) and cleared by DisableHugePages.
bool gHugePages = false;

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

// Reserves `below` bytes under an `align`-aligned base and `size` above it
// (mapping `align` more and trimming the ends); null if out of address space.
uint8_t* ReserveAligned(uint64_t below, uint64_t size, uint64_t align) {
  long result = SysMmap(nullptr, below + size + align, kProtNone, kMapPrivate | kMapAnonymous | kMapNoReserve);
  if (IsSyscallError(result)) return nullptr;
  uintptr_t mapped = (uintptr_t)result, end = mapped + below + size + align;
  uintptr_t base = (mapped + below + align - 1) & ~(uintptr_t)(align - 1);
  if (base - below > mapped) SysMunmap(reinterpret_cast<void*>(mapped), base - below - mapped);
  if (base + size < end) SysMunmap(reinterpret_cast<void*>(base + size), end - (base + size));
  return reinterpret_cast<uint8_t*>(base);
}

// Advises the part of a memory above its first 4 MiB that it may grow into.
void AdviseAboveSmallPages(uint8_t* base, uint64_t maxPages, int advice) {
  uint64_t growable = maxPages * kWasmPageSize;
  if (growable > kSmallPagePrefix)
    syscall(arch::kSysMadvise, (long)(base + kSmallPagePrefix), (long)(growable - kSmallPagePrefix), advice);
}

}  // namespace

void ConfigureHugePages(const uintptr_t* auxv) { gHugePages = AuxvValue(auxv, kAtPageSize) == 4096; }

void DisableHugePages() {
  gHugePages = false;
  unsigned count = __atomic_load_n(&gReservationCount, __ATOMIC_ACQUIRE);
  for (unsigned i = 0; i < count; ++i) {
    wacc_memory* memory = gReservations[i].memory;
    AdviseAboveSmallPages(memory->base, memory->max_pages, kMadvNohugepage);
  }
}

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
  uint8_t* base = ReserveAligned(kGuardBelowSize, kReservationSize, kHugePageSize);
  if (!base) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  if (!MakeAccessible(base, 0, minPages)) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  // Advice only: a kernel without transparent huge pages refuses it.
  if (gHugePages) AdviseAboveSmallPages(base, maxPages, kMadvHugepage);
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
