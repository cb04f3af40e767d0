// Descriptor readiness on epoll (the contract is core/EventLoop.h).
//
// How it works
// ------------
// Watches live in one pool, named by index; the watches on one descriptor
// form a chain from that descriptor's FdEntry, and epoll holds each watched
// descriptor once, for the union of its watches' events, with the
// descriptor as its data. So a descriptor's registration changes (one
// epoll_ctl) only when that union does: a watch added, removed or changed.
// IoWait is epoll_pwait (epoll_wait does not exist on AArch64), with the
// timeout rounded up to whole milliseconds so that a deadline is never
// missed by waking early; each ready descriptor's chain is then walked and
// each watch whose events (or an error or hang-up) came up is called. A
// callback may add and remove watches, or forget descriptors, while this
// happens: a ready descriptor's chain is copied (watch and serial) before
// any is called, and a watch removed meanwhile (its serial changed) is
// skipped.
//
// epoll refuses regular files (EPERM), which poll(2) reports as always
// ready: such a descriptor (or any other epoll refuses, such as a closed
// one, which poll(2) reports as POLLNVAL) is marked always ready, and a
// wait with any watch on one does not block and calls those watches every
// time.
//
// Round interests (IoRoundInterest) are watches keyed by the async
// runtime's object ids: the event loop scans its objects each round and
// declares what each waits on; a key declaring the same descriptor as last
// round keeps its watch (events updated if they changed), and IoRoundEnd
// removes the watches of keys that declared nothing this round. The
// runtime needs no bookkeeping of its own for when an object starts or
// stops waiting, and a steady set of waiters costs only the scan.
#include "core/EventLoop.h"

#include "core/PageAllocator.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

using arch::EpollEvent;

constexpr long kEpollCloexec = 02000000;
constexpr long kEnoent = 2, kEexist = 17;

constexpr uint32_t kMaxWatches = 1u << 16;
constexpr uint32_t kMaxFds = 1u << 20;  // Linux's default limit (fs.nr_open)
constexpr uint32_t kMaxKeys = 1u << 16;
constexpr uint32_t kBatch = 64;  // ready descriptors taken per epoll_pwait

struct Watch {
  int32_t fd;
  uint32_t events;
  IoReadyFn ready;
  void* state;
  uint32_t next;    // the next watch on the descriptor, or the next free one
  uint32_t serial;  // changes whenever the slot is freed
  uint32_t key;     // a round interest's key + 1; 0 for IoWatchAdd's
  uint32_t round;   // the last round its key declared it
  bool inUse;
};

struct FdEntry {
  uint32_t head;        // first watch on the descriptor, 0: none
  uint32_t registered;  // the events epoll has for it
  bool inEpoll;
  bool alwaysReady;  // epoll refused it: ready for anything, always
};

int epollFd = -1;
Watch* watches = nullptr;  // [0] is never a watch
uint32_t watchTop = 1, freeWatches = 0, watchCount = 0;
FdEntry* fdEntries = nullptr;
uint32_t alwaysReadyWatches = 0;  // watches on always-ready descriptors
uint32_t fdTop = 0;               // above every descriptor ever watched
uint32_t* roundWatch = nullptr;   // key -> its watch
uint32_t currentRound = 0;
IoReadyFn roundReady = nullptr;
IoBeforeSleepFn beforeSleep = nullptr;

void Init() {
  if (watches) return;
  watches = static_cast<Watch*>(AllocatePages(sizeof(Watch) * kMaxWatches));
  fdEntries = static_cast<FdEntry*>(AllocatePages(sizeof(FdEntry) * kMaxFds));
  roundWatch = static_cast<uint32_t*>(AllocatePages(sizeof(uint32_t) * kMaxKeys));
  epollFd = (int)syscall(arch::kSysEpollCreate1, kEpollCloexec);
  if (!watches || !fdEntries || !roundWatch || epollFd < 0) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
}

long EpollCtl(long op, int32_t fd, uint32_t events) {
  EpollEvent event{events, (uint64_t)(uint32_t)fd};
  return syscall(arch::kSysEpollCtl, epollFd, op, fd, (long)&event);
}

// Brings epoll's registration of `fd` in line with its watches.
void Sync(int32_t fd) {
  FdEntry& entry = fdEntries[fd];
  uint32_t wanted = 0;
  for (uint32_t w = entry.head; w; w = watches[w].next) wanted |= watches[w].events;
  if (entry.alwaysReady) return;
  if (!entry.head) {
    if (entry.inEpoll) EpollCtl(kEpollCtlDel, fd, 0);  // EBADF once closed: nothing to undo
    entry.inEpoll = false;
    return;
  }
  if (entry.inEpoll && entry.registered == wanted) return;
  long result = entry.inEpoll ? EpollCtl(kEpollCtlMod, fd, wanted) : EpollCtl(kEpollCtlAdd, fd, wanted);
  // The file behind the number changed while registered (closed without
  // IoForgetFd): register the one there now.
  if (result == -kEnoent) result = EpollCtl(kEpollCtlAdd, fd, wanted);
  if (result == -kEexist) result = EpollCtl(kEpollCtlMod, fd, wanted);
  if (result < 0) {
    // A regular file (EPERM), a closed descriptor (EBADF) or no room in the
    // kernel: as poll(2) would, let its watchers find out by trying.
    entry.alwaysReady = true;
    for (uint32_t w = entry.head; w; w = watches[w].next) ++alwaysReadyWatches;
    entry.inEpoll = false;
    return;
  }
  entry.inEpoll = result == 0;
  entry.registered = wanted;
}

