// wasi:http/types responses: response-outparam (the server's slot a handler
// answers into), outgoing-response (what a handler builds),
// incoming-response and future-incoming-response (what outgoing-handler
// returns), and the error-code helpers.
#include "core/Output.h"
#include "core/ResultArena.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Streams.h"
#include "wasi/http/Exchange.h"
#include "wasi/http/Http.h"
#include "wasi/http/Tls.h"

namespace wacc_rt::http {
namespace {

struct OutparamHandle {
  ResponseSlot* slot;
};

struct OutgoingResponse {
  uint16_t status;
  uint8_t bodyTaken;
  FieldsData* headers;
  BodyData* body;
};

struct IncomingResponse {
  uint16_t status;
  uint8_t bodyTaken;
  FieldsData* headers;
  BodyData* body;
};

// A future of outgoing-handler: the request until its exchange starts (on
// the first subscribe or get), the exchange until it ends, then the
// response or an error-code case.
struct FutureResponse {
  RequestData* pending;
  uint32_t response;  // incoming-response rep, 0 for an error
  uint8_t errorCase;
  uint8_t taken;
  const char* message;  // internal-error's, static
  PendingExchange* exchange;
};

OutgoingResponse& outgoingResponse(uint32_t rep) {
  return hostObject<OutgoingResponse>(rep, HostKind::kHttpOutgoingResponse);
}
IncomingResponse& incomingResponse(uint32_t rep) {
  return hostObject<IncomingResponse>(rep, HostKind::kHttpIncomingResponse);
}
FutureResponse& futureResponse(uint32_t rep) {
  return hostObject<FutureResponse>(rep, HostKind::kHttpFutureIncomingResponse);
}

}  // namespace

void SetErrorCode(uint64_t* slots, ErrorCode code, const char* message) {
  slots[0] = code;
  slots[1] = 0;
  // DNS-error-payload: option<string> rcode, option<u16> info-code.
  if (code == kDnsError && message) {
    uint32_t length = 0;
    while (message[length]) ++length;
    slots[1] = 1;
    slots[2] = reinterpret_cast<uintptr_t>(message);
    slots[3] = length;
    slots[4] = 1;
    slots[5] = 0;
  }
  if (code == kInternalError && message) {
    uint32_t length = 0;
    while (message[length]) ++length;
    slots[1] = 1;
    slots[2] = reinterpret_cast<uintptr_t>(message);
    slots[3] = length;
  }
  // TLS-alert-received-payload: option<u8> alert-id, option<string> alert-message.
  uint8_t alert;
  if (code == kTlsAlertReceived && TlsAlertNumber(message, alert)) {
    slots[1] = 1;
    slots[2] = alert;
    slots[3] = 1;
    slots[4] = reinterpret_cast<uintptr_t>(message);
    slots[5] = StringLength(message);
  }
}

uint32_t NewResponseOutparam(ResponseSlot* slot) {
  uint32_t rep = CreateHostObject(HostKind::kHttpResponseOutparam);
  hostObject<OutparamHandle>(rep, HostKind::kHttpResponseOutparam).slot = slot;
  return rep;
}

uint32_t NewPendingFutureResponse(RequestData* request) {
  uint32_t rep = CreateHostObject(HostKind::kHttpFutureIncomingResponse);
  futureResponse(rep) = FutureResponse{request, 0, 0, 0, nullptr, nullptr};
  return rep;
}

uint32_t NewIncomingResponse(uint16_t status, FieldsData* headers, BodyData* body) {
  uint32_t rep = CreateHostObject(HostKind::kHttpIncomingResponse);
  incomingResponse(rep) = IncomingResponse{status, 0, headers, body};
  return rep;
}

}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

// ---- response-outparam ------------------------------------------------------------

