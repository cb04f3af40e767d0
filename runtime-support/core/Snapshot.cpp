// TakeSnapshot / RestoreSnapshot: a fresh instance per request without a
// fresh process.
//
// wasmtime serve gives each request of a wasi:http 0.2 handler a new
// instance. Forking the untouched server per request gives the same (and
// wasi/http/Server.cpp still can), but a fork, its page faults and its exit
// cost far more than the handler. So the server instead runs the handler in
// its own process and afterwards puts back every byte the guest could have
// changed, which is all in three kinds of memory:
//
//   - linear memories (core/LinearMemory.cpp registers each);
//   - the executable's writable segments (.data and .bss: the generated
//     code's globals, tables, segment lengths, memory sizes and instance
//     flags, and the runtime's own tables and free lists);
//   - the runtime's page blocks (core/PageAllocator.cpp: handle tables,
//     host objects, the http heap's runs), every one of which is recorded
//     here from the start of the process.
//
// Snapshot, once, after instantiation: each of those ranges is written to a
// memfd (all-zero pages left as holes) and mapped back over itself
// MAP_PRIVATE|MAP_FIXED from it: same contents, but now copy-on-write over
// the snapshot, which a read-only shared view of the memfd keeps at hand.
// The kernel then tells which pages were written: a write to a private file
// mapping replaces the page with an anonymous copy, and /proc/self/pagemap
// says which pages are anonymous (PAGEMAP_SCAN returns them as runs, Linux
// 6.7; older kernels read an entry per page). Restore copies just those
// pages back from the view and leaves them mapped: a page once written stays
// anonymous, so from then on it is copied at every restore, and the pages
// handlers write (mostly the same ones each time) cost a 4 KiB copy per
// request and no page fault, no zeroing and no page-table churn. (Dropping
// them with madvise(MADV_DONTNEED) instead, as Wasmtime resets its pooled
// instances, made every request fault them back in: about ten times fewer
// requests per second here; it remains the way when pagemap is unreadable.) The cost follows the pages the
// request wrote, not the size of the instance.
//
// Memory grown by the request is dropped and made inaccessible again. Page
// blocks allocated while the guest runs come from an arena of address space
// bumped from the start each time (its written pages are zeroed back);
// beyond it they are mapped one by one and unmapped at the restore. Blocks
// of the snapshot are never unmapped or moved (a free is ignored, a
// reallocation copies).
//
// What must survive a restore lives outside those ranges: the server's
// state comes from raw mmap, its buffers from a free list kept here
// (ServerHeapState), and the allocation phase and these records sit in
// State, also raw mmap. Pointers to them in .bss are set before the
// snapshot, so restoring puts back the same values.
#include "core/Snapshot.h"

#include "core/LinearMemory.h"
#include "core/PageAllocator.h"
#include "core/Syscall.h"
#include "wacc/Runtime.h"

extern "C" const uint8_t __ehdr_start[] __attribute__((weak, visibility("hidden")));

