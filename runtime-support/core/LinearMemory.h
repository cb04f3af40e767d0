// Linear memory reservations, as the fault handler needs to know them.
#pragma once

#include <stdint.h>

#include "wacc/Runtime.h"

struct wacc_memory;

namespace wacc_rt {

inline constexpr uint64_t kWasmPageSize = 64 * 1024;
inline constexpr uint64_t kMaxWasmPages = 65536;  // 4 GiB of 32-bit memory
// What a memory may grow to: one page less (wacc/Runtime.h, the guard below).
inline constexpr uint64_t kMaxGrownPages = WACC_MEMORY_MAX_PAGES;
static_assert((kMaxWasmPages - kMaxGrownPages) * kWasmPageSize >= WACC_MEMORY_GUARD_BELOW);

// Inaccessible bytes below a memory's base (wacc/Runtime.h).
inline constexpr uint64_t kGuardBelowSize = WACC_MEMORY_GUARD_BELOW;
static_assert(kGuardBelowSize % kWasmPageSize == 0);

// From the base: a 32-bit address plus a 32-bit static offset reaches below
// 8 GiB; the extra wasm page covers the width of the widest access (v128)
// at the end. The reservation is this plus the guard below.
inline constexpr uint64_t kReservationSize = 2 * kMaxWasmPages * kWasmPageSize + kWasmPageSize;

// Whether memories made from now on get transparent huge pages above their
// first 4 MiB (LinearMemory.cpp says why): where the auxiliary vector's page
// size is 4 KiB. wacc_rt_start calls it once; without the call, none do.
void ConfigureHugePages(const uintptr_t* auxv);

// No huge pages from now on, in the memories made so far (advised
// MADV_NOHUGEPAGE) or later: core/Snapshot.cpp, before it snapshots them.
void DisableHugePages();

// True if `address` lies inside any linear memory's reservation (the guard
// below included), accessible or not. Async-signal-safe.
bool IsInLinearMemoryReservation(uintptr_t address);

// Every linear memory made so far (core/Snapshot.cpp resets them): fills
// `memories`, sets `count`; false when there are more than `capacity` or
// some were never registered.
bool ListLinearMemories(wacc_memory** memories, unsigned capacity, unsigned& count);

}  // namespace wacc_rt
