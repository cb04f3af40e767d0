// poll_oneoff over wasi:io/poll, as Wasmtime's preview1 layer does it:
// every subscription becomes a 0.2 pollable (a monotonic deadline, stdin's
// or stdout's stream, always-ready for files), one 0.2 poll waits for any
// of them, and an event is written for each ready subscription, in
// subscription order. A lone relative clock subscription just sleeps. Zero
// subscriptions are EINVAL (they would sleep forever); CPU-time clocks are
// EINVAL; an fd that is no stdio stream or file is EBADF. As in Wasmtime, a
// ready fd event reports nbytes 1 (and, for a file read at its end,
// FD_READWRITE_HANGUP) rather than a byte count.
#include "wasi/preview1/Poll.h"

#include "core/PageAllocator.h"
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Streams.h"
#include "wasi/preview1/Clocks.h"
#include "wasi/preview1/Descriptors.h"
#include "wasi/preview1/FdTable.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {
namespace {

struct Subscription {
  uint64_t userdata;
  uint8_t type;  // Eventtype
  uint32_t clockId;
  uint64_t timeout;
  uint16_t clockFlags;
  uint32_t fd;
};

uint32_t LoadSubscription(SubscriptionLayout layout, uint32_t at, Subscription* sub) {
  const uint8_t* bytes = GuestRange(at, layout == SubscriptionLayout::kPreview0 ? 56 : 48);
  if (bytes == nullptr) return kFault;
  __builtin_memcpy(&sub->userdata, bytes, 8);
  sub->type = bytes[8];
  uint32_t clock = layout == SubscriptionLayout::kPreview0 ? 24 : 16;  // after the identifier
  __builtin_memcpy(&sub->clockId, bytes + clock, 4);
  __builtin_memcpy(&sub->timeout, bytes + clock + 8, 8);
  __builtin_memcpy(&sub->clockFlags, bytes + clock + 24, 2);
  __builtin_memcpy(&sub->fd, bytes + 16, 4);
  if (sub->type > kEventFdWrite) return kInval;
  if (sub->type == kEventClock && (sub->clockId > kClockThreadCputime || (sub->clockFlags & ~1u))) return kInval;
  return kSuccess;
}

uint32_t StoreEvent(uint32_t at, uint64_t userdata, uint8_t type, uint64_t nbytes, uint16_t flags) {
  uint8_t record[kEventSize] = {};
  __builtin_memcpy(record, &userdata, 8);
  record[10] = type;  // error (u16 at 8) stays 0
  __builtin_memcpy(record + 16, &nbytes, 8);
  __builtin_memcpy(record + 24, &flags, 2);
  return StoreBytes(at, record, sizeof record) ? kSuccess : kFault;
}

uint32_t Sleep(uint64_t nanoseconds) {
  uint64_t results[1];
  wacc_host_wasi_clocks_monotonic_clock_subscribe_duration(nanoseconds, results);
  wacc_host_wasi_io_poll_method_pollable_block((uint32_t)results[0]);
  wacc_host_wasi_io_poll_resource_drop_pollable((uint32_t)results[0]);
  return kSuccess;
}

// The pollable for one subscription, or an errno.
uint32_t Subscribe(const Subscription& sub, uint64_t* pollable) {
  uint64_t results[2];
  if (sub.type == kEventClock) {
    bool absolute = (sub.clockFlags & kSubclockAbstime) != 0;
    uint64_t timeout = sub.timeout;
    if (sub.clockId == kClockRealtime && absolute) {
      // A wall-clock deadline becomes a duration from now.
      uint64_t now = 0;
      wacc_host_wasi_clocks_wall_clock_now(results);
      uint32_t error = DatetimeNanoseconds(results, &now);
      if (error != kSuccess) return error;
      timeout = timeout > now ? timeout - now : 0;
      absolute = false;
    } else if (sub.clockId != kClockRealtime && sub.clockId != kClockMonotonic) {
      return kInval;
    }
    if (absolute)
      wacc_host_wasi_clocks_monotonic_clock_subscribe_instant(timeout, results);
    else
      wacc_host_wasi_clocks_monotonic_clock_subscribe_duration(timeout, results);
    *pollable = results[0];
    return kSuccess;
  }
  FdEntry* entry = LookupFd(sub.fd);
  if (entry == nullptr) return kBadf;
  if (entry->kind == FdKind::kFile) {
    *pollable = NewReadyPollable();  // files are always ready (as their 0.2 streams)
  } else if (sub.type == kEventFdRead && entry->kind == FdKind::kStdin) {
    wacc_host_wasi_io_streams_method_input_stream_subscribe(entry->rep, results);
    *pollable = results[0];
  } else if (sub.type == kEventFdWrite && (entry->kind == FdKind::kStdout || entry->kind == FdKind::kStderr)) {
    wacc_host_wasi_io_streams_method_output_stream_subscribe(entry->rep, results);
    *pollable = results[0];
  } else {
    return kBadf;
  }
  return kSuccess;
}

// The event of a ready subscription.
uint32_t Event(const Subscription& sub, uint32_t at) {
  if (sub.type == kEventClock) return StoreEvent(at, sub.userdata, kEventClock, 0, 0);
  FdEntry* entry = LookupFd(sub.fd);
  if (entry == nullptr) return kBadf;
  uint16_t flags = 0;
  if (sub.type == kEventFdRead && entry->kind == FdKind::kFile) {
    uint64_t size = 0;
    uint32_t error = DescriptorSize(entry->rep, &size);
    if (error != kSuccess) return error;
    if (size <= entry->position) flags = kEventHangup;
  }
  return StoreEvent(at, sub.userdata, sub.type, 1, flags);
}

}  // namespace

