// The wasi:http clients' exchange: 0.2's outgoing-handler and 0.3's client
// both hand a request here, and get back a whole response or an error-code.
//
// Each exchange is one blocking conversation on a new connection
// (`connection: close`), simple and enough for what guests do with it:
//   1. connect: the authority resolved (numeric, /etc/hosts, DNS) and its
//      addresses tried in order by ConnectAuthority (Address.cpp), and for
//      https:// the TLS handshake (Tls.cpp), all within the connect timeout
//      (past it: connection-timeout);
//   2. send the request: method, path, `host`, the guest's headers but the
//      framing ones, then the body with a content-length, or chunked with
//      the trailers when the guest gave some;
//   3. read the response: the head, then a body framed by content-length,
//      chunked (with trailers) or the close. The head must come within the
//      first-byte timeout of sending, and each later read within the
//      between-bytes timeout of the one before; past either,
//      connection-read-timeout. That is Wasmtime's mapping (its
//      default_send_request: a timeout around the connect and handshake,
//      around send_request up to the head, and between the body's frames),
//      and its default of 600 s for a timeout the guest leaves unset. Where
//      Wasmtime fails the body stream when a between-bytes timeout passes,
//      here the whole exchange fails: the body is read before the response
//      is handed over.
// The socket is non-blocking. Over http:// steps 2 and 3 go a step at a
// time (StartExchange, then StepExchange whenever the socket is ready:
// PendingExchange keeps where they are), so the clients wait on their own
// terms: 0.2's future-incoming-response pollable (Responses.cpp), 0.3's
// send on the event loop (p3/Client.cpp), ExchangeRequest in a ppoll loop
// with the phase's deadline. Step 1, and all of an https:// exchange
// (BearSSL's engine reads and writes through ClientSocket, which waits),
// still block the process.
#include "wasi/http/Exchange.h"

#include "core/Output.h"
#include "wasi/Streams.h"
#include "wasi/http/RequestParser.h"
#include "wasi/http/Tls.h"

namespace wacc_rt::http {
namespace {

using namespace linux_abi;

constexpr uint64_t kMaxResponseBytes = 64ull * 1024 * 1024;

void AppendText(ByteBuffer& out, const char* text) { out.append(text, StringLength(text)); }

char Lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : (char)c; }

bool NameIs(const uint8_t* name, uint32_t length, const char* lower) {
  uint32_t n = (uint32_t)StringLength(lower);
  if (n != length) return false;
  for (uint32_t i = 0; i < n; ++i)
    if (Lower(name[i]) != lower[i]) return false;
  return true;
}

// now + `timeout`, saturating (a timeout of ~600 years is none).
uint64_t DeadlineAfter(uint64_t timeout) {
  uint64_t now = MonotonicNow();
  return timeout > ~0ull - now ? ~0ull : now + timeout;
}

// The guest's fields, but (with `skipFraming`) those the client writes
// itself: the body's framing, the connection's and the host.
void AppendFields(ByteBuffer& out, const FieldsData* fields, bool skipFraming) {
  for (uint32_t i = 0; fields && i < fields->count(); ++i) {
    const FieldEntry& e = *fields->at(i);
    if (skipFraming && (NameIs(fields->name(e), e.nameLength, "content-length") ||
                        NameIs(fields->name(e), e.nameLength, "transfer-encoding") ||
                        NameIs(fields->name(e), e.nameLength, "connection") ||
                        NameIs(fields->name(e), e.nameLength, "host")))
      continue;
    out.append(fields->name(e), e.nameLength);
    AppendText(out, ": ");
    out.append(fields->value(e), e.valueLength);
    AppendText(out, "\r\n");
  }
}

void SerializeRequest(const RequestData* r, const uint8_t* body, uint32_t bodySize, const FieldsData* trailers,
                      ByteBuffer& out) {
  if (const char* method = MethodName(r->method))
    AppendText(out, method);
  else
    out.append(r->otherMethod.data, r->otherMethod.size);
  AppendText(out, " ");
  if (r->hasPath && r->path.size && r->path.data[0] == '/') {
    out.append(r->path.data, r->path.size);
  } else {
    AppendText(out, "/");
    if (r->hasPath) out.append(r->path.data, r->path.size);
  }
  AppendText(out, " HTTP/1.1\r\nhost: ");
  out.append(r->authority.data, r->authority.size);
  AppendText(out, "\r\n");
  AppendFields(out, r->headers, true);
  bool chunked = trailers && trailers->count() > 0;
  if (chunked) {
    AppendText(out, "transfer-encoding: chunked\r\n");
  } else if (bodySize || r->method == kPost || r->method == kPut || r->method == kPatch) {
    AppendText(out, "content-length: ");
    MessageBuffer digits;
    digits.appendDecimal(bodySize);
    out.append(digits.data(), digits.size());
    AppendText(out, "\r\n");
  }
  AppendText(out, "connection: close\r\n\r\n");
  if (!chunked) {
    out.append(body, bodySize);
    return;
  }
  if (bodySize) {
    static const char kHex[] = "0123456789abcdef";
    char size[16];
    int n = 0;
    for (uint32_t v = bodySize; v; v >>= 4) size[n++] = kHex[v & 15];
    for (int i = n - 1; i >= 0; --i) out.append(&size[i], 1);
    AppendText(out, "\r\n");
    out.append(body, bodySize);
    AppendText(out, "\r\n");
  }
  AppendText(out, "0\r\n");
  AppendFields(out, trailers, false);
  AppendText(out, "\r\n");
}

// The connection a request goes over: the socket, with TLS on it for https://.
struct Transport {
  ClientSocket socket;
  TlsConnection* tls;  // or null

