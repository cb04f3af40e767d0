// One HTTP/1.1 exchange on a new connection (Exchange.cpp), at once or a
// step at a time: the one path both wasi:http clients go through, 0.2's outgoing-handler
// (OutgoingHandler.cpp) and 0.3's client (p3/Client.cpp).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wasi/http/Http.h"

namespace wacc_rt::http {

// A response as it came back: its status, headers and whole body (finished,
// with a chunked body's trailers), one reference each for the caller.
struct ClientResponse {
  uint16_t status;
  FieldsData* headers;
  BodyData* body;
};

// Sends `r` (its scheme http or https, authority, method, path, headers and
// timeouts) with `body` and, when `trailers` has any, those after a
// chunked body, and reads the response. True with `response`; false with
// the error-code case (and internal-error's or DNS-error's `message`).
bool ExchangeRequest(const RequestData* r, const uint8_t* body, uint32_t bodySize, const FieldsData* trailers,
                     ClientResponse& response, ErrorCode& error, const char*& message);

// The same exchange a step at a time, so that a client need not block the
// process while it waits for the server (0.2's future-incoming-response
// pollable, 0.3's client on the event loop). StartExchange connects (the
// name resolved, the TCP connect and, for https://, the handshake, within
// the connect timeout: these still block) and, for https://, runs the whole
// exchange (BearSSL's engine waits inside its reads and writes); for
// http:// it only serialises the request. StepExchange sends and receives
// what the socket allows now: true once the outcome is known, else false
// with what to wait for (the descriptor, poll events, and the deadline
// past which the next step fails with connection-read-timeout).
// FinishExchange hands the outcome over (as ExchangeRequest's) and frees
// the exchange; AbandonExchange frees it with whatever it holds.
struct PendingExchange;
struct ExchangeWait {
  int fd;
  short events;
  uint64_t deadline;  // MonotonicNow's clock
};
PendingExchange* StartExchange(const RequestData* r, const uint8_t* body, uint32_t bodySize,
                               const FieldsData* trailers);
bool StepExchange(PendingExchange* x, ExchangeWait& wait);
bool FinishExchange(PendingExchange* x, ClientResponse& response, ErrorCode& error, const char*& message);
void AbandonExchange(PendingExchange* x);

struct RequestHead;
// "HTTP/1.x NNN reason" and the header fields of data[0, size) up to the
// empty line, the headers appended to `headers`: the head's length, 0
// when malformed, -1 when the empty line has not come yet (then nothing is
// appended). The body's framing goes to `framing` (bodyKind,
// contentLength: ~0 when unknown) for ParseRequestBody.
long ParseResponseHead(const uint8_t* data, size_t size, uint16_t& status, FieldsData* headers, RequestHead& framing);

}  // namespace wacc_rt::http
