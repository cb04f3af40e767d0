// wasi:http/types bodies: incoming-body, outgoing-body and future-trailers.
// A body is a whole buffer (BodyData), and the guest's streams onto it are
// memory streams (wasi/Streams.h) that never wait, but for a server
// request's body still arriving when the handler starts: its stream and
// trailers come from the connection (RequestBody.cpp, Http.h BodyFeed),
// and their pollables wait for it. A server response's body is
// the exception once response-outparam.set has delivered it: its bytes go
// to the server's sink as they are written (Http.h ResponseSink), which
// sends them on and makes check-write and subscribe follow the socket.
// Each body hands out one stream; the stream holds a reference of its own,
// so it may outlive the body handle.
#include "core/Syscall.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Streams.h"
#include "wasi/http/BodyDecoder.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {
namespace {

struct BodyHandle {
  BodyData* body;
  uint8_t streamTaken;
};

struct FutureTrailers {
  FieldsData* trailers;  // or null
  uint8_t taken;         // get() already returned the result
  BodyFeed* feed;        // the trailers are still to come off the connection
};

BodyHandle& incomingBody(uint32_t rep) { return hostObject<BodyHandle>(rep, HostKind::kHttpIncomingBody); }
BodyHandle& outgoingBody(uint32_t rep) { return hostObject<BodyHandle>(rep, HostKind::kHttpOutgoingBody); }
FutureTrailers& futureTrailers(uint32_t rep) { return hostObject<FutureTrailers>(rep, HostKind::kHttpFutureTrailers); }

long ReadBody(void* owner, void* buffer, uint64_t limit, uint64_t offset) {
  auto* body = static_cast<BodyData*>(owner);
  if (offset >= body->bytes.size) return body->finished ? 0 : -kEagain;
  uint64_t available = body->bytes.size - offset;
  uint64_t n = available < limit ? available : limit;
  __builtin_memcpy(buffer, body->bytes.data + offset, n);
  return (long)n;
}

// The largest body a guest may write: the server holds it whole.
constexpr uint64_t kMaxBody = 1ull << 30;

int WriteBody(void* owner, const void* bytes, uint64_t size) {
  auto* body = static_cast<BodyData*>(owner);
  if (body->finished) return kEpipe;
  if (ResponseSlot* slot = body->streamedTo) return slot->sink->write(slot, bytes, size);
  if (body->bytes.size + size > kMaxBody) return kEnomem;
  body->bytes.append(bytes, size);
  return 0;
}

// What check-write grants when nothing waits for room (IoStreams.cpp's).
constexpr long kWritePermit = 1024 * 1024;

long CheckWriteBody(void* owner) {
  auto* body = static_cast<BodyData*>(owner);
  if (body->finished) return -kEpipe;
  if (ResponseSlot* slot = body->streamedTo) return slot->sink->permit(slot);
  return kWritePermit;
}

uint32_t SubscribeBody(void* owner) {
  auto* body = static_cast<BodyData*>(owner);
  if (ResponseSlot* slot = body->streamedTo; slot && !body->finished) return slot->sink->subscribe(slot);
  return NewReadyPollable();
}

void ReleaseBodyStream(void* owner) { ReleaseBody(static_cast<BodyData*>(owner)); }

int FlushBody(void* owner) {
  auto* body = static_cast<BodyData*>(owner);
  if (ResponseSlot* slot = body->streamedTo; slot && !body->finished && slot->sink->flush)
    return slot->sink->flush(slot);
  return 0;
}

const MemoryStreamOps kBodyStreamOps = {ReadBody, WriteBody, ReleaseBodyStream, CheckWriteBody, SubscribeBody,
                                        FlushBody};

// ---- a request body still arriving (RequestBody.cpp) ----

long ReadFed(void* owner, void* buffer, uint64_t limit, uint64_t) {
  BodyFeed& feed = *static_cast<BodyData*>(owner)->feed;
  uint32_t n = PumpFeed(feed, static_cast<uint8_t*>(buffer), limit > 0xffffffffu ? 0xffffffffu : (uint32_t)limit);
  if (n > 0) return (long)n;
  const BodyDecoder& d = *feed.decoder;
  if (d.phase == BodyPhase::kData || d.phase == BodyPhase::kDataEnd || d.phase == BodyPhase::kSizeLine)
    return -kEagain;
  if (d.phase != BodyPhase::kFailed) return 0;  // the data's end (the trailers may follow)
  switch (d.failure) {
    case BodyFailure::kTooLarge: return -kRequestBodyTooLarge;
    case BodyFailure::kMalformed: return -kRequestBodyMalformed;
    default: return -kRequestBodyCutShort;
  }
}

bool WaitFed(void* owner) {
  WaitFeed(*static_cast<BodyData*>(owner)->feed);
  return true;  // a failure is the next read's to report
}

// Ready once a read has something to report; else the connection's bytes.
PollTarget FedPollTarget(uint32_t) {
  BodyFeed* feed = gActiveFeed;
  if (!feed) return PollTarget{-1, 0};
  PumpFeed(*feed, nullptr, 0);
  const BodyDecoder& d = *feed->decoder;
  bool waits = (d.phase == BodyPhase::kData && feed->in->size == 0) || d.phase == BodyPhase::kDataEnd ||
               d.phase == BodyPhase::kSizeLine;
  return waits ? PollTarget{feed->fd, linux_abi::kPollIn} : PollTarget{-1, 0};
}

uint32_t SubscribeFed(void*) { return NewDynamicPollable(0, FedPollTarget, true); }

const MemoryStreamOps kFedStreamOps = {ReadFed, WriteBody, ReleaseBodyStream, nullptr, SubscribeFed, nullptr, WaitFed};

// The trailers future's: the stream is gone (finish takes the body), so
// what is left of the body's bytes is decoded and dropped.
PollTarget TrailersPollTarget(uint32_t) {
  BodyFeed* feed = gActiveFeed;
  if (!feed) return PollTarget{-1, 0};
  PumpFeed(*feed, nullptr, ~0u);
  return BodyDecoding(*feed->decoder) ? PollTarget{feed->fd, linux_abi::kPollIn} : PollTarget{-1, 0};
}

uint32_t NewBodyHandle(HostKind kind, BodyData* body) {
  uint32_t rep = CreateHostObject(kind);
  RetainBody(body);
  hostObject<BodyHandle>(rep, kind) = BodyHandle{body, 0};
  return rep;
}

}  // namespace

