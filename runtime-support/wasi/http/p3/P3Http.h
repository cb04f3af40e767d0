// The host objects behind wasi:http/types 0.3 (Types.cpp), shared with the
// server that makes requests and reads responses (Service.cpp).
//
// 0.3 has one `request` and one `response` resource for both directions,
// whose bodies are a stream<u8> and whose trailers a future: a Message is
// either kind. A message the guest made holds the guest's readable ends
// (`contents`, `trailers`) until someone consumes it; one the host made
// holds its body as bytes (`body`: a client's response), which consume-body
// serves through a host-written stream, or a source that makes the streams
// (`source`: the server's request, whose body is read as the guest reads). Fields are 0.2's
// (wasi/http/Http.h: the same host objects, so 0.2's fields functions
// serve them).
#pragma once

#include <stdint.h>

#include "wasi/http/Http.h"

namespace wacc_rt::http::p3 {

// A body the host receives while the guest reads it (the server's
// streamed request, Service.cpp): consume-body asks it for the guest's two
// readable ends instead of serving `body`; a message freed unconsumed
// abandons it. Either call is the message's last use of it.
struct BodySource {
  void (*open)(BodySource* source, uint32_t* contents, uint32_t* trailers);
  void (*abandon)(BodySource* source);
};

struct Message {
  RequestData* request;  // method, scheme, path, authority, headers; for responses only the headers
  uint16_t status;
  uint8_t isResponse;
  uint8_t consumed;       // consume-body was called
  uint32_t contents;      // readable rep of the guest's body stream, 0: none
  uint32_t trailers;      // readable rep of the guest's trailers future, 0: none
  uint32_t transmitted;   // readable rep of the result future new() returned (its writer is the host), 0: none
  uint32_t options;       // own<request-options> rep, 0: none
  BodyData* body;         // a host-made message's whole body, or null
  BodySource* source;     // or its body as it arrives, or null
  void* transmittedEnd;   // Types.cpp's host end of `transmitted`, null once resolved or closed
};

Message* NewMessage(bool isResponse);
// Frees the message and what it holds (closing the host's stream ends).
void FreeMessage(Message* m);
// A request's request-options timeouts (none set when it has no options).
Timeouts RequestTimeouts(const Message* m);
// A new request/response resource onto `m` (owned by it from now on).
uint32_t NewRequestHandle(Message* m);
uint32_t NewResponseHandle(Message* m);
// Takes the message out of an own<response>/own<request> handed to the host.
Message* TakeResponse(uint32_t rep);
Message* TakeRequest(uint32_t rep);

// The transmission result future (future<result<_, error-code>>) of a
// message: resolves it ok (error == 0) or with error-code case error - 1.
void ResolveTransmitted(Message* m, uint32_t error);

// A host-written stream<u8> of `body`'s bytes (from `offset`), ended when
// they are all read; and a future<result<option<trailers>, error-code>>
// holding ok(none), or ok(some(fields)) with `trailers` (a reference taken).
uint32_t NewBodyStream(BodyData* body);
uint32_t NewTrailersFuture(FieldsData* trailers);

// Canonical-ABI slots of result<_, error-code> and of
// result<option<trailers>, error-code> (wacc/WasiHostFunctions.h).
inline constexpr uint32_t kResultErrorSlots = 8;
inline constexpr uint32_t kTrailersResultSlots = 8;

// Lowers result<option<trailers>, error-code> into `slots`: err(case
// error - 1) when error != 0, else ok(some) taking over `fields` (a handle
// is made and the reference released; `fields` becomes null) or ok(none).
void LowerTrailersResult(uint64_t* slots, uint32_t error, FieldsData*& fields);

// result<_, error-code> as canonical-ABI bytes, for a reader without a
// lowering function: the result's case first, the error-code's case at 8
// (the variant holds a u64).
void StoreErrorResult(uint8_t* buffer, uint32_t elemSize, uint32_t error);

}  // namespace wacc_rt::http::p3
