// wasi:http/client 0.3: send, allowed only with --inherit-network
// (otherwise HTTP-request-denied).
//
// send is an `async func`: it takes the request and returns a host
// subtask. The request's body stream and trailers future are the guest's
// to write, usually after calling send (wit-bindgen spawns the writer), so
// the host reads both as they come (a host reader of each) and, once the
// body has ended and the trailers are known, makes the exchange: 0.2's
// (../Exchange.cpp: the authority resolved, http:// or https://, the
// request-options' timeouts), whose whole response (body and trailers)
// the response's consume-body then serves from memory. The exchange
// blocks the process (connect, send, receive): simple, and what the 0.2
// client does; a server serving other requests meanwhile waits for it. A
// trailers future holding an error fails the send with it.
#include "core/AsyncHost.h"
#include "core/Capabilities.h"
#include "core/Output.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/Exchange.h"
#include "wasi/http/p3/P3Http.h"

namespace wacc_rt::http::p3 {
namespace {

using namespace linux_abi;

struct Exchange {
  Message* m;
  uint32_t subtask;
  bool bodyDone, trailersDone, sent;
  uint32_t ends;  // host reader ends whose `closed` is still to come
  uint32_t trailersError;  // error-code case + 1 from the trailers future
  FieldsData* trailers;
  ByteBuffer body;
};

// error-code case + 1, or 0 with *response the new response's rep.
uint32_t Exchange(struct Exchange* x, uint32_t* response, const char** message) {
  RequestData* r = x->m->request;
  *message = nullptr;
  if (x->trailersError) return x->trailersError;
  r->timeouts = RequestTimeouts(x->m);
  ClientResponse got;
  ErrorCode error;
  if (!ExchangeRequest(r, x->body.data, x->body.size, x->trailers, got, error, *message)) return error + 1;
  Message* m = NewMessage(true);
  m->request->headers = got.headers;
  m->status = got.status;
  m->body = got.body;
  *response = NewResponseHandle(m);
  return 0;
}

void Finish(struct Exchange* x) {
  if (!x->bodyDone || !x->trailersDone || x->sent) return;
  x->sent = true;
  uint64_t* results = HostSubtaskResults(x->subtask);
  for (uint32_t i = 0; i < kResultErrorSlots; ++i) results[i] = 0;
  uint32_t response = 0;
  const char* message = nullptr;
  uint32_t error = Exchange(x, &response, &message);
  if (error) {
    results[0] = 1;
    SetErrorCode(results + 1, (ErrorCode)(error - 1), message);
  } else {
    results[1] = response;
  }
  ResolveTransmitted(x->m, error);
  HostSubtaskResolve(x->subtask);
}

void Release(struct Exchange* x) {
  if (!x->sent || x->ends > 0) return;
  FreeMessage(x->m);
  if (x->trailers) ReleaseFields(x->trailers);
  x->body.release();
  HeapFree(x, sizeof(struct Exchange));
}

// The request body, as its reader: every write is taken.
uint32_t BodyRead(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  auto* x = static_cast<struct Exchange*>(state);
  x->body.append(buffer, count);
  return count;
}

void BodyEnded(void* state) {
  auto* x = static_cast<struct Exchange*>(state);
  x->bodyDone = true;
  --x->ends;
  Finish(x);
  Release(x);
}

uint32_t NoBytes(void*, uint8_t*, uint32_t, uint32_t) { return kHostWouldBlock; }

// The trailers future's value: result<option<trailers>, error-code> as
// lifted slots (case, option case / error case, fields rep).
uint32_t TrailersTaken(void* state, const uint64_t* slots, uint32_t count) {
  auto* x = static_cast<struct Exchange*>(state);
  if (count == 0) return 0;
  if (slots[0] != 0)
    x->trailersError = (uint32_t)slots[1] + 1;
  else if (slots[1] != 0)
    x->trailers = TakeFields((uint32_t)slots[2]);
  x->trailersDone = true;
  Finish(x);
  return 1;
}

void TrailersEnded(void* state) {
  auto* x = static_cast<struct Exchange*>(state);
  x->trailersDone = true;
  --x->ends;
  Finish(x);
  Release(x);
}

}  // namespace
}  // namespace wacc_rt::http::p3

using namespace wacc_rt;
using namespace wacc_rt::http;
using namespace wacc_rt::http::p3;

extern "C" uint32_t wacc_host_p3_wasi_http_client_send(uint32_t request, uint64_t* results) {
  Message* m = TakeRequest(request);
  if (!capabilities().inherit_network) {
    ResolveTransmitted(m, kHttpRequestDenied + 1);
    FreeMessage(m);
    for (uint32_t i = 0; i < kResultErrorSlots; ++i) results[i] = 0;
    results[0] = 1;
    results[1] = kHttpRequestDenied;
    return 0;
  }
  auto* x = static_cast<struct Exchange*>(HeapAllocate(sizeof(struct Exchange)));
  *x = (struct Exchange){};
  x->m = m;
  x->subtask = HostSubtaskNew();
  uint32_t contents = m->contents, trailers = m->trailers;
  m->contents = m->trailers = 0;
  uint32_t subtask = x->subtask;
  // Both readers may finish at once (a body and trailers already written).
  if (!contents || HostStreamPeerDropped(contents)) {
    if (contents) HostStreamClose(contents);
    x->bodyDone = true;
  }
  if (!trailers || HostStreamPeerDropped(trailers)) {
    if (trailers) HostStreamClose(trailers);
    x->trailersDone = true;
  }
  bool body = !x->bodyDone, trailer = !x->trailersDone;
  x->ends = (body ? 1 : 0) + (trailer ? 1 : 0);
  if (body) HostStreamAttachReader(contents, HostEnd{BodyRead, x, -1, 0, BodyEnded, nullptr, 0, nullptr});
  if (trailer)
    HostStreamAttachReader(trailers, HostEnd{NoBytes, x, -1, 0, TrailersEnded, nullptr, 0, TrailersTaken});
  // Attaching may already have taken everything (writes pending before
  // send): the exchange then ran, and the closes are still to come.
  if (!body && !trailer) {
    Finish(x);
    Release(x);
  }
  return subtask;
}
