// Decoding a request body as its bytes arrive (RFC 9112 6, 7.1): a
// content-length body or a chunked one (its framing checked, its trailer
// section parsed), a piece at a time, with no more state than this struct,
// so a body of any size streams through a fixed buffer. The 0.2 server's
// streamed request bodies use it (RequestBody.cpp); the whole-buffer
// parser (RequestParser.h) stays for bodies that are here complete.
#pragma once

#include <stdint.h>

#include "wasi/http/RequestParser.h"

namespace wacc_rt::http {

struct FieldsData;

// Where the decoding is.
enum class BodyPhase : uint8_t {
  kDone,      // no body, or all of it and its trailers were decoded
  kData,      // `left` bytes of body (of the content-length body, or of the chunk)
  kDataEnd,   // the CRLF after a chunk's data
  kSizeLine,  // a chunk-size line
  kTrailers,  // the trailer section (the body's bytes have all been produced)
  kFailed,    // `failure` says why
};

enum class BodyFailure : uint8_t {
  kNone,
  kMalformed,  // bad chunk framing or trailer line: 400
  kTooLarge,   // past the body limit: 413
  kCutShort,   // the client ended (or went silent) before the body did: 400
};

struct BodyDecoder {
  BodyPhase phase;
  BodyFailure failure;
  uint8_t chunked;
  uint8_t keepTrailers;  // collect the trailer fields into `trailers` (else dropped)
  uint32_t trailerCount;
  uint64_t left, total;
  FieldsData* trailers;  // those parsed so far, or null
};

// A decoder for the body `head` announces (kDone when it has none).
BodyDecoder StartBodyDecoder(const RequestHead& head, bool keepTrailers);

inline bool BodyDecoding(const BodyDecoder& d) { return d.phase != BodyPhase::kDone && d.phase != BodyPhase::kFailed; }

// Decodes from data[0, size): up to `max` body bytes into `out` (dropped
// when `out` is null), and on through the framing and the trailer section
// as far as the bytes go. Returns the body bytes produced; `consumed` is
// how many of `data` were used (the rest belongs to what follows). Stops
// at a failure (phase kFailed).
uint32_t DecodeBody(BodyDecoder& d, const uint8_t* data, uint32_t size, uint32_t& consumed, uint8_t* out,
                    uint32_t max);

// How many bytes a decoder that stopped for want of bytes (with
// `buffered` undecoded ones in hand) may read next without taking any of
// what follows the body: for a worker that reads the body straight off a
// connection the server goes on reading afterwards. A line (a chunk size,
// a trailer) needs a look ahead: `peeked` is the next `size` bytes
// (MSG_PEEK); with none it returns 0, meaning "peek first".
uint32_t BodyBytesAhead(const BodyDecoder& d, uint32_t buffered, const uint8_t* peeked, uint32_t size);

}  // namespace wacc_rt::http