namespace wacc_rt {
namespace {

constexpr int kMapShared = 0x01, kMapFixed = 0x10, kMapFixedNoreplace = 0x100000, kMadvDontneed = 4, kMfdCloexec = 1;
constexpr int kOpenReadOnly = 0, kOpenCloexec = 02000000;

struct Region {
  uint8_t* begin;
  size_t size;
  size_t offset;  // in the memfd (and snapshot view)
};

// Blocks allocated before the snapshot, in .bss (frozen once taken).
constexpr unsigned kMaxEarlyBlocks = 4096;
Region gEarly[kMaxEarlyBlocks];
unsigned gEarlyCount = 0;
bool gEarlyOverflowed = false;

constexpr unsigned kMaxMemories = 64, kMaxSegments = 16, kMaxGuestBlocks = 1 << 16;
constexpr size_t kServerHeapStateBytes = 1024;
// Address space for the guest phase's page blocks (only what a request
// touches is ever backed by memory).
constexpr size_t kGuestArenaSize = (size_t)1 << 30;

struct State {
  AllocationPhase phase;
  Region regions[kMaxSegments + kMaxMemories + kMaxEarlyBlocks];
  unsigned regionCount;
  wacc_memory* memories[kMaxMemories];
  uint64_t memoryPages[kMaxMemories];
  unsigned memoryCount;
  // The snapshot's bytes, a read-only shared view of the memfd; and
  // /proc/self/pagemap (-1: unreadable, reset by dropping pages instead).
  const uint8_t* view;
  int pagemap;
  bool noScan;  // the kernel has no PAGEMAP_SCAN: read pagemap entries
  // The guest phase's blocks: bumped from the arena, then (arena full)
  // mapped one by one and recorded.
  uint8_t* arena;
  size_t arenaUsed;
  // The region the arena directly follows (the executable's writable
  // segment, when the address after it was free), scanned with the
  // arena's used part in one PAGEMAP_SCAN; -1: none.
  int arenaNeighbour;
  Region guestBlocks[kMaxGuestBlocks];
  unsigned guestBlockCount;
  alignas(16) uint8_t serverHeapState[kServerHeapStateBytes];
};

State* gState = nullptr;

bool IsZeroPage(const uint8_t* page) {
  const uint64_t* words = reinterpret_cast<const uint64_t*>(page);
  for (size_t i = 0; i < kPageSize / 8; ++i)
    if (words[i] != 0) return false;
  return true;
}

// The executable's writable PT_LOAD segments, page-rounded.
bool FindWritableSegments(State& s) {
  if (__ehdr_start == nullptr) return false;
  const uint8_t* ehdr = __ehdr_start;
  uint64_t phoff;
  uint16_t phentsize, phnum;
  __builtin_memcpy(&phoff, ehdr + 32, 8);
  __builtin_memcpy(&phentsize, ehdr + 54, 2);
  __builtin_memcpy(&phnum, ehdr + 56, 2);
  uintptr_t bias = 0;
  for (unsigned pass = 0; pass < 2; ++pass) {
    for (unsigned i = 0; i < phnum; ++i) {
      const uint8_t* ph = ehdr + phoff + (size_t)i * phentsize;
      uint32_t type, flags;
      uint64_t offset, vaddr, memsz;
      __builtin_memcpy(&type, ph, 4);
      __builtin_memcpy(&flags, ph + 4, 4);
      __builtin_memcpy(&offset, ph + 8, 8);
      __builtin_memcpy(&vaddr, ph + 16, 8);
      __builtin_memcpy(&memsz, ph + 40, 8);
      if (type != 1 /* PT_LOAD */) continue;
      if (pass == 0) {
        if (offset == 0) bias = reinterpret_cast<uintptr_t>(ehdr) - vaddr;
        continue;
      }
      if (!(flags & 2 /* PF_W */) || memsz == 0) continue;
      if (s.regionCount == kMaxSegments) return false;
      uintptr_t begin = (bias + vaddr) & ~(uintptr_t)(kPageSize - 1);
      uintptr_t end = RoundUpToPages(bias + vaddr + memsz);
      s.regions[s.regionCount++] = {reinterpret_cast<uint8_t*>(begin), end - begin, 0};
    }
  }
  return s.regionCount > 0;
}

// Newest first: blocks are mostly freed soon after they are made.
int FindEarly(const void* block) {
  for (unsigned i = gEarlyCount; i-- > 0;)
    if (gEarly[i].begin == block) return (int)i;
  return -1;
}

int FindGuestBlock(const void* block) {
  State& s = *gState;
  for (unsigned i = s.guestBlockCount; i-- > 0;)
    if (s.guestBlocks[i].begin == block) return (int)i;
  return -1;
}


// Which pages of a range were written: the ones no longer the memfd's (a
// write to a MAP_PRIVATE file mapping replaces the page with an anonymous
// copy) or, in the anonymous arena, the ones present but for the shared
// zero page. PAGEMAP_SCAN (Linux 6.7) returns them as runs; older kernels
// read one pagemap entry per page.
struct PageRegion {
  uint64_t start, end, categories;
};
struct PmScanArg {
  uint64_t size, flags, start, end, walkEnd, vec, vecLength, maxPages, categoryInverted, categoryMask, categoryAnyOf,
      returnMask;
};
constexpr unsigned long kPagemapScan = 0xC0606610;  // _IOWR('f', 16, struct pm_scan_arg)
constexpr uint64_t kPageIsFile = 1 << 2, kPageIsPresent = 1 << 3, kPageIsPfnZero = 1 << 5;

template <typename Reset>
void ForEachWrittenRun(int pagemap, bool& noScan, uint8_t* begin, size_t size, Reset reset) {
  uintptr_t at = reinterpret_cast<uintptr_t>(begin), end = at + size;
  PageRegion runs[64];
  while (!noScan && at < end) {
    PmScanArg a{sizeof(PmScanArg), 0, at, end, 0, (uint64_t)runs, 64, 0, kPageIsFile | kPageIsPfnZero,
                kPageIsPresent | kPageIsFile | kPageIsPfnZero, 0, kPageIsPresent};
    long n = syscall(arch::kSysIoctl, pagemap, (long)kPagemapScan, (long)&a);
    if (n < 0) {
      noScan = true;
      break;
    }
    for (long i = 0; i < n; ++i) reset(reinterpret_cast<uint8_t*>(runs[i].start), runs[i].end - runs[i].start);
    if (a.walkEnd <= at) return;
    at = a.walkEnd;
  }
  uint64_t entries[512];
  while (at < end) {
    size_t pages = (end - at) / kPageSize;
    if (pages > 512) pages = 512;
    long got = syscall(arch::kSysPread64, pagemap, (long)entries, (long)(pages * 8), (long)(at / kPageSize * 8));
    if (got <= 0) return;
    pages = (size_t)got / 8;
    for (size_t i = 0; i < pages;) {
      // Present (bit 63), not a file or shared page (bit 61).
      auto written = [&](size_t j) { return (entries[j] >> 63) & 1 && !((entries[j] >> 61) & 1); };
      if (!written(i)) {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < pages && written(j)) ++j;
      reset(reinterpret_cast<uint8_t*>(at + i * kPageSize), (j - i) * kPageSize);
      i = j;
    }
    at += pages * kPageSize;
  }
}

// This process's page map (/proc/self is resolved when opened: a forked
// child must open its own).
int OpenPagemap() {
  return (int)syscall(arch::kSysOpenat, -100 /* AT_FDCWD */, (long)"/proc/self/pagemap", kOpenReadOnly | kOpenCloexec);
}

}  // namespace

AllocationPhase CurrentAllocationPhase() { return gState ? gState->phase : AllocationPhase::kBeforeSnapshot; }

void TrackPages(void* block, size_t size) {
  if (!gState) {
    if (gEarlyOverflowed) return;  // no snapshot can be taken any more
    if (gEarlyCount == kMaxEarlyBlocks) {
      gEarlyOverflowed = true;
      return;
    }
    gEarly[gEarlyCount++] = {static_cast<uint8_t*>(block), size, 0};
    return;
  }
  State& s = *gState;
  if (s.phase != AllocationPhase::kGuest) return;
  // Full: the block is not forgotten but kept (a leak, never a corruption).
  if (s.guestBlockCount < kMaxGuestBlocks) s.guestBlocks[s.guestBlockCount++] = {static_cast<uint8_t*>(block), size, 0};
}

void RetrackPages(void* oldBlock, void* newBlock, size_t newSize) {
  if (!gState) {
    if (gEarlyOverflowed) return;
    int i = FindEarly(oldBlock);
    if (i >= 0) gEarly[i] = {static_cast<uint8_t*>(newBlock), newSize, 0};
    return;
  }
  int i = FindGuestBlock(oldBlock);
  if (i >= 0) gState->guestBlocks[i] = {static_cast<uint8_t*>(newBlock), newSize, 0};
}

void* AllocateGuestPages(size_t size) {
  if (!gState || gState->phase != AllocationPhase::kGuest) return nullptr;
  State& s = *gState;
  if (size > kGuestArenaSize - s.arenaUsed) return nullptr;
  void* block = s.arena + s.arenaUsed;
  s.arenaUsed += size;
  return block;
}

bool UntrackPages(void* block) {
  if (!gState) {
    if (gEarlyOverflowed) return true;
    int i = FindEarly(block);
    if (i >= 0) gEarly[i] = gEarly[--gEarlyCount];
    return true;
  }
  if (IsPinnedPages(block)) return false;
  State& s = *gState;
  int i = FindGuestBlock(block);
  if (i >= 0) s.guestBlocks[i] = s.guestBlocks[--s.guestBlockCount];
  return true;
}

bool IsPinnedPages(const void* block) {
  if (!gState) return false;
  const uint8_t* b = static_cast<const uint8_t*>(block);
  if (b >= gState->arena && b < gState->arena + kGuestArenaSize) return true;
  return FindEarly(block) >= 0;
}

// Whether RestoreSnapshot really puts written pages back, tried once on a
// byte of the first linear memory and on the arena's first page. It need
// not: under qemu-user (the AArch64 tests) /proc/self/pagemap is the
// emulator's own, which describes the guest's pages only while guest
// addresses are host addresses (qemu's guest_base 0, as for wacc's static
// executables), and PAGEMAP_SCAN is missing (ENOSYS: read entry by entry);
// and qemu may ignore madvise. A restore that misses pages would leak one
// request's state into the next, silently: better no snapshot.
bool RestoreWorks(State& s) {
  volatile uint8_t* memory = nullptr;
  uint8_t saved = 0;
  if (s.memoryCount > 0 && s.memoryPages[0] > 0) {
    memory = s.memories[0]->base;
    saved = *memory;
    *memory = (uint8_t)(saved ^ 0x5a);
  }
  volatile uint8_t* arena = s.arena;
  *arena = 1;
  s.arenaUsed = kPageSize;
  RestoreSnapshot();
  bool works = *arena == 0 && (!memory || *memory == saved);
  *arena = 0;
  if (memory) *memory = saved;
  return works;
}

bool TakeSnapshot() {
  if (gState || gEarlyOverflowed) return false;
  long mapped = SysMmap(nullptr, sizeof(State), kProtRead | kProtWrite, kMapPrivate | kMapAnonymous | kMapNoReserve);
  if (IsSyscallError(mapped)) return false;
  State& s = *reinterpret_cast<State*>(mapped);
  DisableHugePages();
  unsigned memoryCount;
  if (!FindWritableSegments(s) || !ListLinearMemories(s.memories, kMaxMemories, memoryCount)) {
    SysMunmap(&s, sizeof(State));
    return false;
  }
  unsigned segments = s.regionCount;
  s.memoryCount = memoryCount;
  for (unsigned i = 0; i < memoryCount; ++i) {
    s.memoryPages[i] = s.memories[i]->pages;
    if (s.memoryPages[i]) s.regions[s.regionCount++] = {s.memories[i]->base, s.memoryPages[i] * kWasmPageSize, 0};
  }
  for (unsigned i = 0; i < gEarlyCount; ++i)
    s.regions[s.regionCount++] = {gEarly[i].begin, RoundUpToPages(gEarly[i].size), 0};

  // The arena right after the executable's writable data if that address
  // space is free (a static executable's, its brk never used), so that a
  // restore asks the kernel about both in one call; anywhere else if not.
  unsigned last = 0;  // the writable segment that ends highest
  for (unsigned i = 1; i < segments; ++i)
    if (s.regions[i].begin > s.regions[last].begin) last = i;
  Region& data = s.regions[last];
  s.arenaNeighbour = -1;
  long arena = syscall(arch::kSysMmap, (long)(data.begin + data.size), (long)kGuestArenaSize, kProtRead | kProtWrite,
                       kMapPrivate | kMapAnonymous | kMapNoReserve | kMapFixedNoreplace, -1, 0);
  if (!IsSyscallError(arena) && reinterpret_cast<uint8_t*>(arena) == data.begin + data.size) s.arenaNeighbour = (int)last;
  if (IsSyscallError(arena))
    arena = SysMmap(nullptr, kGuestArenaSize, kProtRead | kProtWrite, kMapPrivate | kMapAnonymous | kMapNoReserve);
  long memfd = syscall(arch::kSysMemfdCreate, (long)"wacc-snapshot", kMfdCloexec);
  if (IsSyscallError(memfd) || IsSyscallError(arena)) {
    if (!IsSyscallError(arena)) SysMunmap(reinterpret_cast<void*>(arena), kGuestArenaSize);
    if (!IsSyscallError(memfd)) syscall(arch::kSysClose, memfd);
    SysMunmap(&s, sizeof(State));
    return false;
  }
  s.arena = reinterpret_cast<uint8_t*>(arena);
  size_t total = 0;
  for (unsigned i = 0; i < s.regionCount; ++i) total += s.regions[i].size;
  bool ok = !IsSyscallError(syscall(arch::kSysFtruncate, memfd, (long)total));
  // From here gState is set, so it is in the snapshot of .bss.
  s.phase = AllocationPhase::kServer;
  gState = &s;
  size_t offset = 0;
  for (unsigned i = 0; ok && i < s.regionCount; ++i) {
    Region& r = s.regions[i];
    r.offset = offset;
    for (size_t at = 0; ok && at < r.size; at += kPageSize) {
      if (IsZeroPage(r.begin + at)) continue;
      ok = syscall(arch::kSysPwrite64, memfd, (long)(r.begin + at), (long)kPageSize, (long)(offset + at)) ==
           (long)kPageSize;
    }
    // The same bytes, now copy-on-write over the memfd. Fails (and the
    // snapshot with it) where pages are larger than 4 KiB.
    if (ok)
      ok = !IsSyscallError(syscall(arch::kSysMmap, (long)r.begin, (long)r.size, kProtRead | kProtWrite,
                                   kMapPrivate | kMapFixed, memfd, (long)offset));
    offset += r.size;
  }
  long view = ok ? syscall(arch::kSysMmap, 0, (long)total, kProtRead, kMapShared, memfd, 0) : -1;
  ok = ok && !IsSyscallError(view);
  syscall(arch::kSysClose, memfd);
  s.view = reinterpret_cast<const uint8_t*>(view);
  s.pagemap = OpenPagemap();
  // A restore that would not restore: try dropping pages instead, else no
  // snapshot (the server then forks a process per request).
  if (ok && !RestoreWorks(s) && s.pagemap >= 0) {
    syscall(arch::kSysClose, s.pagemap);
    s.pagemap = -1;
    ok = RestoreWorks(s);
  }
  if (!ok) {
    gState = nullptr;  // what was remapped holds the same bytes; carry on without
    return false;
  }
  return true;
}

int SnapshotDescriptor() { return gState ? gState->pagemap : -1; }

void SnapshotAfterFork() {
  if (!gState) return;
  if (gState->pagemap >= 0) syscall(arch::kSysClose, gState->pagemap);
  gState->pagemap = OpenPagemap();
}

void EnterGuestPhase() { gState->phase = AllocationPhase::kGuest; }
void LeaveGuestPhase() { gState->phase = AllocationPhase::kServer; }

void RestoreSnapshot() {
  State& s = *gState;
  // Sizes first: restoring .bss puts back the old page counts.
  for (unsigned i = 0; i < s.memoryCount; ++i) {
    uint64_t now = s.memories[i]->pages, then = s.memoryPages[i];
    if (now <= then) continue;
    uint8_t* grown = s.memories[i]->base + then * kWasmPageSize;
    size_t size = (now - then) * kWasmPageSize;
    syscall(arch::kSysMadvise, (long)grown, (long)size, kMadvDontneed);
    SysMprotect(grown, size, kProtNone);
  }
  for (unsigned i = 0; i < s.guestBlockCount; ++i) SysMunmap(s.guestBlocks[i].begin, RoundUpToPages(s.guestBlocks[i].size));
  s.guestBlockCount = 0;
  if (s.pagemap < 0) {
    // Drop every page: they fault back in from the snapshot (or zero).
    if (s.arenaUsed) syscall(arch::kSysMadvise, (long)s.arena, (long)s.arenaUsed, kMadvDontneed);
    s.arenaUsed = 0;
    for (unsigned i = 0; i < s.regionCount; ++i)
      syscall(arch::kSysMadvise, (long)s.regions[i].begin, (long)s.regions[i].size, kMadvDontneed);
    s.phase = AllocationPhase::kServer;
    return;
  }
  // Copy back only the pages written, and keep them: the pages a handler
  // writes are mostly the same every time, and copying 4 KiB costs less
  // than the fault, the zeroing or copy and the page-table churn of
  // dropping it.
  // (A run may span a region's end and the arena after it.)
  uint8_t* arena = s.arena;
  auto zero = [arena](uint8_t* at, size_t size) {
    if (at < arena) {
      size_t before = (size_t)(arena - at);
      if (before >= size) return;
      at += before;
      size -= before;
    }
    __builtin_memset(at, 0, size);
  };
  size_t arenaUsed = s.arenaUsed;
  s.arenaUsed = 0;
  if (arenaUsed && s.arenaNeighbour < 0) ForEachWrittenRun(s.pagemap, s.noScan, arena, arenaUsed, zero);
  for (unsigned i = 0; i < s.regionCount; ++i) {
    const Region& r = s.regions[i];
    const uint8_t* from = s.view + r.offset - reinterpret_cast<uintptr_t>(r.begin);
    uint8_t* end = r.begin + r.size;
    auto copy = [from, end, &zero](uint8_t* at, size_t size) {
      size_t inside = at < end ? (size_t)(end - at) : 0;
      if (inside > size) inside = size;
      if (inside) __builtin_memcpy(at, from + reinterpret_cast<uintptr_t>(at), inside);
      if (inside < size) zero(at + inside, size - inside);
    };
    ForEachWrittenRun(s.pagemap, s.noScan, r.begin, r.size + ((int)i == s.arenaNeighbour ? arenaUsed : 0), copy);
  }
  s.phase = AllocationPhase::kServer;
}

void* ServerHeapState(size_t bytes) { return gState && bytes <= kServerHeapStateBytes ? gState->serverHeapState : nullptr; }

}  // namespace wacc_rt
