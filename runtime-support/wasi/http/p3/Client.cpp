// wasi:http/client 0.3: send, HTTP/1.1 over TCP for http:// requests,
// allowed only with --inherit-network (otherwise HTTP-request-denied).
//
// send is an `async func`: it takes the request and returns a host
// subtask. The request's body stream and trailers future are the guest's
// to write, usually after calling send (wit-bindgen spawns the writer), so
// the host reads both as they come (a host reader of each) and, once the
// body has ended and the trailers are known, makes the exchange on a new
// connection (`connection: close`): the request with a content-length, or
// chunked with the trailers when there are some; then the whole response,
// whose body (content-length, chunked with trailers, or up to the close)
// and trailers the response's consume-body serves from memory.
// The exchange itself blocks the process (connect, send, receive): simple,
// and what the 0.2 client does (../OutgoingHandler.cpp); a server serving
// other requests meanwhile waits for it. Hosts are dotted IPv4 addresses
// or localhost (no DNS: anything else is destination-not-found); https is
// an internal-error saying TLS is not built in; a trailers future holding
// an error fails the send with it. request-options' timeouts are not
// applied yet.
#include "core/AsyncHost.h"
#include "core/Capabilities.h"
#include "core/Output.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/RequestParser.h"
#include "wasi/http/p3/P3Http.h"