  bool send(const uint8_t* bytes, uint64_t size, ErrorCode& error, const char*& message) {
    if (tls) return TlsSend(tls, bytes, size, error, message);
    while (size > 0) {
      long sent = socket.write(bytes, size);
      if (sent <= 0) return false;
      bytes += sent;
      size -= (uint64_t)sent;
    }
    return true;
  }
  // Bytes read, 0 at the end, -1 on a failure with `error`: TLS's, or a
  // passed deadline's (`socket.timedOut`); a socket error reads as the end,
  // as the response's framing then tells.
  long receive(uint8_t* buffer, size_t size, ErrorCode& error, const char*& message) {
    long got = tls ? TlsReceive(tls, buffer, size, error, message) : socket.read(buffer, size);
    if (socket.timedOut) {
      error = kConnectionReadTimeout;
      message = nullptr;
      return -1;
    }
    if (tls) return got;
    return got > 0 ? got : 0;
  }
  void close() {
    if (tls) TlsClose(tls);
    CloseFd(socket.fd);
  }
};

// Whether data[0, size) after a head of `headLength` holds the whole body.
bool BodyComplete(const uint8_t* data, size_t size, long headLength, const RequestHead& framing, bool noBody) {
  if (noBody) return true;
  size_t rest = size - (size_t)headLength;
  switch (framing.bodyKind) {
    case BodyKind::kLength: return rest >= framing.contentLength;
    case BodyKind::kChunked: {
      // A chunked body ends with an empty line (after the last chunk and
      // any trailers): only then is it worth measuring.
      if (rest < 5 || !BytesEqual(data + size - 4, "\r\n\r\n", 4)) return false;
      size_t consumed;
      return ParseRequestBody(data + headLength, rest, framing, consumed, nullptr, nullptr, nullptr) !=
             ParseResult::kIncomplete;
    }
    default: return false;  // up to the close
  }
}

// Connects and, for https://, runs the handshake, within the connect
// timeout; false with the error.
bool Connect(const RequestData* r, bool https, Transport& transport, ErrorCode& error, const char*& message) {
  uint64_t deadline = DeadlineAfter(r->timeouts.connect());
  long fd = ConnectAuthority(r->authority.data, r->authority.size, https ? 443 : 80, deadline, error, message);
  if (fd < 0) return false;
  transport.socket = ClientSocket{(int)fd, deadline, false};
  if (!https) return true;
  // The server name is the bare host: no port, brackets or userinfo.
  const char* host = nullptr;
  uint32_t hostLength = 0, port = 0;
  SplitAuthority(reinterpret_cast<const char*>(r->authority.data), r->authority.size, 443, host, hostLength, port);
  transport.tls = TlsOpen(&transport.socket, reinterpret_cast<const uint8_t*>(host), hostLength, error, message);
  if (transport.tls && TlsHandshake(transport.tls, error, message)) return true;
  if (transport.socket.timedOut) {
    error = kConnectionTimeout;
    message = nullptr;
  }
  if (transport.tls) TlsClose(transport.tls);
  CloseFd((int)fd);
  return false;
}

}  // namespace

