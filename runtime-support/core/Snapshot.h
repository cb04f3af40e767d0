// The guest state of the process, captured once after instantiation and put
// back after every request: the wasi:http server's per-request isolation
// (wasi/http/Server.cpp). Snapshot.cpp has the design.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wacc_rt {

// Whose page allocations are being made. Before the snapshot every block is
// recorded (the snapshot restores them); after it, blocks made while the
// guest runs are dropped at the next restore and the server's are its own.
enum class AllocationPhase : uint8_t { kBeforeSnapshot, kServer, kGuest };

AllocationPhase CurrentAllocationPhase();

// Captures linear memories, the executable's writable data and every page
// block allocated so far, and enters the server phase. False (the process
// unchanged in effect) when some of that state cannot be captured: too many
// blocks or memories, or pages larger than 4 KiB.
bool TakeSnapshot();

// In a child forked after TakeSnapshot, before its first restore: the
// child's own page map (the parent's says nothing of the child's pages).
void SnapshotAfterFork();

// The descriptor the snapshot keeps open (/proc/self/pagemap), or -1.
int SnapshotDescriptor();

// A trap reason for wacc_rt_catch_trap's caller: the guest called
// wasi:cli/exit during a request (wasi/CliExit.cpp).
inline constexpr uint32_t kGuestExited = 0xffff;

// Guest phase on, off. RestoreSnapshot leaves the server phase.
void EnterGuestPhase();
void LeaveGuestPhase();

// Puts everything TakeSnapshot captured back as it was, in time proportional
// to the pages written since (they are dropped and fault back in from the
// snapshot), shrinks grown memories and frees the guest phase's blocks.
void RestoreSnapshot();

// Zeroed bytes (at most 1 KiB) outside the restored state, for the http
// heap's free lists in the server phase (wasi/http/Heap.cpp), so the
// server's buffers survive restores. Null before the snapshot.
void* ServerHeapState(size_t bytes);

// core/PageAllocator.cpp's bookkeeping hooks.
// In the guest phase, a block from the guest arena (null outside it).
void* AllocateGuestPages(size_t size);
void TrackPages(void* block, size_t size);
void RetrackPages(void* oldBlock, void* newBlock, size_t newSize);
// False when the block must stay mapped (see IsPinnedPages).
bool UntrackPages(void* block);
// A block of the snapshot or of the guest arena: never moved nor unmapped
// (a restore brings it back).
bool IsPinnedPages(const void* block);

}  // namespace wacc_rt
