// wasi:http/outgoing-handler: HTTP/1.1 over TCP for http:// URLs, and over
// TLS (Tls.cpp) for https:// ones, allowed only with --inherit-network
// (otherwise HTTP-request-denied, as Wasmtime denies them without `-S http`).
//
// handle() only checks the request and returns a future; the exchange runs
// when the guest first asks the future (get), so a body the guest writes
// after handle() and finishes before waiting for the response is sent. It
// is one blocking exchange on a new connection (`connection: close`): the
// request with a content-length, then the whole response, whose body
// (content-length, chunked or up to the close) becomes the incoming body.
// Hosts are resolved (numeric, /etc/hosts, DNS) and connected to by
// ConnectAuthority (Address.cpp); https:// goes through Tls.h. Request-options'
// timeouts are not applied yet.
#include "core/Capabilities.h"
#include "core/Output.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/Http.h"
#include "wasi/http/RequestParser.h"
#include "wasi/http/Tls.h"

namespace wacc_rt::http {
namespace {

using namespace linux_abi;

constexpr uint64_t kMaxResponseBytes = 64ull * 1024 * 1024;

void AppendText(ByteBuffer& out, const char* text) { out.append(text, StringLength(text)); }

// The connection a request goes over: the socket, with TLS on it for https://.
struct Transport {
  int fd;
  TlsConnection* tls;  // or null

  bool send(const uint8_t* bytes, uint64_t size, ErrorCode& error, const char*& message) {
    return tls ? TlsSend(tls, bytes, size, error, message) : SendAll(fd, bytes, size);
  }
  // Bytes read, 0 at the end, -1 on a TLS failure (with `error`); a socket
  // error reads as the end, as the response's framing then tells.
  long receive(uint8_t* buffer, size_t size, ErrorCode& error, const char*& message) {
    if (tls) return TlsReceive(tls, buffer, size, error, message);
    long got = RetryInterrupted([&] { return SysRead(fd, buffer, size); });
    return got > 0 ? got : 0;
  }
  void close() {
    if (tls) TlsClose(tls);
    CloseFd(fd);
  }
};

// The host of an authority "HOST[:PORT]": its length.
char Lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : (char)c; }

bool NameIs(const uint8_t* name, uint32_t length, const char* lower) {
  uint32_t n = (uint32_t)StringLength(lower);
  if (n != length) return false;
  for (uint32_t i = 0; i < n; ++i)
    if (Lower(name[i]) != lower[i]) return false;
  return true;
}

// Parses "HTTP/1.x NNN reason" and the headers of `data`; the head's
// length, or 0 if malformed (-1 when incomplete).
long ParseResponseHead(const uint8_t* data, size_t size, uint16_t& status, FieldsData* headers, RequestHead& framing) {
  size_t end = 0;
  while (end + 1 < size && !(data[end] == '\r' && data[end + 1] == '\n')) ++end;
  if (end + 1 >= size) return -1;
  if (end < 12 || !BytesEqual(data, "HTTP/1.", 7) || data[8] != ' ') return 0;
  status = 0;
  for (int i = 9; i < 12; ++i) {
    if (data[i] < '0' || data[i] > '9') return 0;
    status = (uint16_t)(status * 10 + (data[i] - '0'));
  }
  framing.bodyKind = BodyKind::kNone;
  framing.contentLength = ~0ull;  // unknown: up to the close
  size_t pos = end + 2;
  for (;;) {
    size_t lineEnd = pos;
    while (lineEnd + 1 < size && !(data[lineEnd] == '\r' && data[lineEnd + 1] == '\n')) ++lineEnd;
    if (lineEnd + 1 >= size) return -1;
    if (lineEnd == pos) return (long)(pos + 2);
    size_t colon = pos;
    while (colon < lineEnd && data[colon] != ':') ++colon;
    if (colon == pos || colon == lineEnd) return 0;
    size_t v = colon + 1, vEnd = lineEnd;
    while (v < vEnd && (data[v] == ' ' || data[v] == '\t')) ++v;
    while (vEnd > v && (data[vEnd - 1] == ' ' || data[vEnd - 1] == '\t')) --vEnd;
    const char* name = reinterpret_cast<const char*>(data + pos);
    uint32_t nameLength = (uint32_t)(colon - pos);
    if (!ValidFieldName(name, nameLength) || !ValidFieldValue(data + v, (uint32_t)(vEnd - v))) return 0;
    if (NameIs(data + pos, nameLength, "transfer-encoding")) {
      framing.bodyKind = BodyKind::kChunked;
    } else if (NameIs(data + pos, nameLength, "content-length")) {
      uint64_t length = 0;
      for (size_t i = v; i < vEnd; ++i) {
        if (data[i] < '0' || data[i] > '9' || length > kMaxResponseBytes) return 0;
        length = length * 10 + (data[i] - '0');
      }
      framing.contentLength = length;
      if (framing.bodyKind != BodyKind::kChunked) framing.bodyKind = BodyKind::kLength;
    }
    AppendField(headers, name, nameLength, data + v, (uint32_t)(vEnd - v));
    pos = lineEnd + 2;
  }
}

}  // namespace

