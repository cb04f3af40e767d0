// wasi:http/outgoing-handler: HTTP/1.1 over TCP for http:// URLs, and over
// TLS for https:// ones, allowed only with --inherit-network (otherwise
// HTTP-request-denied, as Wasmtime denies them without `-S http`).
//
// handle() only checks the request, takes its request-options' timeouts and
// returns a future; the exchange (Exchange.cpp, shared with the 0.3 client)
// starts when the guest first asks the future (subscribe or get), so a body
// the guest writes after handle() and finishes before waiting for the
// response is sent, with the trailers finish() gave. Over http:// it then
// goes on a step at a time: the future's pollable waits for its socket
// (and deadline) and each look at the future moves it on, so a guest
// polling several futures has their exchanges run at once; https:// and
// the connect (names, TCP, the handshake) still block.
#include "core/Capabilities.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/Exchange.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {

PendingExchange* StartOutgoingRequest(const RequestData* r) {
  BodyData* body = r->body;
  return StartExchange(r, body ? body->bytes.data : nullptr, body ? body->bytes.size : 0,
                       body ? body->trailers : nullptr);
}

uint32_t FinishOutgoingRequest(PendingExchange* x, ErrorCode& error, const char*& message) {
  ClientResponse response;
  if (!FinishExchange(x, response, error, message)) return 0;
  return NewIncomingResponse(response.status, response.headers, response.body);
}

}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

extern "C" void wacc_host_wasi_http_outgoing_handler_handle(uint32_t request, uint32_t optionsCase, uint32_t options1,
                                                            uint64_t* results) {
  Timeouts timeouts{};
  if (optionsCase == 1) {
    timeouts = RequestOptionsTimeouts(options1);
    wacc_host_wasi_http_types_resource_drop_request_options(options1);
  }
  if (!capabilities().inherit_network) {
    wacc_host_wasi_http_types_resource_drop_outgoing_request(request);
    results[0] = 1;
    return SetErrorCode(results + 1, kHttpRequestDenied);
  }
  RequestData* r = TakeOutgoingRequest(request);
  r->timeouts = timeouts;
  results[0] = 0;
  results[1] = NewPendingFutureResponse(r);
}