long ParseResponseHead(const uint8_t* data, size_t size, uint16_t& status, FieldsData* headers, RequestHead& framing) {
  size_t end = 0;  // where the empty line starts, less its CRLF
  while (end + 3 < size && !(data[end] == '\r' && data[end + 1] == '\n' && data[end + 2] == '\r' && data[end + 3] == '\n'))
    ++end;
  if (end + 3 >= size) return -1;
  if (end < 12 || !BytesEqual(data, "HTTP/1.", 7) || data[8] != ' ') return 0;
  status = 0;
  for (int i = 9; i < 12; ++i) {
    if (data[i] < '0' || data[i] > '9') return 0;
    status = (uint16_t)(status * 10 + (data[i] - '0'));
  }
  if (status < 100 || (end > 12 && data[12] != ' ')) return 0;
  framing.bodyKind = BodyKind::kNone;
  framing.contentLength = ~0ull;
  bool hasLength = false;
  size_t line = 12;
  while (data[line] != '\n') ++line;
  ++line;
  while (line < end + 2) {
    size_t eol = line;
    while (eol < end + 2 && !(data[eol] == '\r' && data[eol + 1] == '\n')) ++eol;
    size_t colon = line;
    while (colon < eol && data[colon] != ':') ++colon;
    if (colon == eol || colon == line) return 0;
    size_t v = colon + 1, ve = eol;
    while (v < ve && (data[v] == ' ' || data[v] == '\t')) ++v;
    while (ve > v && (data[ve - 1] == ' ' || data[ve - 1] == '\t')) --ve;
    const char* name = reinterpret_cast<const char*>(data + line);
    uint32_t nameLength = (uint32_t)(colon - line);
    if (!ValidFieldName(name, nameLength) || !ValidFieldValue(data + v, (uint32_t)(ve - v))) return 0;
    if (NameIs(data + line, nameLength, "transfer-encoding")) {
      framing.bodyKind = BodyKind::kChunked;
    } else if (NameIs(data + line, nameLength, "content-length")) {
      uint64_t n = 0;
      for (size_t i = v; i < ve; ++i) {
        if (data[i] < '0' || data[i] > '9' || n > kMaxResponseBytes) return 0;
        n = n * 10 + (data[i] - '0');
      }
      framing.contentLength = n;
      hasLength = true;
    }
    AppendField(headers, name, nameLength, data + v, (uint32_t)(ve - v));
    line = eol + 2;
  }
  if (framing.bodyKind != BodyKind::kChunked && hasLength) framing.bodyKind = BodyKind::kLength;
  return (long)(end + 4);
}

// An exchange in progress (Exchange.h): the connection, the request's bytes
// still to send, the response's bytes so far, and the outcome once known.
struct PendingExchange {
  Transport transport;
  Method method;
  Timeouts timeouts;
  ByteBuffer out;
  uint32_t outSent;
  bool sent;      // the whole request went out
  bool finished;  // the outcome below is known
  bool ok;
  ClientResponse response;
  ErrorCode error;
  const char* message;
  ByteBuffer in;
  long headLength;
  bool noBody, complete;
  uint16_t status;
  FieldsData* headers;
  uint64_t firstByteDeadline, deadline;
  RequestHead framing;  // large (its header table): not on the stack
};

