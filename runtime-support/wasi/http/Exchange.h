// One HTTP/1.1 exchange on a new connection (Exchange.cpp): the one path
// both wasi:http clients go through, 0.2's outgoing-handler
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

struct RequestHead;
// "HTTP/1.x NNN reason" and the header fields of data[0, size) up to the
// empty line, the headers appended to `headers`: the head's length, 0
// when malformed, -1 when the empty line has not come yet (then nothing is
// appended). The body's framing goes to `framing` (bodyKind,
// contentLength: ~0 when unknown) for ParseRequestBody.
long ParseResponseHead(const uint8_t* data, size_t size, uint16_t& status, FieldsData* headers, RequestHead& framing);

}  // namespace wacc_rt::http
