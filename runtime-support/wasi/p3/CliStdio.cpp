// wasi:cli 0.3 stdin, stdout and stderr: stream<u8> ends the host holds
// (core/AsyncHost.h). A guest write to stdout/stderr is written to the
// descriptor at once; a guest read of stdin reads the descriptor. Each
// call's future<result<_, error-code>> resolves when its stream ends.
#include "core/AsyncHost.h"
#include "core/Syscall.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"

using namespace wacc_rt;

namespace {

struct StdioStream {
  int fd;
  bool ended;       // the stream is done (guest dropped it, or end of input)
  bool failed;      // a read or write error: the future reports error-code.io
  uint32_t future;  // readable rep of the result future (0: the guest dropped it)
  // The stream and the future not yet released (their `closed` calls): the
  // slot is reused at 0, so a program writing stdout a stream per line
  // does not run out of them.
  uint32_t refs;
};

constexpr uint32_t kMaxStreams = 64;
StdioStream streams[kMaxStreams];
uint32_t streamCount = 0;

StdioStream* NewStream(int fd) {
  StdioStream* s = nullptr;
  for (uint32_t i = 0; i < streamCount && !s; ++i)
    if (streams[i].refs == 0) s = &streams[i];
  if (!s) {
    if (streamCount == kMaxStreams) return nullptr;
    s = &streams[streamCount++];
  }
  *s = StdioStream{fd, false, false, 0, 2};
  return s;
}

void Release(StdioStream* s) {
  if (s->refs) --s->refs;
}

void Wake(StdioStream* s) {
  if (s->future) HostStreamWake(s->future);
}

// The guest dropped the result future (its rep is gone with it).
void FutureClosed(void* state) {
  StdioStream* s = static_cast<StdioStream*>(state);
  s->future = 0;
  Release(s);
}

// The result future: result<_, error-code> is 2 bytes (discriminant, enum).
uint32_t FutureReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  StdioStream* s = static_cast<StdioStream*>(state);
  if (!s->ended) return kHostWouldBlock;
  if (count == 0) return 0;
  buffer[0] = s->failed ? 1 : 0;
  buffer[1] = 0;  // error-code.io
  return 1;
}

uint32_t WriteReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  StdioStream* s = static_cast<StdioStream*>(state);
  uint32_t done = 0;
  while (done < count) {
    long n = SysWrite(s->fd, buffer + done, count - done);
    if (n == -kEintr) continue;
    if (n < 0) {
      s->failed = true;
      break;
    }
    done += (uint32_t)n;
  }
  return done;
}

uint32_t ReadReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  StdioStream* s = static_cast<StdioStream*>(state);
  if (count == 0) return 0;
  for (;;) {
    long n = SysRead(s->fd, buffer, count);
    if (n == -kEintr) continue;
    if (n == -kEagain) return kHostWouldBlock;
    if (n <= 0) {
      s->failed = n < 0;
      s->ended = true;
      Wake(s);
      return kHostClosed;
    }
    return (uint32_t)n;
  }
}

void Ended(void* state) {
  StdioStream* s = static_cast<StdioStream*>(state);
  s->ended = true;
  Wake(s);
  Release(s);
}

void WriteViaStream(int fd, uint32_t data, uint64_t* results) {
  StdioStream* s = NewStream(fd);
  if (!s) {
    // No slot: the data stream is closed unread, the future never resolves.
    HostStreamClose(data);
    results[0] = HostStreamWithWriter(1, HostEnd{[](void*, uint8_t*, uint32_t, uint32_t) { return kHostWouldBlock; },
                                                 nullptr, -1, 0, nullptr, nullptr, 0});
    return;
  }
  s->future = HostStreamWithWriter(1, HostEnd{FutureReady, s, -1, 0, FutureClosed, nullptr, 0});
  HostStreamAttachReader(data, HostEnd{WriteReady, s, fd, kPollOut, Ended, nullptr, 0});
  results[0] = s->future;
}

}  // namespace

extern "C" void wacc_host_p3_wasi_cli_stdout_write_via_stream(uint32_t data, uint64_t* results) {
  WriteViaStream(1, data, results);
}

extern "C" void wacc_host_p3_wasi_cli_stderr_write_via_stream(uint32_t data, uint64_t* results) {
  WriteViaStream(2, data, results);
}

extern "C" void wacc_host_p3_wasi_cli_stdin_read_via_stream(uint64_t* results) {
  StdioStream* s = NewStream(0);
  if (!s) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  s->future = HostStreamWithWriter(1, HostEnd{FutureReady, s, -1, 0, FutureClosed, nullptr, 0});
  results[0] = HostStreamWithWriter(0, HostEnd{ReadReady, s, 0, 1 /* POLLIN */, Ended, nullptr, 0});
  results[1] = s->future;
}