namespace {

void Fail(PendingExchange* x, ErrorCode error, const char* message = nullptr) {
  x->finished = true;
  x->ok = false;
  x->error = error;
  x->message = message;
}

// The response is all here (or the connection ended): the outcome.
void Conclude(PendingExchange* x) {
  x->transport.close();
  x->finished = true;
  x->ok = false;
  x->message = nullptr;
  if (x->headLength <= 0) {
    x->error = x->headLength < 0 ? (x->sent ? kHttpResponseIncomplete : kConnectionTerminated) : kHttpProtocolError;
    return;
  }
  BodyData* decoded = NewBodyData();
  decoded->finished = 1;
  const uint8_t* rest = x->in.data + x->headLength;
  size_t restSize = x->in.size - (size_t)x->headLength;
  bool ok = true;
  if (!x->noBody) {
    if (x->framing.bodyKind == BodyKind::kChunked) {
      size_t consumed;
      ok = ParseRequestBody(rest, restSize, x->framing, consumed, &decoded->bytes, AddBodyTrailer, decoded) ==
           ParseResult::kComplete;
    } else if (x->framing.bodyKind == BodyKind::kLength) {
      ok = restSize >= x->framing.contentLength;
      if (ok) decoded->bytes.append(rest, x->framing.contentLength);
    } else {
      decoded->bytes.append(rest, restSize);
    }
  }
  x->in.release();
  if (!ok) {
    x->error = kHttpResponseIncomplete;
    ReleaseBody(decoded);
    return;
  }
  x->response = ClientResponse{x->status, x->headers, decoded};
  x->headers = nullptr;
  x->ok = true;
}

// The received bytes: the head parsed once it is here, the body checked
// for completeness.
void Received(PendingExchange* x) {
  if (x->headLength < 0) {
    x->headLength = ParseResponseHead(x->in.data, x->in.size, x->status, x->headers, x->framing);
    if (x->headLength < 0 && x->in.size > kMaxHeadBytes) x->headLength = 0;  // a head without an end
    if (x->headLength > 0)
      x->noBody = x->method == kHead || x->status == 204 || x->status == 304 || x->status < 200;
  }
  if (x->headLength > 0) x->complete = BodyComplete(x->in.data, x->in.size, x->headLength, x->framing, x->noBody);
  // Until the head: the first-byte deadline; then one per read.
  x->deadline = x->headLength > 0 ? DeadlineAfter(x->timeouts.betweenBytes()) : x->firstByteDeadline;
}

// The blocking exchange over TLS (BearSSL's engine reads and writes
// through ClientSocket, which waits): all of it at once.
void RunTls(PendingExchange* x) {
  bool sent = x->transport.send(x->out.data, x->out.size, x->error, x->message);
  x->out.release();
  if (!sent) {
    if (x->transport.socket.timedOut) x->error = kConnectionReadTimeout, x->message = nullptr;
    x->transport.close();
    x->finished = true;
    return;
  }
  x->sent = true;
  while (!x->complete && x->in.size <= kMaxResponseBytes) {
    uint8_t* at = x->in.reserve(64 * 1024);
    long got = x->transport.receive(at, 64 * 1024, x->error, x->message);
    if (got < 0) {
      x->transport.close();
      x->finished = true;
      return;
    }
    if (got == 0) break;
    x->in.size += (uint32_t)got;
    Received(x);
    if (x->headLength == 0) break;
    x->transport.socket.deadline = x->deadline;
  }
  Conclude(x);
}

}  // namespace

