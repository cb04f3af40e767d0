// Request bodies the 0.2 server streams to its handler (Http.h BodyFeed):
// the handler runs as soon as the request's head is here, and its
// incoming-body stream reads the rest off the connection as the guest asks
// for it, through the BodyDecoder (content-length or chunked, with
// trailers), so a body of any size passes through a fixed window and the
// body limit is enforced as bytes arrive. Reading never waits unless the
// guest asks to (blocking-read, or a pollable of the stream or of the
// trailers future, which wait for the connection to have bytes); a wait
// lasts at most --idle-timeout, after which the body counts as cut short.
// The server decides what a failed body means for the response
// (Server.cpp: 400 or 413 while nothing has been sent).
#include "core/Syscall.h"
#include "wasi/Linux.h"
#include "wasi/Streams.h"
#include "wasi/http/BodyDecoder.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {

BodyFeed* gActiveFeed = nullptr;

namespace {

using namespace linux_abi;

void Consume(ByteBuffer& buffer, uint32_t count) {
  if (count >= buffer.size) {
    buffer.size = 0;
    return;
  }
  __builtin_memmove(buffer.data, buffer.data + count, buffer.size - count);
  buffer.size -= count;
}

// Whether the decoder stopped for want of bytes (rather than at the end,
// at a failure, or with body bytes left for a later read).
bool Starved(const BodyFeed& f) {
  const BodyDecoder& d = *f.decoder;
  if (!BodyDecoding(d)) return false;
  return d.phase != BodyPhase::kData || f.in->size == 0;
}

void CutShort(BodyFeed& f) {
  f.decoder->phase = BodyPhase::kFailed;
  f.decoder->failure = BodyFailure::kCutShort;
}

// Reads what the connection has now into the window: the count, 0 at the
// client's end, -EAGAIN when nothing has come, or another negative errno.
long Fill(BodyFeed& f) {
  ByteBuffer& in = *f.in;
  uint32_t room = in.capacity - in.size;
  if (room == 0) return -kEagain;  // (the decoder fails lines longer than the window first)
  uint8_t* at = in.data + in.size;
  uint32_t want = room;
  if (f.exact) {
    uint32_t ahead = BodyBytesAhead(*f.decoder, in.size, nullptr, 0);
    if (ahead == 0) {
      // A line: look at what has come, and take it up to the line's end.
      long peeked = RetryInterrupted(
          [&] { return Sys(arch::kSysRecvfrom, f.fd, (long)at, room, kMsgDontWait | 0x2 /* MSG_PEEK */, 0, 0); });
      if (peeked <= 0) return peeked;
      ahead = BodyBytesAhead(*f.decoder, in.size, at, (uint32_t)peeked);
    }
    if (ahead < want) want = ahead;
  }
  long got = RetryInterrupted([&] { return Sys(arch::kSysRecvfrom, f.fd, (long)at, want, kMsgDontWait, 0, 0); });
  if (got > 0) in.size += (uint32_t)got;
  return got;
}

}  // namespace

uint32_t PumpFeed(BodyFeed& f, uint8_t* out, uint32_t max) {
  for (;;) {
    uint32_t consumed = 0;
    uint32_t produced = DecodeBody(*f.decoder, f.in->data, f.in->size, consumed, out, max);
    Consume(*f.in, consumed);
    if (produced > 0 || !Starved(f)) return produced;
    if (f.eof) {
      CutShort(f);
      return 0;
    }
    long got = Fill(f);
    if (got > 0) continue;
    if (got == -kEagain) return 0;
    // The client's end (or a broken connection) before the body's.
    f.eof = 1;
    CutShort(f);
    return 0;
  }
}

void WaitFeed(BodyFeed& f) {
  PumpFeed(f, nullptr, 0);
  if (!Starved(f)) return;
  // What the guest has written of its response leaves before it waits
  // (an echo of a slow upload answers as it reads).
  if (gBeforeGuestWaits) gBeforeGuestWaits();
  PollFd p{f.fd, kPollIn, 0};
  Timespec timeout{(int64_t)f.idleTimeout, 0};
  long r = RetryInterrupted([&] { return Sys(arch::kSysPpoll, (long)&p, 1, f.idleTimeout ? (long)&timeout : 0, 0, 8); });
  if (r <= 0) CutShort(f);  // silent for too long: as good as gone
}

bool DrainFeed(BodyFeed& f) {
  for (;;) {
    PumpFeed(f, nullptr, ~0u);
    if (!BodyDecoding(*f.decoder)) return f.decoder->phase == BodyPhase::kDone;
    WaitFeed(f);
  }
}

}  // namespace wacc_rt::http
