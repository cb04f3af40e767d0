// wasi:io/poll: a pollable is a descriptor plus events, a monotonic
// deadline, a resource's current target (sockets), or nothing (always
// ready); poll and block wait with one ppoll
// over the descriptors, its timeout being the earliest deadline.
#include "core/Clock.h"
#include "core/HostObjects.h"
#include "core/PageAllocator.h"
#include "core/ResultArena.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

PollableState& pollable(uint32_t rep) { return hostObject<PollableState>(rep, HostKind::kPollable); }

uint32_t NewPollable(const PollableState& state) {
  uint32_t rep = CreateHostObject(HostKind::kPollable);
  pollable(rep) = state;
  return rep;
}

constexpr uint64_t kNoDeadline = ~uint64_t{0};

// Waits once: until a descriptor in `fds` is ready or `deadline` passes.
void WaitOnce(PollFd* fds, uint32_t count, uint64_t deadline) {
  Timespec timeout{};
  Timespec* timeoutArg = nullptr;
  if (deadline != kNoDeadline) {
    uint64_t now = MonotonicNow();
    uint64_t remaining = deadline > now ? deadline - now : 0;
    timeout.seconds = (int64_t)(remaining / 1000000000u);
    timeout.nanoseconds = (int64_t)(remaining % 1000000000u);
    timeoutArg = &timeout;
  }
  Sys(arch::kSysPpoll, (long)fds, count, (long)timeoutArg, 0, 8);
}

bool IsReady(const PollableState& state, const PollFd& fd, uint64_t now) {
  switch (state.kind) {
    case PollableKind::kReady: return true;
    case PollableKind::kDescriptor: return fd.revents != 0;
    case PollableKind::kDynamic:
      // A target that makes progress itself (`recheck`) says whether the
      // wake-up (its descriptor, or its deadline) made it ready.
      if (fd.fd < 0) return true;
      return state.recheck ? state.target(state.owner).fd < 0 : fd.revents != 0;
    case PollableKind::kDeadline: return now >= state.deadline;
  }
  return true;
}

// Fills `fds` for the pollables and returns the earliest deadline.
uint64_t Prepare(const uint64_t* reps, uint32_t count, PollFd* fds, bool* anyAlwaysReady) {
  uint64_t deadline = kNoDeadline;
  for (uint32_t i = 0; i < count; ++i) {
    const PollableState& state = pollable((uint32_t)reps[i]);
    bool isFd = state.kind == PollableKind::kDescriptor;
    fds[i] = PollFd{isFd ? state.fd : -1, isFd ? state.events : (short)0, 0};
    if (state.kind == PollableKind::kDynamic) {
      PollTarget target = state.target(state.owner);
      fds[i] = PollFd{target.fd, target.fd < 0 ? (short)0 : target.events, 0};
      if (target.fd < 0) *anyAlwaysReady = true;
      if (target.deadline < deadline) deadline = target.deadline;
    }
    if (state.kind == PollableKind::kDeadline && state.deadline < deadline) deadline = state.deadline;
    if (state.kind == PollableKind::kReady) *anyAlwaysReady = true;
  }
  return deadline;
}

// Waits until at least one of the pollables is ready; returns how many
// are, with their indexes in `ready`.
uint32_t PollAll(const uint64_t* reps, uint32_t count, PollFd* fds, uint32_t* ready) {
  for (;;) {
    bool anyAlwaysReady = false;
    uint64_t deadline = Prepare(reps, count, fds, &anyAlwaysReady);
    if (anyAlwaysReady) deadline = 0;
    if (!anyAlwaysReady && gBeforeGuestWaits) gBeforeGuestWaits();
    // Something is ready already and no descriptor needs a look (a 0.2
    // server's response stream with room to write, polled by a JavaScript
    // handler once a request): no ppoll.
    bool anyDescriptor = false;
    for (uint32_t i = 0; i < count; ++i) anyDescriptor |= fds[i].fd >= 0;
    if (!anyAlwaysReady || anyDescriptor) WaitOnce(fds, count, deadline);
    uint64_t now = MonotonicNow();
    uint32_t readyCount = 0;
    for (uint32_t i = 0; i < count; ++i)
      if (IsReady(pollable((uint32_t)reps[i]), fds[i], now)) ready[readyCount++] = i;
    if (readyCount != 0) return readyCount;
  }
}

}  // namespace

void (*gBeforeGuestWaits)() = nullptr;

uint32_t NewReadyPollable() { return NewPollable(PollableState{PollableKind::kReady, -1, 0, 0, 0, nullptr, false}); }

uint32_t NewDescriptorPollable(int32_t fd, int16_t events) {
  return NewPollable(PollableState{PollableKind::kDescriptor, fd, events, 0, 0, nullptr, false});
}

uint32_t NewDeadlinePollable(uint64_t deadline) {
  return NewPollable(PollableState{PollableKind::kDeadline, -1, 0, deadline, 0, nullptr, false});
}

uint32_t NewDynamicPollable(uint32_t owner, PollTarget (*target)(uint32_t owner), bool recheck) {
  return NewPollable(PollableState{PollableKind::kDynamic, -1, 0, 0, owner, target, recheck});
}

bool WaitForDescriptor(int32_t fd, int16_t events) {
  PollFd poll{fd, events, 0};
  long result = RetryInterrupted([&] { return SysPollForever(&poll, 1); });
  return result >= 0;
}

bool DescriptorReady(int32_t fd, int16_t events) {
  PollFd poll{fd, events, 0};
  Timespec zero{};
  long result = Sys(arch::kSysPpoll, (long)&poll, 1, (long)&zero, 0, 8);
  return result > 0 && poll.revents != 0;
}

uint64_t MonotonicNow() { return MonotonicNanoseconds(); }

}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_io_poll_method_pollable_ready(uint32_t self, uint64_t* results) {
  const PollableState& state = pollable(self);
  bool ready;
  if (state.kind == PollableKind::kDynamic) {
    PollTarget target = state.target(state.owner);
    ready = target.fd < 0 || (!state.recheck && DescriptorReady(target.fd, target.events));
  } else {
    ready = state.kind == PollableKind::kDescriptor ? DescriptorReady(state.fd, state.events)
                                                    : IsReady(state, PollFd{-1, 0, 0}, MonotonicNow());
  }
  results[0] = ready ? 1 : 0;
}

extern "C" void wacc_host_wasi_io_poll_method_pollable_block(uint32_t self) {
  uint64_t rep = self;
  PollFd fd{};
  uint32_t ready = 0;
  PollAll(&rep, 1, &fd, &ready);
}

extern "C" void wacc_host_wasi_io_poll_poll(const uint64_t* in, uint32_t count, uint64_t* results) {
  // WASI: polling nothing would block forever, so it traps instead.
  if (count == 0) Trap(WACC_TRAP_UNREACHABLE, "wasi:io/poll.poll with an empty list");
  ResetResultArena();
  auto* fds = AllocateResults<PollFd>(count);
  auto* ready = AllocateResults<uint32_t>(count);
  uint32_t readyCount = PollAll(in, count, fds, ready);
  results[0] = reinterpret_cast<uintptr_t>(ready);
  results[1] = readyCount;
}

extern "C" void wacc_host_wasi_io_poll_resource_drop_pollable(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kPollable);
}