uint32_t PollOneoff(SubscriptionLayout layout, uint32_t in, uint32_t out, uint32_t count, uint32_t neventsOut) {
  if (count == 0) return kInval;
  uint32_t size = layout == SubscriptionLayout::kPreview0 ? 56 : kSubscriptionSize;
  Subscription sub{};
  if (count == 1) {
    uint32_t error = LoadSubscription(layout, in, &sub);
    if (error != kSuccess) return error;
    if (sub.type == kEventClock && (sub.clockFlags & kSubclockAbstime) == 0) {
      Sleep(sub.timeout);
      error = StoreEvent(out, sub.userdata, kEventClock, 1, 0);
      if (error != kSuccess) return error;
      return StoreU32(neventsOut, 1) ? kSuccess : kFault;
    }
  }
  if (GuestRange(in, (uint64_t)count * size) == nullptr || GuestRange(out, (uint64_t)count * kEventSize) == nullptr)
    return kFault;
  // The pollables, then whether each is ready.
  size_t bytes = (size_t)count * 2 * sizeof(uint64_t);
  auto* pollables = static_cast<uint64_t*>(AllocatePages(bytes));
  if (pollables == nullptr) return kNomem;
  uint32_t subscribed = 0;
  uint32_t error = kSuccess;
  for (; subscribed < count && error == kSuccess; ++subscribed) {
    error = LoadSubscription(layout, in + subscribed * size, &sub);
    if (error == kSuccess) error = Subscribe(sub, &pollables[subscribed]);
    if (error != kSuccess) break;
  }
  uint32_t events = 0;
  if (error == kSuccess) {
    uint64_t results[2];
    wacc_host_wasi_io_poll_poll(pollables, count, results);
    // Copied: the list lives in the result arena, which later calls reset.
    uint64_t* isReady = pollables + count;
    const auto* ready = reinterpret_cast<const uint32_t*>(results[0]);
    for (uint64_t r = 0; r < results[1]; ++r) isReady[ready[r]] = 1;
    for (uint32_t i = 0; i < count && error == kSuccess; ++i) {
      if (!isReady[i]) continue;
      LoadSubscription(layout, in + i * size, &sub);
      error = Event(sub, out + events * kEventSize);
      if (error == kSuccess) ++events;
    }
  }
  for (uint32_t i = 0; i < subscribed; ++i) wacc_host_wasi_io_poll_resource_drop_pollable((uint32_t)pollables[i]);
  FreePages(pollables, bytes);
  if (error != kSuccess) return error;
  return StoreU32(neventsOut, events) ? kSuccess : kFault;
}

}  // namespace wacc_rt::p1

using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p1_poll_oneoff(uint32_t in, uint32_t out, uint32_t nsubscriptions, uint32_t neventsOut) {
  return PollOneoff(SubscriptionLayout::kPreview1, in, out, nsubscriptions, neventsOut);
}