namespace wacc_rt::http::p3 {
namespace {

using namespace linux_abi;

constexpr uint64_t kMaxResponseBytes = 64ull * 1024 * 1024;

struct Exchange {
  Message* m;
  uint32_t subtask;
  bool bodyDone, trailersDone, sent;
  uint32_t ends;  // host reader ends whose `closed` is still to come
  uint32_t trailersError;  // error-code case + 1 from the trailers future
  FieldsData* trailers;
  ByteBuffer body;
};

void AppendText(ByteBuffer& out, const char* text) { out.append(text, StringLength(text)); }

char Lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : (char)c; }

bool NameIs(const uint8_t* name, uint32_t length, const char* lower) {
  uint32_t n = (uint32_t)StringLength(lower);
  if (n != length) return false;
  for (uint32_t i = 0; i < n; ++i)
    if (Lower(name[i]) != lower[i]) return false;
  return true;
}

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

// "HTTP/1.x NNN reason" and the header fields, up to the empty line:
// returns the head's length (0: malformed, -1: incomplete) and the body's
// framing in `framing` (bodyKind, contentLength) for ParseRequestBody.
long ParseHead(const uint8_t* data, size_t size, uint16_t& status, FieldsData* headers, RequestHead& framing) {
  size_t end = 0;
  while (end + 3 < size && !(data[end] == '\r' && data[end + 1] == '\n' && data[end + 2] == '\r' && data[end + 3] == '\n'))
    ++end;
  if (end + 3 >= size) return -1;
  if (end < 12 || !BytesEqual(data, "HTTP/1.", 7) || data[8] != ' ') return 0;
  status = 0;
  for (int i = 9; i < 12; ++i) {
    if (data[i] < '0' || data[i] > '9') return 0;
    status = (uint16_t)(status * 10 + (data[i] - '0'));
  }
  framing = RequestHead{};
  framing.bodyKind = BodyKind::kNone;
  bool hasLength = false;
  size_t line = 0;
  while (line < end && data[line] != '\n') ++line;
  ++line;
  while (line < end + 2) {
    size_t eol = line;
    while (eol < end + 2 && data[eol] != '\r') ++eol;
    size_t colon = line;
    while (colon < eol && data[colon] != ':') ++colon;
    if (colon == eol || colon == line) return 0;
    size_t v = colon + 1, ve = eol;
    while (v < ve && (data[v] == ' ' || data[v] == '\t')) ++v;
    while (ve > v && (data[ve - 1] == ' ' || data[ve - 1] == '\t')) --ve;
    uint32_t nameLength = (uint32_t)(colon - line);
    if (NameIs(data + line, nameLength, "transfer-encoding")) {
      framing.bodyKind = BodyKind::kChunked;
    } else if (NameIs(data + line, nameLength, "content-length")) {
      uint64_t n = 0;
      for (size_t i = v; i < ve; ++i) {
        if (data[i] < '0' || data[i] > '9') return 0;
        n = n * 10 + (data[i] - '0');
      }
      framing.contentLength = n;
      hasLength = true;
    }
    AppendField(headers, reinterpret_cast<const char*>(data + line), nameLength, data + v, (uint32_t)(ve - v));
    line = eol + 2;
  }
  if (framing.bodyKind != BodyKind::kChunked && hasLength) framing.bodyKind = BodyKind::kLength;
  return (long)(end + 4);
}

// error-code case + 1, or 0 with *response the new response's rep.
uint32_t Exchange(struct Exchange* x, uint32_t* response, const char** message) {
  RequestData* r = x->m->request;
  *message = nullptr;
  if (x->trailersError) return x->trailersError;
  if (r->hasScheme && r->scheme != kHttp) {
    *message = r->scheme == kHttps ? "wacc: https is not supported (no TLS is built into the runtime)"
                                   : "wacc: only http:// requests are supported";
    return kInternalError + 1;
  }
  SockaddrIn address;
  if (!r->hasAuthority ||
      !ParseHostPort(reinterpret_cast<const char*>(r->authority.data), r->authority.size, 80, address))
    return kDestinationNotFound + 1;
  ByteBuffer out{};
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
  bool chunked = x->trailers && x->trailers->count() > 0;
  if (chunked) {
    AppendText(out, "transfer-encoding: chunked\r\n");
  } else if (x->body.size || r->method == kPost || r->method == kPut || r->method == kPatch) {
    AppendText(out, "content-length: ");
    MessageBuffer digits;
    digits.appendDecimal(x->body.size);
    out.append(digits.data(), digits.size());
    AppendText(out, "\r\n");
  }
  AppendText(out, "connection: close\r\n\r\n");
  if (chunked) {
    if (x->body.size) {
      static const char kHex[] = "0123456789abcdef";
      char size[16];
      int n = 0;
      for (uint32_t v = x->body.size; v; v >>= 4) size[n++] = kHex[v & 15];
      for (int i = n - 1; i >= 0; --i) out.append(&size[i], 1);
      AppendText(out, "\r\n");
      out.append(x->body.data, x->body.size);
      AppendText(out, "\r\n");
    }
    AppendText(out, "0\r\n");
    AppendFields(out, x->trailers, false);
    AppendText(out, "\r\n");
  } else {
    out.append(x->body.data, x->body.size);
  }

  long fd = Sys(arch::kSysSocket, 2 /* AF_INET */, 1 /* SOCK_STREAM */ | 02000000 /* CLOEXEC */, 0);
  if (fd < 0) {
    out.release();
    return kInternalError + 1;
  }
  long connected = RetryInterrupted([&] { return Sys(arch::kSysConnect, fd, (long)&address, sizeof address); });
  if (connected < 0) {
    CloseFd((int)fd);
    out.release();
    return ConnectError(connected) + 1;
  }
  bool sent = SendAll((int)fd, out.data, out.size);
  out.release();
  ByteBuffer in{};
  for (;;) {
    if (in.size > kMaxResponseBytes) break;
    uint8_t* at = in.reserve(64 * 1024);
    long got = RetryInterrupted([&] { return SysRead((int)fd, at, 64 * 1024); });
    if (got <= 0) break;
    in.size += (uint32_t)got;
  }
  CloseFd((int)fd);
  Message* m = NewMessage(true);
  m->request->headers = NewFieldsData();
  static RequestHead framing;
  uint16_t status = 0;
  long headLength = in.size ? ParseHead(in.data, in.size, status, m->request->headers, framing) : -1;
  if (headLength <= 0) {
    FreeMessage(m);
    in.release();
    return (headLength < 0 ? (sent ? kHttpResponseIncomplete : kConnectionTerminated) : kHttpProtocolError) + 1;
  }
  m->status = status;
  m->body = NewBodyData();
  m->body->finished = 1;
  const uint8_t* rest = in.data + headLength;
  size_t restSize = in.size - (size_t)headLength;
  bool noBody = r->method == kHead || status == 204 || status == 304 || status < 200;
  uint32_t error = 0;
  if (!noBody) {
    if (framing.bodyKind == BodyKind::kChunked) {
      size_t consumed;
      if (ParseRequestBody(rest, restSize, framing, consumed, &m->body->bytes, AddBodyTrailer, m->body) !=
          ParseResult::kComplete)
        error = kHttpResponseIncomplete + 1;
    } else if (framing.bodyKind == BodyKind::kLength) {
      if (restSize < framing.contentLength)
        error = kHttpResponseIncomplete + 1;
      else
        m->body->bytes.append(rest, framing.contentLength);
    } else {
      m->body->bytes.append(rest, restSize);
    }
  }
  in.release();
  if (error) {
    FreeMessage(m);
    return error;
  }
  *response = NewResponseHandle(m);
  return 0;
}

void Finish(struct Exchange* x) {
  if (!x->bodyDone || !x->trailersDone || x->sent) return;
  x->sent = true;
  uint64_t* results = HostSubtaskResults(x->subtask);
  for (uint32_t i = 0; i < kResultErrorSlots; ++i) results[i] = 0;
  uint32_t response = 0;
  const char* message = nullptr;
  uint32_t error = Exchange(x, &response, &message);
  if (error) {
    results[0] = 1;
    SetErrorCode(results + 1, (ErrorCode)(error - 1), message);
  } else {
    results[1] = response;
  }
  ResolveTransmitted(x->m, error);
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