// response: result<own<outgoing-response>, error-code>; response1 is the
// response rep or the error-code case (the rest is the error's payload,
// which the server does not report).
extern "C" void wacc_host_wasi_http_types_static_response_outparam_set(uint32_t param, uint32_t responseCase,
                                                                       uint32_t response1, uint32_t, uint64_t, uint64_t,
                                                                       uint64_t, uint32_t, uint32_t) {
  ResponseSlot* slot = hostObject<OutparamHandle>(param, HostKind::kHttpResponseOutparam).slot;
  DestroyHostObject(param, HostKind::kHttpResponseOutparam);
  if (responseCase == 0) {
    OutgoingResponse& response = outgoingResponse(response1);
    if (slot) {
      slot->set = 1;
      slot->isError = 0;
      slot->status = response.status;
      slot->headers = response.headers;
      // The body is the response's: a body() not yet taken is an empty one.
      if (!response.body) {
        response.body = NewBodyData();
        response.body->finished = 1;
      }
      slot->body = response.body;
      response.headers = nullptr;
      response.body = nullptr;
      // A server that streams takes the response now: its head goes out
      // with the first body bytes, the rest as the guest writes them.
      if (slot->sink) {
        slot->body->streamedTo = slot;
        slot->sink->start(slot);
      }
    }
    ReleaseFields(response.headers);
    ReleaseBody(response.body);
    DestroyHostObject(response1, HostKind::kHttpOutgoingResponse);
  } else if (slot) {
    slot->set = 1;
    slot->isError = 1;
    slot->errorCase = (uint8_t)response1;
  }
}

extern "C" void wacc_host_wasi_http_types_resource_drop_response_outparam(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kHttpResponseOutparam);
}

// ---- outgoing-response: 200 until set -----------------------------------------------

