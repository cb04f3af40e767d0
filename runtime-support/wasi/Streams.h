// Host objects behind wasi:io/streams and wasi:io/poll, shared by the
// interfaces that hand streams and pollables out (wasi:cli stdio,
// wasi:filesystem, wasi:sockets, wasi:clocks).
#pragma once

#include <stdint.h>

namespace wacc_rt {

// What a stream's descriptor is: files use positional I/O at `offset`
// (several streams may share one open file), the rest plain read/write.
// A memory stream has no descriptor: its bytes are an owner's buffer
// (wasi:http bodies), reached through `memory`'s functions.
enum class StreamKind : uint8_t { kPipe = 0, kFile, kSocket, kMemory };

// The buffer behind a memory stream. `read` copies up to `limit` bytes from
// `offset` and returns the count, 0 at the end (-EAGAIN when more may come);
// `write` appends and returns 0 or a positive errno; `release` runs when
// the stream is dropped. An output stream whose bytes go on somewhere that
// can be full (a wasi:http server's response body, sent as it is written)
// has `checkWrite` (what check-write grants now, or a negative errno) and
// `subscribe` (a pollable ready when it grants more); without them it
// takes any write at once and its pollable is always ready. `flush` (when
// set) makes an output stream's owner pass on what it holds now. An input
// stream whose bytes arrive from somewhere (a wasi:http server's request
// body, read off the connection as the guest asks) has `subscribe` (a
// pollable ready when `read` has something: bytes, the end, a failure)
// and `wait` (blocks until then; false when it cannot), for
// blocking-read; without them its pollable is always ready.
struct MemoryStreamOps {
  long (*read)(void* owner, void* buffer, uint64_t limit, uint64_t offset);
  int (*write)(void* owner, const void* bytes, uint64_t size);
  void (*release)(void* owner);
  long (*checkWrite)(void* owner) = nullptr;
  uint32_t (*subscribe)(void* owner) = nullptr;
  int (*flush)(void* owner) = nullptr;
  bool (*wait)(void* owner) = nullptr;
};

struct StreamState {
  int32_t fd;
  uint8_t closed;  // set once the other end went away (EOF, EPIPE)
  uint8_t ownsFd;  // dropping the stream closes fd (not for stdio)
  StreamKind kind;
  uint8_t append;   // file output stream that appends
  uint64_t offset;  // file and memory streams: the next position
  const MemoryStreamOps* ops = nullptr;  // memory streams
  void* owner = nullptr;
};

// Reps of new streams on the standard descriptors (never closed).
uint32_t NewOutputStream(int32_t fd);
uint32_t NewInputStream(int32_t fd);
// Reps of new streams owning `fd` (closed when the stream is dropped).
uint32_t NewFileInputStream(int32_t fd, uint64_t offset);
uint32_t NewFileOutputStream(int32_t fd, uint64_t offset, bool append);
uint32_t NewSocketInputStream(int32_t fd);
uint32_t NewSocketOutputStream(int32_t fd);
// Reps of new memory streams onto `owner` (released when dropped).
uint32_t NewMemoryInputStream(const MemoryStreamOps* ops, void* owner);
uint32_t NewMemoryOutputStream(const MemoryStreamOps* ops, void* owner);

// Rep of a new wasi:io/error `error` describing the positive errno `code`.
uint32_t NewIoError(int32_t code);
// The errno behind a live error (for filesystem-error-code and friends).
int32_t IoErrorCode(uint32_t rep);

// Pollables: always ready, ready when a descriptor has `events`, ready
// once the monotonic clock reaches `deadline` (nanoseconds), or, for a
// resource whose state decides what to wait for (a socket that may start
// connecting or listening after subscribe), whatever `target(owner)` says
// each time the pollable is polled.
enum class PollableKind : uint32_t { kReady = 0, kDescriptor, kDeadline, kDynamic };
// What a dynamic pollable waits for now: `fd` having `events`, or nothing
// (ready) when fd is -1; a wait ends at `deadline` (MonotonicNow's clock)
// at the latest, and then the target is asked again.
struct PollTarget {
  int32_t fd;
  int16_t events;
  uint64_t deadline = ~0ull;
};
struct PollableState {
  PollableKind kind;
  int32_t fd;
  int16_t events;
  uint64_t deadline;
  uint32_t owner;
  PollTarget (*target)(uint32_t owner);
  bool recheck;
};
uint32_t NewReadyPollable();
uint32_t NewDescriptorPollable(int32_t fd, int16_t events);
uint32_t NewDeadlinePollable(uint64_t deadline);
// `recheck`: the target makes progress when asked (reads what has come):
// a wake-up of its descriptor or deadline makes the pollable ready only
// when the target, asked again, says so (else a readable descriptor is
// ready enough).
uint32_t NewDynamicPollable(uint32_t owner, PollTarget (*target)(uint32_t owner), bool recheck = false);

// Runs before the guest waits in wasi:io/poll or for an outgoing wasi:http
// exchange, when set: the wasi:http server then sends the response bytes it
// has gathered (wasi/http/Server.cpp), so the client need not wait for the
// guest. Set before the server's snapshot, so a restore keeps it.
extern void (*gBeforeGuestWaits)();

// Blocks until `fd` has one of `events` (or an error/hang-up); false when
// the wait itself failed.
bool WaitForDescriptor(int32_t fd, int16_t events);
// Whether `fd` has one of `events` now (or an error/hang-up).
bool DescriptorReady(int32_t fd, int16_t events);

// wasi:clocks/monotonic-clock now, in nanoseconds.
uint64_t MonotonicNow();

}  // namespace wacc_rt
