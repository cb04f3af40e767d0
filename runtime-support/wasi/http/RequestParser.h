// A strict HTTP/1.1 request parser (RFC 9112) for the server, over bytes
// already received: it never blocks and keeps no state between calls, so
// the server calls it again when more bytes arrive.
//
// Why not a library: Debian's libhttp-parser-dev (nodejs's http_parser
// 2.9.4) ships only host-architecture archives built against glibc (with
// its stack protector and assert), and the runtime is freestanding and
// cross-compiled for two targets; taking its C source would mean vendoring
// it. What the server needs is small: the request head, Content-Length and
// chunked bodies, and rejecting everything else.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "wasi/http/Heap.h"

namespace wacc_rt::http {

inline constexpr uint32_t kMaxHeadBytes = 64 * 1024;  // request line and headers
inline constexpr uint32_t kMaxHeaders = 100;
inline constexpr uint64_t kMaxBodyBytes = 16 * 1024 * 1024;
// The body limit in force: kMaxBodyBytes unless the server's command line
// says otherwise (--max-body-size, ServerOptions.h).
extern uint64_t gMaxBodyBytes;

struct Span {
  uint32_t offset, length;  // into the parsed bytes
};

struct ParsedHeader {
  Span name, value;
};

enum class BodyKind : uint8_t { kNone, kLength, kChunked };

struct RequestHead {
  uint32_t headLength;  // bytes up to and including the empty line
  Span method, target;
  uint8_t minorVersion;  // HTTP/1.x
  uint8_t keepAlive;
  uint8_t expectContinue;
  BodyKind bodyKind;
  uint64_t contentLength;
  uint32_t headerCount;
  int32_t host;  // index of the Host header, or -1
  ParsedHeader headers[kMaxHeaders];
};

enum class ParseResult : uint8_t {
  kIncomplete,  // more bytes needed
  kComplete,
  kBad,      // 400: malformed, or over a limit of the head
  kTooLarge  // 413: the body is over gMaxBodyBytes
};

// Parses the head at the start of data[0, size).
ParseResult ParseRequestHead(const uint8_t* data, size_t size, RequestHead& head);

// The body that follows the head in data[0, size) (which starts at the
// body): how many bytes it spans on the wire (`consumed`), its decoded bytes
// appended to `body` and a chunked body's trailer fields to `trailers`
// (both may be null to only measure).
ParseResult ParseRequestBody(const uint8_t* data, size_t size, const RequestHead& head, size_t& consumed,
                             ByteBuffer* body,
                             void (*trailer)(void* context, const uint8_t* name, uint32_t nameLength,
                                             const uint8_t* value, uint32_t valueLength),
                             void* context);

}  // namespace wacc_rt::http