extern "C" void wacc_host_wasi_http_types_constructor_outgoing_response(uint32_t headers, uint64_t* results) {
  uint32_t rep = CreateHostObject(HostKind::kHttpOutgoingResponse);
  FieldsData* data = TakeFields(headers);
  outgoingResponse(rep) = OutgoingResponse{200, 0, data, nullptr};
  results[0] = rep;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_response_status_code(uint32_t self, uint64_t* results) {
  results[0] = outgoingResponse(self).status;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_response_set_status_code(uint32_t self, uint32_t statusCode,
                                                                                   uint64_t* results) {
  OutgoingResponse& response = outgoingResponse(self);
  if (statusCode < 100 || statusCode > 999) {
    results[0] = 1;
    return;
  }
  response.status = (uint16_t)statusCode;
  results[0] = 0;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_response_headers(uint32_t self, uint64_t* results) {
  results[0] = NewFieldsHandle(outgoingResponse(self).headers, false);
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_response_body(uint32_t self, uint64_t* results) {
  OutgoingResponse& response = outgoingResponse(self);
  if (response.bodyTaken) {
    results[0] = 1;
    return;
  }
  response.bodyTaken = 1;
  response.body = NewBodyData();
  results[0] = 0;
  results[1] = NewOutgoingBody(response.body);
}

extern "C" void wacc_host_wasi_http_types_resource_drop_outgoing_response(uint32_t rep) {
  OutgoingResponse& response = outgoingResponse(rep);
  ReleaseFields(response.headers);
  ReleaseBody(response.body);
  DestroyHostObject(rep, HostKind::kHttpOutgoingResponse);
}

// ---- incoming-response ---------------------------------------------------------------

extern "C" void wacc_host_wasi_http_types_method_incoming_response_status(uint32_t self, uint64_t* results) {
  results[0] = incomingResponse(self).status;
}

extern "C" void wacc_host_wasi_http_types_method_incoming_response_headers(uint32_t self, uint64_t* results) {
  IncomingResponse& response = incomingResponse(self);
  if (!response.headers) response.headers = NewFieldsData();
  results[0] = NewFieldsHandle(response.headers, true);
}

extern "C" void wacc_host_wasi_http_types_method_incoming_response_consume(uint32_t self, uint64_t* results) {
  IncomingResponse& response = incomingResponse(self);
  if (response.bodyTaken) {
    results[0] = 1;
    return;
  }
  response.bodyTaken = 1;
  if (!response.body) {
    response.body = NewBodyData();
    response.body->finished = 1;
  }
  results[0] = 0;
  results[1] = NewIncomingBody(response.body);
}

extern "C" void wacc_host_wasi_http_types_resource_drop_incoming_response(uint32_t rep) {
  IncomingResponse& response = incomingResponse(rep);
  ReleaseFields(response.headers);
  ReleaseBody(response.body);
  DestroyHostObject(rep, HostKind::kHttpIncomingResponse);
}

// ---- future-incoming-response -----------------------------------------------------------

namespace wacc_rt::http {
namespace {

// Starts the future's exchange if it has not (its connect may block: what
// the guest's response has so far leaves first), and moves it on as far as
// it goes now: false while it still waits, with what for.
bool Advance(uint32_t rep, ExchangeWait& wait) {
  FutureResponse& future = futureResponse(rep);
  if (RequestData* request = future.pending) {
    future.pending = nullptr;
    if (gBeforeGuestWaits) gBeforeGuestWaits();
    PendingExchange* x = StartOutgoingRequest(request);
    FreeRequestData(request);
    futureResponse(rep).exchange = x;  // (the table may have grown)
  }
  PendingExchange* x = futureResponse(rep).exchange;
  if (!x) return true;
  if (!StepExchange(x, wait)) return false;
  ErrorCode error;
  const char* message;
  uint32_t response = FinishOutgoingRequest(x, error, message);
  FutureResponse& resolved = futureResponse(rep);
  resolved.exchange = nullptr;
  resolved.response = response;
  resolved.errorCase = error;
  resolved.message = message;
  return true;
}

PollTarget FutureTarget(uint32_t rep) {
  ExchangeWait wait;
  if (Advance(rep, wait)) return PollTarget{-1, 0};
  return PollTarget{wait.fd, wait.events, wait.deadline};
}

}  // namespace
}  // namespace wacc_rt::http

extern "C" void wacc_host_wasi_http_types_method_future_incoming_response_subscribe(uint32_t self, uint64_t* results) {
  ExchangeWait wait;
  results[0] = Advance(self, wait) ? NewReadyPollable() : NewDynamicPollable(self, FutureTarget, true);
}

// option<result<result<own<incoming-response>, error-code>>>. A get before
// the future's pollable is ready waits for the exchange to end rather than
// answering none, as wacc's get always did: a guest that asks at once (no
// subscribe) gets its response, and one that polls first never waits here.
extern "C" void wacc_host_wasi_http_types_method_future_incoming_response_get(uint32_t self, uint64_t* results) {
  ExchangeWait wait;
  while (!Advance(self, wait)) WaitFd(wait.fd, wait.events, wait.deadline);
  FutureResponse& future2 = futureResponse(self);
  results[0] = 1;
  if (future2.taken) {
    results[1] = 1;
    return;
  }
  future2.taken = 1;
  results[1] = 0;
  if (future2.response) {
    results[2] = 0;
    results[3] = future2.response;
    future2.response = 0;
  } else {
    results[2] = 1;
    SetErrorCode(results + 3, (ErrorCode)future2.errorCase, future2.message);
  }
}

extern "C" void wacc_host_wasi_http_types_resource_drop_future_incoming_response(uint32_t rep) {
  FutureResponse& future = futureResponse(rep);
  FreeRequestData(future.pending);
  if (future.exchange) AbandonExchange(future.exchange);
  if (future.response) wacc_host_wasi_http_types_resource_drop_incoming_response(future.response);
  DestroyHostObject(rep, HostKind::kHttpFutureIncomingResponse);
}

// ---- http-error-code: the io-errors carrying an HTTP error are a write past a ----------
// ---- streamed response's content-length and a streamed request body's failure ---------

extern "C" void wacc_host_wasi_http_types_http_error_code(uint32_t error, uint64_t* results) {
  results[0] = 0;
  ErrorCode code;
  switch (IoErrorCode(error)) {
    case kBodySizeExceeded: code = kHttpResponseBodySize; break;
    case kRequestBodyTooLarge: code = kHttpRequestBodySize; break;
    case kRequestBodyMalformed: code = kHttpProtocolError; break;
    case kRequestBodyCutShort: code = kConnectionTerminated; break;
    default: return;
  }
  // some(code), the body sizes' option<u64> none
  results[0] = 1;
  results[1] = code;
  results[2] = 0;
}