// The exchange for `r`: an incoming-response rep, or 0 and `error`.
uint32_t SendOutgoingRequest(RequestData* r, ErrorCode& error, const char*& message) {
  message = nullptr;
  error = kInternalError;
  if (r->hasScheme && r->scheme != kHttp && r->scheme != kHttps) {
    message = "wacc: only http:// and https:// requests are supported";
    return 0;
  }
  bool https = r->hasScheme && r->scheme == kHttps;
  if (!r->hasAuthority) {
    error = kDestinationNotFound;
    return 0;
  }
  long fd = ConnectAuthority(r->authority.data, r->authority.size, https ? 443 : 80, error, message);
  if (fd < 0) return 0;
  ByteBuffer out{};
  const char* method = MethodName(r->method);
  if (method)
    AppendText(out, method);
  else
    out.append(r->otherMethod.data, r->otherMethod.size);
  AppendText(out, " ");
  if (r->hasPath && r->path.size)
    out.append(r->path.data, r->path.size);
  else
    AppendText(out, "/");
  AppendText(out, " HTTP/1.1\r\nhost: ");
  out.append(r->authority.data, r->authority.size);
  AppendText(out, "\r\n");
  if (FieldsData* h = r->headers) {
    for (uint32_t i = 0; i < h->count(); ++i) {
      const FieldEntry& e = *h->at(i);
      if (NameIs(h->name(e), e.nameLength, "content-length")) continue;
      out.append(h->name(e), e.nameLength);
      AppendText(out, ": ");
      out.append(h->value(e), e.valueLength);
      AppendText(out, "\r\n");
    }
  }
  uint32_t bodyLength = r->body ? r->body->bytes.size : 0;
  if (bodyLength || r->method == kPost || r->method == kPut || r->method == kPatch) {
    AppendText(out, "content-length: ");
    MessageBuffer digits;
    digits.appendDecimal(bodyLength);
    out.append(digits.data(), digits.size());
    AppendText(out, "\r\n");
  }
  AppendText(out, "connection: close\r\n\r\n");
  if (bodyLength) out.append(r->body->bytes.data, bodyLength);

  Transport transport{(int)fd, nullptr};
  if (https) {
    // The server name is the bare host: no port, brackets or userinfo.
    const char* host = nullptr;
    uint32_t hostLength = 0, port = 0;
    SplitAuthority(reinterpret_cast<const char*>(r->authority.data), r->authority.size, 443, host, hostLength, port);
    transport.tls = TlsOpen((int)fd, reinterpret_cast<const uint8_t*>(host), hostLength, error, message);
    if (!transport.tls) {
      CloseFd((int)fd);
      out.release();
      return 0;
    }
  }
  bool sent = transport.send(out.data, out.size, error, message);
  out.release();
  // Over TLS a failed send is the handshake's failure (or the connection's):
  // nothing to read after it.
  if (!sent && https) {
    transport.close();
    return 0;
  }
  ByteBuffer in{};
  for (;;) {
    if (in.size > kMaxResponseBytes) break;
    uint8_t* at = in.reserve(64 * 1024);
    long got = transport.receive(at, 64 * 1024, error, message);
    if (got < 0) {
      transport.close();
      in.release();
      return 0;
    }
    if (got == 0) break;
    in.size += (uint32_t)got;
  }
  transport.close();
  error = kInternalError;
  message = nullptr;
  uint16_t status = 0;
  FieldsData* headers = NewFieldsData();
  static RequestHead framing;
  long headLength = in.size ? ParseResponseHead(in.data, in.size, status, headers, framing) : -1;
  if (headLength <= 0) {
    error = headLength < 0 ? (sent ? kHttpResponseIncomplete : kConnectionTerminated) : kHttpProtocolError;
    ReleaseFields(headers);
    in.release();
    return 0;
  }
  BodyData* body = NewBodyData();
  body->finished = 1;
  const uint8_t* rest = in.data + headLength;
  size_t restSize = in.size - (size_t)headLength;
  bool noBody = r->method == kHead || status == 204 || status == 304 || (status >= 100 && status < 200);
  if (!noBody) {
    if (framing.bodyKind == BodyKind::kChunked) {
      size_t consumed;
      if (ParseRequestBody(rest, restSize, framing, consumed, &body->bytes, AddBodyTrailer, body) !=
          ParseResult::kComplete) {
        error = kHttpResponseIncomplete;
        ReleaseFields(headers);
        ReleaseBody(body);
        in.release();
        return 0;
      }
    } else if (framing.bodyKind == BodyKind::kLength) {
      if (restSize < framing.contentLength) {
        error = kHttpResponseIncomplete;
        ReleaseFields(headers);
        ReleaseBody(body);
        in.release();
        return 0;
      }
      body->bytes.append(rest, framing.contentLength);
    } else {
      body->bytes.append(rest, restSize);
    }
  }
  in.release();
  return NewIncomingResponse(status, headers, body);
}

}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

extern "C" void wacc_host_wasi_http_outgoing_handler_handle(uint32_t request, uint32_t optionsCase, uint32_t options1,
                                                            uint64_t* results) {
  if (optionsCase == 1) wacc_host_wasi_http_types_resource_drop_request_options(options1);
  if (!capabilities().inherit_network) {
    wacc_host_wasi_http_types_resource_drop_outgoing_request(request);
    results[0] = 1;
    return SetErrorCode(results + 1, kHttpRequestDenied);
  }
  results[0] = 0;
  results[1] = NewPendingFutureResponse(TakeOutgoingRequest(request));
}
