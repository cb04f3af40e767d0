// Descriptor readiness for the async runtime and the host: one epoll
// instance (core/EventLoop.cpp) that the event loop of core/Async.cpp waits
// on, and that any host code may register descriptors with.
//
// A watch says "call ready(state, revents) whenever fd is ready for
// events": level-triggered, from inside IoWait (so from the event loop,
// never from a signal or another thread), until the watch is removed or its
// descriptor forgotten. Several watches may name one descriptor. Host code
// that closes a descriptor which may be watched calls IoForgetFd first
// (wasi/Linux.h's CloseFd does), since the kernel drops a closed file from
// epoll by itself and a reused descriptor number must not inherit it.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// poll(2)'s event bits, which epoll shares.
inline constexpr uint32_t kIoIn = 0x001, kIoOut = 0x004, kIoErr = 0x008, kIoHup = 0x010;

using IoReadyFn = void (*)(void* state, uint32_t revents);

// Watches `fd` for `events` (kIoIn/kIoOut; errors and hang-ups are always
// reported); returns the watch's id (never 0). A descriptor epoll cannot
// watch (a regular file) is always ready.
uint32_t IoWatchAdd(int32_t fd, uint32_t events, IoReadyFn ready, void* state);
void IoWatchSetEvents(uint32_t watch, uint32_t events);
void IoWatchRemove(uint32_t watch);
// `fd` is about to be closed: every watch on it is removed.
void IoForgetFd(int32_t fd);
// How many watches there are: a wait with none and no timeout never ends.
uint32_t IoWatchCount();

// Waits until a watched descriptor is ready or `timeout` nanoseconds pass
// (0: only looks; kIoWaitForever), then calls the ready watches. Returns
// how many were called.
inline constexpr uint64_t kIoWaitForever = ~0ull;
uint32_t IoWait(uint64_t timeout);

// Called by IoWait just before it would sleep (a timeout other than 0):
// host code that gathers output sends it then, one system call per
// descriptor for all that gathered, rather than one per write (the 0.3
// HTTP server's responses). It returns true when what it did may have made
// work (IoWait then only looks). Null: none.
using IoBeforeSleepFn = bool (*)();
void IoSetBeforeSleep(IoBeforeSleepFn hook);

// Interests the event loop re-declares each round, one per key (the async
// runtime's pool indices, below 1 << 16): IoRoundBegin, an IoRoundInterest
// for each object waiting on a descriptor, IoRoundEnd. A watch lives as
// long as its key keeps declaring the same descriptor, so a round of
// unchanged interests costs no system call; `ready` gets the key as state.
void IoRoundBegin(IoReadyFn ready);
void IoRoundInterest(uint32_t key, int32_t fd, uint32_t events);
void IoRoundEnd();

}  // namespace wacc_rt