BodyData* NewBodyData() {
  auto* body = static_cast<BodyData*>(HeapAllocate(sizeof(BodyData)));
  *body = BodyData{};
  body->references = 1;
  return body;
}

void RetainBody(BodyData* body) { ++body->references; }

void ReleaseBody(BodyData* body) {
  if (!body || --body->references != 0) return;
  body->bytes.release();
  ReleaseFields(body->trailers);
  HeapFree(body, sizeof(BodyData));
}

uint32_t NewIncomingBody(BodyData* body) { return NewBodyHandle(HostKind::kHttpIncomingBody, body); }
uint32_t NewOutgoingBody(BodyData* body) { return NewBodyHandle(HostKind::kHttpOutgoingBody, body); }

}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

// ---- incoming-body -------------------------------------------------------------

extern "C" void wacc_host_wasi_http_types_method_incoming_body_stream(uint32_t self, uint64_t* results) {
  BodyHandle& handle = incomingBody(self);
  if (handle.streamTaken) {
    results[0] = 1;
    return;
  }
  handle.streamTaken = 1;
  RetainBody(handle.body);
  results[0] = 0;
  results[1] = NewMemoryInputStream(handle.body->feed ? &kFedStreamOps : &kBodyStreamOps, handle.body);
}

extern "C" void wacc_host_wasi_http_types_static_incoming_body_finish(uint32_t this_, uint64_t* results) {
  BodyData* body = incomingBody(this_).body;
  uint32_t rep = CreateHostObject(HostKind::kHttpFutureTrailers);
  FieldsData* trailers = body->trailers;
  if (trailers) RetainFields(trailers);
  futureTrailers(rep) = FutureTrailers{trailers, 0, body->feed};
  ReleaseBody(body);
  DestroyHostObject(this_, HostKind::kHttpIncomingBody);
  results[0] = rep;
}

