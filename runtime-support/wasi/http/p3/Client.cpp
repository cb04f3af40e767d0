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
// the response's consume-body then serves from memory. Over http:// the
// exchange runs on the event loop (StepExchange whenever its socket is
// ready, its deadline the subtask's wait's), so other tasks go on
// meanwhile: a 0.3 server making an outgoing request serves other
// requests while it waits. The connect (names, TCP, TLS's handshake) and
// all of an https:// exchange still block the process. A trailers future
// holding an error fails the send with it.
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
  PendingExchange* exchange;  // under way on the event loop
  uint32_t ends;  // host reader ends whose `closed` is still to come
  uint32_t trailersError;  // error-code case + 1 from the trailers future
  FieldsData* trailers;
  ByteBuffer body;
};

// The exchange's outcome into the subtask's results (and the request's
// transmission future).
void Conclude(struct Exchange* x, uint64_t* results) {
  for (uint32_t i = 0; i < kResultErrorSlots; ++i) results[i] = 0;
  uint32_t error = x->trailersError;
  const char* message = nullptr;
  if (!error) {
    ClientResponse got;
    ErrorCode code;
    if (FinishExchange(x->exchange, got, code, message)) {
      Message* m = NewMessage(true);
      m->request->headers = got.headers;
      m->status = got.status;
      m->body = got.body;
      results[1] = NewResponseHandle(m);
    } else {
      error = code + 1;
    }
    x->exchange = nullptr;
  }
  if (error) {
    results[0] = 1;
    SetErrorCode(results + 1, (ErrorCode)(error - 1), message);
  }
  ResolveTransmitted(x->m, error);
}

void Release(struct Exchange* x);

// The event loop: the exchange's socket is ready, or its deadline passed.
bool Progress(void* state, uint64_t* results) {
  auto* x = static_cast<struct Exchange*>(state);
  ExchangeWait wait;
  if (!StepExchange(x->exchange, wait)) {
    HostSubtaskResolveWhenReady(x->subtask, wait.fd, wait.events, Progress, x, wait.deadline);
    return false;
  }
  Conclude(x, results);
  x->sent = true;
  Release(x);
  return true;
}

void Finish(struct Exchange* x) {
  if (!x->bodyDone || !x->trailersDone || x->sent || x->exchange) return;
  if (!x->trailersError) {
    RequestData* r = x->m->request;
    r->timeouts = RequestTimeouts(x->m);
    x->exchange = StartExchange(r, x->body.data, x->body.size, x->trailers);
    x->body.release();  // the exchange has its bytes
    ExchangeWait wait;
    if (!StepExchange(x->exchange, wait)) {
      HostSubtaskResolveWhenReady(x->subtask, wait.fd, wait.events, Progress, x, wait.deadline);
      return;
    }
  }
  x->sent = true;
  Conclude(x, HostSubtaskResults(x->subtask));
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
