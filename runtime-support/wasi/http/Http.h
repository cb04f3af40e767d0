// The host objects behind wasi:http/types 0.2, shared by the files that
// implement its resources and by the server (Server.cpp) that creates
// incoming requests and reads the responses back.
//
// Each resource is a host object (core/HostObjects.h) whose payload is small
// and fixed; what grows (header lists, bodies, strings) lives on the http
// heap (Heap.h). Headers and bodies are shared: a request's headers() is a
// new `fields` handle onto the same FieldsData, and a body's stream is a
// memory stream (wasi/Streams.h) onto the same BodyData, so both are
// reference counted and freed when the last holder lets go.
#pragma once

#include <stdint.h>

#include "core/HostObjects.h"
#include "wasi/Linux.h"
#include "wasi/http/Heap.h"

namespace wacc_rt::http {

// ---- fields ----------------------------------------------------------------

struct FieldEntry {
  uint32_t nameOffset, nameLength;  // in FieldsData::strings; names are lowercase
  uint32_t valueOffset, valueLength;
};

struct FieldsData {
  uint32_t references;
  ByteBuffer strings;  // names and values, never compacted while shared
  ByteBuffer entries;  // FieldEntry[]
  uint32_t count() const { return entries.size / sizeof(FieldEntry); }
  FieldEntry* at(uint32_t i) const { return reinterpret_cast<FieldEntry*>(entries.data) + i; }
  const uint8_t* name(const FieldEntry& e) const { return strings.data + e.nameOffset; }
  const uint8_t* value(const FieldEntry& e) const { return strings.data + e.valueOffset; }
};

FieldsData* NewFieldsData();
void RetainFields(FieldsData* data);
void ReleaseFields(FieldsData* data);
// Appends a field (name lowercased); the caller has validated both.
void AppendField(FieldsData* data, const char* name, uint32_t nameLength, const uint8_t* value, uint32_t valueLength);
// Whether `name` is an HTTP token and `value` a field value (RFC 9110 5.1, 5.5).
bool ValidFieldName(const char* name, uint32_t length);
bool ValidFieldValue(const uint8_t* value, uint32_t length);

// A `fields` handle: its data (a reference) and whether the guest may change it.
uint32_t NewFieldsHandle(FieldsData* data, bool immutable);
// Takes the data out of an own<fields> handed to the host (one reference
// for the caller) and frees the handle.
FieldsData* TakeFields(uint32_t rep);

// ---- bodies ------------------------------------------------------------------

struct ResponseSlot;
struct BodyFeed;

struct BodyData {
  uint32_t references;
  uint8_t finished;  // outgoing: finish() was called; incoming: all bytes are here
  ByteBuffer bytes;
  FieldsData* trailers;  // or null
  // A server response's body once response-outparam.set delivered it to a
  // slot with a sink: the guest's writes go to the sink, not to `bytes`.
  ResponseSlot* streamedTo;
  // A server request's body that is still arriving: its bytes and trailers
  // come from the connection as the guest reads them (RequestBody.cpp),
  // not from `bytes`.
  BodyFeed* feed;
};

BodyData* NewBodyData();
void RetainBody(BodyData* body);
void ReleaseBody(BodyData* body);

// incoming-body / outgoing-body handles onto `body` (one more reference).
uint32_t NewIncomingBody(BodyData* body);
uint32_t NewOutgoingBody(BodyData* body);

// ---- request bodies the 0.2 server streams (RequestBody.cpp) -------------------

struct BodyDecoder;

// A request body read off its connection as the guest asks for it: the
// bytes received and not yet decoded sit in `in`, which never grows here
// (it may be the server's buffer while the guest runs: its capacity is
// the window), and the connection is read only when the decoder has
// nothing left to work on, so a body of any size passes through that
// window (back-pressure is the kernel's socket buffer). `exact`: read no
// byte past the body's end (a worker process reading the connection the
// server goes on reading afterwards).
struct BodyFeed {
  int fd;
  uint8_t exact;
  uint8_t eof;  // the client's sending side ended
  uint32_t idleTimeout;  // seconds a wait for bytes may last; 0: for ever
  ByteBuffer* in;
  BodyDecoder* decoder;
};

// The feed of the request whose handler runs (one at a time per process),
// for the pollables of its body stream and trailers; null when none.
extern BodyFeed* gActiveFeed;

// Decodes up to `max` body bytes into `out` (dropped when null), reading
// the connection without waiting when the decoder has run out of bytes:
// the count (0 with the decoder still at the body's data: nothing yet).
uint32_t PumpFeed(BodyFeed& feed, uint8_t* out, uint32_t max);
// Waits (at most idleTimeout) until the connection has bytes for the
// decoder; a wait that times out fails the body (cut short).
void WaitFeed(BodyFeed& feed);
// Decodes and drops the rest of the body, its trailers included, waiting
// for the client as needed: false when the body failed.
bool DrainFeed(BodyFeed& feed);

// The io-error codes of a failed request body read (no errno: they tell
// http-error-code the error-code): cut short, malformed, too large.
inline constexpr int kRequestBodyCutShort = 0x10002;
inline constexpr int kRequestBodyMalformed = 0x10003;
inline constexpr int kRequestBodyTooLarge = 0x10004;

// ---- requests and responses ----------------------------------------------------

// request-options' timeouts, each set by the guest or not: connect,
// first-byte, between-bytes. Unset ones are Wasmtime's default, 600 s.
struct Timeouts {
  uint8_t has[3];
  uint64_t value[3];  // nanoseconds
  static constexpr uint64_t kDefault = 600ull * 1000000000;
  uint64_t connect() const { return has[0] ? value[0] : kDefault; }
  uint64_t firstByte() const { return has[1] ? value[1] : kDefault; }
  uint64_t betweenBytes() const { return has[2] ? value[2] : kDefault; }
};

// wasi:http/types `method` and `scheme` cases.
enum Method : uint8_t { kGet = 0, kHead, kPost, kPut, kDelete, kConnect, kOptions, kTrace, kPatch, kOtherMethod };
enum Scheme : uint8_t { kHttp = 0, kHttps, kOtherScheme };

struct RequestData {
  Method method;
  Scheme scheme;
  uint8_t hasPath, hasScheme, hasAuthority;
  uint8_t bodyTaken;
  ByteBuffer otherMethod, path, otherScheme, authority;
  FieldsData* headers;
  BodyData* body;
  Timeouts timeouts;  // an outgoing request's, from its request-options
};

RequestData* NewRequestData();
void FreeRequestData(RequestData* request);
uint32_t NewIncomingRequest(RequestData* request);  // takes ownership

// The server's end of a response it sends while the guest writes the body
// (Server.cpp). `start` runs in response-outparam.set, once the slot holds
// the response (its body's bytes so far are the sink's to take); from then
// on the body's writes, check-write, subscribe and finish come here.
// `write` returns 0 or a positive errno (kBodySizeExceeded past the
// content-length the guest gave); `permit` what check-write grants or a
// negative errno; `finish` (the trailers are the body's) false when the body
// does not match the content-length, with the bytes written.
struct ResponseSink {
  void (*start)(ResponseSlot* slot);
  int (*write)(ResponseSlot* slot, const void* bytes, uint64_t size);
  long (*permit)(ResponseSlot* slot);
  uint32_t (*subscribe)(ResponseSlot* slot);
  bool (*finish)(ResponseSlot* slot, uint64_t& written);
  // The guest flushed: what it has written leaves now, the head with it.
  int (*flush)(ResponseSlot* slot);
};

// The io-error code of a write past the response's content-length: no
// errno, so http-error-code can tell it (HTTP-response-body-size).
inline constexpr int kBodySizeExceeded = 0x10001;

// What response-outparam.set delivers to whoever made the outparam (the server).
struct ResponseSlot {
  uint8_t set;        // set() was called
  uint8_t isError;    // with an error-code instead of a response
  uint8_t errorCase;  // error-code case
  uint16_t status;
  FieldsData* headers;  // references the slot holds
  BodyData* body;
  const ResponseSink* sink;  // null: the server reads the response back whole
};
uint32_t NewResponseOutparam(ResponseSlot* slot);

// ---- addresses ---------------------------------------------------------------------

// "HOST:PORT" (or "HOST" when defaultPort is not 0) with HOST a dotted IPv4
// address or `localhost`, into an IPv4 socket address.
bool ParseHostPort(const char* text, uint32_t length, uint32_t defaultPort, linux_abi::SockaddrIn& out);

// An authority "HOST[:PORT]" or "[IPV6][:PORT]" (userinfo dropped): the
// host, without brackets, and the port (defaultPort when none). False
// when malformed.
bool SplitAuthority(const char* text, uint32_t length, uint32_t defaultPort, const char*& host, uint32_t& hostLength,
                    uint32_t& port);

enum ErrorCode : uint8_t;
// Resolves the authority's host (wasi/dns/Resolver.h: numeric, /etc/hosts,
// DNS) and connects to its addresses in order, until `deadline`
// (MonotonicNow's clock): the connected socket (non-blocking), or -1 with
// `error`: DNS-error (with `message` its rcode) when the name does not
// resolve, as Wasmtime reports it; connection-timeout past the deadline; a
// connect error for the last address.
int ConnectAuthority(const uint8_t* authority, uint32_t length, uint32_t defaultPort, uint64_t deadline,
                     ErrorCode& error, const char*& message);
// The error-code of a failed connect(2) (its negative errno).
ErrorCode ConnectError(long error);
// A connected client socket (non-blocking, from ConnectAuthority) whose
// reads and writes wait until `deadline` (MonotonicNow's clock; ~0: none).
struct ClientSocket {
  int fd;
  uint64_t deadline;
  bool timedOut;  // a wait passed the deadline
  // Bytes read, 0 at the end, negative on a failure or past the deadline.
  long read(uint8_t* buffer, size_t size);
  // Bytes written (some), negative on a failure or past the deadline; no SIGPIPE.
  long write(const uint8_t* bytes, size_t size);
};
// Waits until `fd` has one of `events` (poll(2)'s) or `deadline` passes
// (MonotonicNow's clock; ~0: never): false on the latter.
bool WaitFd(int fd, short events, uint64_t deadline);

// ---- error-code ------------------------------------------------------------------

// error-code cases used by the host (wit/http.wit order).
enum ErrorCode : uint8_t {
  kDnsError = 1,  // its payload: rcode `message`, info-code 0
  kDestinationNotFound = 2,
  kDestinationUnavailable = 3,
  kConnectionRefused = 6,
  kConnectionTerminated = 7,
  kConnectionTimeout = 8,
  kConnectionReadTimeout = 9,
  kTlsProtocolError = 12,
  kTlsCertificateError = 13,
  kTlsAlertReceived = 14,  // its payload from the message (Tls.h TlsAlertNumber)
  kHttpRequestDenied = 15,
  kHttpRequestBodySize = 17,  // its payload: option<u64>, none here
  kHttpResponseIncomplete = 25,
  kHttpResponseBodySize = 28,  // its payload: option<u64>, the body's size
  kHttpProtocolError = 35,
  kInternalError = 38,
};
// Writes error-code `code` (no payload; internal-error with `message` or
// none; DNS-error with rcode `message`; TLS-alert-received with the alert
// `message` names) into `slots` as the canonical ABI flattens it.
void SetErrorCode(uint64_t* slots, ErrorCode code, const char* message = nullptr);

// A future-incoming-response for `request` (owned), sent when the guest
// first asks for the response (OutgoingHandler.cpp).
uint32_t NewPendingFutureResponse(RequestData* request);
struct PendingExchange;
// The exchange of `request` started (Exchange.h; the request may go after).
PendingExchange* StartOutgoingRequest(const RequestData* request);
// Its outcome (it is freed): an incoming-response rep, or 0 with `error`
// (and for internal-error a message, or null).
uint32_t FinishOutgoingRequest(PendingExchange* exchange, ErrorCode& error, const char*& message);
uint32_t NewIncomingResponse(uint16_t status, FieldsData* headers, BodyData* body);  // takes both
// Takes the data out of an own<outgoing-request> handed to the host.
RequestData* TakeOutgoingRequest(uint32_t rep);
// The timeouts a request-options resource holds (Requests.cpp).
Timeouts RequestOptionsTimeouts(uint32_t rep);

// ---- requests and bodies the servers and clients parse (IncomingMessages.cpp) -----

// A trailer field parsed from a chunked body, added to `body` (a BodyData*):
// RequestParser.h's trailer callback, for incoming requests and responses.
void AddBodyTrailer(void* body, const uint8_t* name, uint32_t nameLength, const uint8_t* value,
                    uint32_t valueLength);

// An "other" scheme's text is valid (RFC 3986: a letter, then letters,
// digits, '+', '-', '.'), for 0.2's and 0.3's set-scheme alike (Requests.cpp).
bool ValidScheme(const char* text, uint32_t length);

// A method's name on the wire; null for other-method (its text is the request's).
const char* MethodName(Method m);

struct RequestHead;
// Fills the fresh `r` with a parsed request as the guest sees it, for the
// 0.2 and the 0.3 server alike: its method, scheme http, the target as
// path-with-query (an absolute-form target gives the authority, and a path
// "/" when it has none), the Host header as the authority otherwise, every
// header. Returns its decoded body (`available` bytes of it at `bodyBytes`,
// complete), trailers included.
BodyData* FillIncomingRequest(RequestData* r, const uint8_t* data, const RequestHead& head, const uint8_t* bodyBytes,
                              size_t available);

}  // namespace wacc_rt::http