PendingExchange* StartExchange(const RequestData* r, const uint8_t* body, uint32_t bodySize,
                               const FieldsData* trailers) {
  auto* x = static_cast<PendingExchange*>(HeapAllocate(sizeof(PendingExchange)));
  __builtin_memset(x, 0, sizeof(PendingExchange));
  x->method = r->method;
  x->timeouts = r->timeouts;
  x->headLength = -1;
  if (r->hasScheme && r->scheme != kHttp && r->scheme != kHttps) {
    Fail(x, kInternalError, "wacc: only http:// and https:// requests are supported");
    return x;
  }
  bool https = r->hasScheme && r->scheme == kHttps;
  if (!r->hasAuthority) {
    Fail(x, kDestinationNotFound);
    return x;
  }
  ErrorCode error = kInternalError;
  const char* message = nullptr;
  if (!Connect(r, https, x->transport, error, message)) {
    Fail(x, error, message);
    return x;
  }
  SerializeRequest(r, body, bodySize, trailers, x->out);
  x->firstByteDeadline = DeadlineAfter(r->timeouts.firstByte());
  x->deadline = x->firstByteDeadline;
  x->transport.socket.deadline = x->firstByteDeadline;
  x->headers = NewFieldsData();
  if (https) RunTls(x);
  return x;
}

namespace {

// The socket would block: wait for `next` unless its deadline has passed,
// which fails the exchange. StepExchange's result (true: finished).
bool WaitOrTimeOut(PendingExchange* x, const ExchangeWait& next, ExchangeWait& wait) {
  if (MonotonicNow() >= next.deadline) {
    x->transport.close();
    Fail(x, kConnectionReadTimeout);
    return true;
  }
  wait = next;
  return false;
}

}  // namespace

bool StepExchange(PendingExchange* x, ExchangeWait& wait) {
  if (x->finished) return true;
  int fd = x->transport.socket.fd;
  // The request, as the socket takes it.
  while (!x->sent) {
    long n = Sys(arch::kSysSendto, fd, (long)(x->out.data + x->outSent), x->out.size - x->outSent,
                 kMsgNoSignal | kMsgDontWait, 0, 0);
    if (n == -kEintr) continue;
    if (n == -kEagain) {
      return WaitOrTimeOut(x, ExchangeWait{fd, linux_abi::kPollOut, x->firstByteDeadline}, wait);
    }
    if (n <= 0) break;  // over TCP the server may have answered before closing
    x->outSent += (uint32_t)n;
    if (x->outSent == x->out.size) x->sent = true;
  }
  x->out.release();
  // The response, as it comes.
  while (!x->complete && x->in.size <= kMaxResponseBytes) {
    uint8_t* at = x->in.reserve(64 * 1024);
    long got = Sys(arch::kSysRecvfrom, fd, (long)at, 64 * 1024, kMsgDontWait, 0, 0);
    if (got == -kEintr) continue;
    if (got == -kEagain) {
      return WaitOrTimeOut(x, ExchangeWait{fd, linux_abi::kPollIn, x->deadline}, wait);
    }
    if (got <= 0) break;  // the end (a socket error reads as one: the framing tells)
    x->in.size += (uint32_t)got;
    Received(x);
    if (x->headLength == 0) break;
  }
  Conclude(x);
  return true;
}

bool FinishExchange(PendingExchange* x, ClientResponse& response, ErrorCode& error, const char*& message) {
  bool ok = x->ok;
  if (ok) response = x->response;
  error = x->error;
  message = x->message;
  if (x->headers) ReleaseFields(x->headers);
  x->in.release();
  x->out.release();
  HeapFree(x, sizeof(PendingExchange));
  return ok;
}

void AbandonExchange(PendingExchange* x) {
  if (!x->finished) x->transport.close();
  if (x->ok) {
    ReleaseFields(x->response.headers);
    ReleaseBody(x->response.body);
  }
  x->ok = false;
  ClientResponse unused;
  ErrorCode error;
  const char* message;
  FinishExchange(x, unused, error, message);
}

bool ExchangeRequest(const RequestData* r, const uint8_t* body, uint32_t bodySize, const FieldsData* trailers,
                     ClientResponse& response, ErrorCode& error, const char*& message) {
  PendingExchange* x = StartExchange(r, body, bodySize, trailers);
  ExchangeWait wait;
  while (!StepExchange(x, wait)) WaitFd(wait.fd, wait.events, wait.deadline);
  return FinishExchange(x, response, error, message);
}

}  // namespace wacc_rt::http