void Unlink(uint32_t watch) {
  Watch& w = watches[watch];
  FdEntry& entry = fdEntries[w.fd];
  for (uint32_t* link = &entry.head; *link; link = &watches[*link].next) {
    if (*link == watch) {
      *link = w.next;
      break;
    }
  }
  if (entry.alwaysReady) {
    --alwaysReadyWatches;
    if (!entry.head) entry = FdEntry{};  // the number may name a socket next
  }
}

void Free(uint32_t watch) {
  Watch& w = watches[watch];
  if (w.key && roundWatch[w.key - 1] == watch) roundWatch[w.key - 1] = 0;
  w.inUse = false;
  ++w.serial;
  w.next = freeWatches;
  freeWatches = watch;
  --watchCount;
}

}  // namespace

uint32_t IoWatchAdd(int32_t fd, uint32_t events, IoReadyFn ready, void* state) {
  Init();
  if (fd < 0 || (uint32_t)fd >= kMaxFds) Trap(WACC_TRAP_ASYNC_INVALID, nullptr);
  uint32_t watch;
  if (freeWatches) {
    watch = freeWatches;
    freeWatches = watches[watch].next;
  } else {
    if (watchTop == kMaxWatches) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
    watch = watchTop++;
  }
  Watch& w = watches[watch];
  w = Watch{fd, events, ready, state, fdEntries[fd].head, w.serial, 0, 0, true};
  if ((uint32_t)fd >= fdTop) fdTop = (uint32_t)fd + 1;
  fdEntries[fd].head = watch;
  ++watchCount;
  if (fdEntries[fd].alwaysReady) ++alwaysReadyWatches;
  Sync(fd);
  return watch;
}

void IoWatchSetEvents(uint32_t watch, uint32_t events) {
  Watch& w = watches[watch];
  if (w.events == events) return;
  w.events = events;
  Sync(w.fd);
}

void IoWatchRemove(uint32_t watch) {
  int32_t fd = watches[watch].fd;
  Unlink(watch);
  Free(watch);
  Sync(fd);
}

void IoForgetFd(int32_t fd) {
  if (!watches || fd < 0 || (uint32_t)fd >= kMaxFds) return;
  FdEntry& entry = fdEntries[fd];
  if (!entry.head && !entry.inEpoll && !entry.alwaysReady) return;
  while (entry.head) {
    uint32_t watch = entry.head;
    Unlink(watch);
    Free(watch);
  }
  // Closing the file removes it from epoll: no call needed.
  entry = FdEntry{};
}

uint32_t IoWatchCount() { return watchCount; }

uint32_t IoWait(uint64_t timeout) {
  if (!watches || watchCount == 0) {
    if (timeout == 0 || timeout == kIoWaitForever) return 0;
    // Nothing to watch: just sleep until the deadline.
    Init();
  }
  // Even when always-ready descriptors keep it from sleeping: it was asked to.
  bool onlyLook = timeout != 0 && beforeSleep && beforeSleep();
  long milliseconds;
  if (alwaysReadyWatches || onlyLook || timeout == 0) {
    milliseconds = 0;
  } else if (timeout == kIoWaitForever) {
    milliseconds = -1;
  } else {
    uint64_t rounded = timeout / 1000000u + (timeout % 1000000u != 0);
    milliseconds = rounded > 0x7fffffff ? 0x7fffffff : (long)rounded;
  }
  EpollEvent events[kBatch];
  long n = syscall(arch::kSysEpollPwait, epollFd, (long)events, kBatch, milliseconds, 0, 8);
  uint32_t called = 0;
  struct Pending {
    uint32_t watch, serial, revents;
  };
  auto callChain = [&](int32_t fd, uint32_t revents) {
    // Copy the chain first: callbacks may change it.
    Pending pending[kBatch];
    uint32_t count = 0;
    for (uint32_t w = fdEntries[fd].head; w && count < kBatch; w = watches[w].next) {
      uint32_t hits = revents & (watches[w].events | kIoErr | kIoHup);
      if (hits) pending[count++] = Pending{w, watches[w].serial, hits};
    }
    for (uint32_t i = 0; i < count; ++i) {
      Watch& w = watches[pending[i].watch];
      if (!w.inUse || w.serial != pending[i].serial) continue;
      w.ready(w.state, pending[i].revents);
      ++called;
    }
  };
  for (long i = 0; i < n; ++i) callChain((int32_t)events[i].data, events[i].events);
  if (alwaysReadyWatches) {
    for (uint32_t fd = 0; fd < fdTop && alwaysReadyWatches; ++fd) {
      if (!fdEntries[fd].alwaysReady || !fdEntries[fd].head) continue;
      callChain((int32_t)fd, kIoIn | kIoOut);
    }
  }
  return called;
}

void IoSetBeforeSleep(IoBeforeSleepFn hook) { beforeSleep = hook; }

void IoRoundBegin(IoReadyFn ready) {
  Init();
  ++currentRound;
  roundReady = ready;
}

void IoRoundInterest(uint32_t key, int32_t fd, uint32_t events) {
  if (key >= kMaxKeys || fd < 0) return;
  uint32_t watch = roundWatch[key];
  if (watch && watches[watch].fd == fd) {
    watches[watch].round = currentRound;
    IoWatchSetEvents(watch, events);
    return;
  }
  if (watch) IoWatchRemove(watch);
  watch = IoWatchAdd(fd, events, roundReady, (void*)(uintptr_t)key);
  watches[watch].key = key + 1;
  watches[watch].round = currentRound;
  roundWatch[key] = watch;
}

void IoRoundEnd() {
  for (uint32_t watch = 1; watch < watchTop; ++watch) {
    Watch& w = watches[watch];
    if (w.inUse && w.key && w.round != currentRound) IoWatchRemove(watch);
  }
}

}  // namespace wacc_rt