extern "C" void wacc_host_wasi_http_types_resource_drop_incoming_body(uint32_t rep) {
  ReleaseBody(incomingBody(rep).body);
  DestroyHostObject(rep, HostKind::kHttpIncomingBody);
}

// ---- future-trailers: known when the body is whole, else once it has arrived ----

extern "C" void wacc_host_wasi_http_types_method_future_trailers_subscribe(uint32_t self, uint64_t* results) {
  FutureTrailers& future = futureTrailers(self);
  results[0] = future.feed && future.feed == gActiveFeed ? NewDynamicPollable(0, TrailersPollTarget, true)
                                                         : NewReadyPollable();
}

// option<result<result<option<trailers>, error-code>>>: some(ok(ok(...)))
// once, then some(err) as the WIT says of a second get; none while a
// streamed body's trailers have not arrived, some(ok(err(...))) when it failed.
extern "C" void wacc_host_wasi_http_types_method_future_trailers_get(uint32_t self, uint64_t* results) {
  FutureTrailers& future = futureTrailers(self);
  if (future.feed && !future.taken) {
    BodyFeed& feed = *future.feed;
    PumpFeed(feed, nullptr, ~0u);
    BodyDecoder& d = *feed.decoder;
    if (BodyDecoding(d)) {
      results[0] = 0;
      return;
    }
    future.feed = nullptr;
    if (d.phase == BodyPhase::kFailed) {
      future.taken = 1;
      results[0] = 1;
      results[1] = 0;
      results[2] = 1;
      ErrorCode code = d.failure == BodyFailure::kTooLarge   ? kHttpRequestBodySize
                       : d.failure == BodyFailure::kMalformed ? kHttpProtocolError
                                                              : kConnectionTerminated;
      SetErrorCode(results + 3, code);
      return;
    }
    future.trailers = d.trailers;  // the decoder's reference passes to the future
    d.trailers = nullptr;
  }
  results[0] = 1;
  if (future.taken) {
    results[1] = 1;
    return;
  }
  future.taken = 1;
  results[1] = 0;
  results[2] = 0;
  if (future.trailers) {
    results[3] = 1;
    results[4] = NewFieldsHandle(future.trailers, true);
  } else {
    results[3] = 0;
  }
}

extern "C" void wacc_host_wasi_http_types_resource_drop_future_trailers(uint32_t rep) {
  ReleaseFields(futureTrailers(rep).trailers);
  DestroyHostObject(rep, HostKind::kHttpFutureTrailers);
}

// ---- outgoing-body -------------------------------------------------------------

extern "C" void wacc_host_wasi_http_types_method_outgoing_body_write(uint32_t self, uint64_t* results) {
  BodyHandle& handle = outgoingBody(self);
  if (handle.streamTaken) {
    results[0] = 1;
    return;
  }
  handle.streamTaken = 1;
  RetainBody(handle.body);
  results[0] = 0;
  results[1] = NewMemoryOutputStream(&kBodyStreamOps, handle.body);
}

extern "C" void wacc_host_wasi_http_types_static_outgoing_body_finish(uint32_t this_, uint32_t trailersCase,
                                                                      uint32_t trailers1, uint64_t* results) {
  BodyData* body = outgoingBody(this_).body;
  if (trailersCase == 1) {
    ReleaseFields(body->trailers);
    body->trailers = TakeFields(trailers1);
  }
  body->finished = 1;
  uint64_t written = 0;
  // A streamed response's sink sends the end (and the trailers) now, or
  // says the body broke the content-length the guest gave.
  bool matches = true;
  if (ResponseSlot* slot = body->streamedTo) matches = slot->sink->finish(slot, written);
  ReleaseBody(body);
  DestroyHostObject(this_, HostKind::kHttpOutgoingBody);
  results[0] = 0;
  if (!matches) {
    // err(HTTP-response-body-size(some(written)))
    results[0] = 1;
    results[1] = kHttpResponseBodySize;
    results[2] = 1;
    results[3] = written;
  }
}

// Dropped without finish: the body was abandoned; what was written stays
// (the server sends it with the length written).
extern "C" void wacc_host_wasi_http_types_resource_drop_outgoing_body(uint32_t rep) {
  ReleaseBody(outgoingBody(rep).body);
  DestroyHostObject(rep, HostKind::kHttpOutgoingBody);
}
