#include "core/Output.h"
#include "wasi/http/Http.h"
#include "wasi/http/RequestParser.h"

namespace wacc_rt::http {

namespace {

// Method's cases in order, as they go on the wire.
const char* const kMethodNames[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
static_assert(sizeof kMethodNames / sizeof kMethodNames[0] == kOtherMethod);

Method MethodOf(const uint8_t* text, uint32_t length) {
  for (uint32_t m = 0; m < kOtherMethod; ++m)
    if (StringLength(kMethodNames[m]) == length && BytesEqual(kMethodNames[m], text, length)) return (Method)m;
  return kOtherMethod;
}

}  // namespace

const char* MethodName(Method m) { return m < kOtherMethod ? kMethodNames[m] : nullptr; }

void AddBodyTrailer(void* context, const uint8_t* name, uint32_t nameLength, const uint8_t* value,
                    uint32_t valueLength) {
  auto* body = static_cast<BodyData*>(context);
  if (!body->trailers) body->trailers = NewFieldsData();
  AppendField(body->trailers, reinterpret_cast<const char*>(name), nameLength, value, valueLength);
}

BodyData* FillIncomingRequest(RequestData* r, const uint8_t* data, const RequestHead& head, const uint8_t* bodyBytes,
                              size_t available) {
  const uint8_t* method = data + head.method.offset;
  r->method = MethodOf(method, head.method.length);
  if (r->method == kOtherMethod) r->otherMethod.append(method, head.method.length);
  r->hasScheme = 1;
  r->scheme = kHttp;
  const uint8_t* target = data + head.target.offset;
  uint32_t length = head.target.length;
  if (length > 7 && BytesEqual(target, "http://", 7)) {
    uint32_t i = 7;
    while (i < length && target[i] != '/' && target[i] != '?') ++i;
    r->hasAuthority = 1;
    r->authority.append(target + 7, i - 7);
    if (i == length || target[i] == '?') r->path.append("/", 1);
    r->path.append(target + i, length - i);
  } else {
    r->path.append(target, length);
  }
  r->hasPath = 1;
  r->headers = NewFieldsData();
  for (uint32_t i = 0; i < head.headerCount; ++i) {
    const ParsedHeader& h = head.headers[i];
    AppendField(r->headers, reinterpret_cast<const char*>(data + h.name.offset), h.name.length, data + h.value.offset,
                h.value.length);
  }
  if (!r->hasAuthority && head.host >= 0) {
    const ParsedHeader& h = head.headers[head.host];
    r->hasAuthority = 1;
    r->authority.append(data + h.value.offset, h.value.length);
  }
  BodyData* body = NewBodyData();
  size_t consumed;
  ParseRequestBody(bodyBytes, available, head, consumed, &body->bytes, AddBodyTrailer, body);
  body->finished = 1;
  return body;
}

}  // namespace wacc_rt::http
