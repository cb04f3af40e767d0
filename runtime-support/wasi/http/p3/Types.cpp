// wasi:http/types 0.3: fields (0.2's host objects and functions), request,
// response and request-options (P3Http.h's Message), and the host-written
// body streams and futures the server and consume-body hand out.
#include "core/AsyncHost.h"
#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/p3/P3Http.h"

namespace wacc_rt::http::p3 {
namespace {

struct MessageHandle {
  Message* message;
};

struct Options {
  uint8_t immutable;  // a request's (get-options gives a copy that says so)
  uint8_t has[3];
  uint64_t value[3];  // connect, first-byte, between-bytes timeouts (ns)
};

Message* request(uint32_t rep) { return hostObject<MessageHandle>(rep, HostKind::kHttpP3Request).message; }
Message* response(uint32_t rep) { return hostObject<MessageHandle>(rep, HostKind::kHttpP3Response).message; }
Options& options(uint32_t rep) { return hostObject<Options>(rep, HostKind::kHttpP3RequestOptions); }

void SetString(uint64_t* slots, const ByteBuffer& text) {
  slots[0] = reinterpret_cast<uintptr_t>(text.data ? text.data : reinterpret_cast<const uint8_t*>(""));
  slots[1] = text.size;
}

void Assign(ByteBuffer& buffer, const char* text, uint32_t length) {
  buffer.clear();
  buffer.append(text, length);
}

// RFC 3986's unreserved and sub-delims, and pct-encoded's '%'.
bool UriChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  for (const char* p = "-._~%!$&'()*+,;="; *p; ++p)
    if (c == *p) return true;
  return false;
}

// A path-with-query: RFC 3986 pchars, '/' and '?' (and bytes of UTF-8);
// controls, spaces and the characters no URI may hold are refused.
bool ValidPath(const char* text, uint32_t length) {
  for (uint32_t i = 0; i < length; ++i) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x80) continue;
    if (!UriChar((char)c) && c != '/' && c != '?' && c != ':' && c != '@') return false;
  }
  return true;
}

// [userinfo "@"] host [":" port]: userinfo of URI characters and ':', a
// non-empty reg-name (or a bracketed IP literal), a decimal port.
bool ValidAuthority(const char* text, uint32_t length) {
  uint32_t hostStart = 0;
  for (uint32_t i = length; i > 0; --i)
    if (text[i - 1] == '@') {
      hostStart = i;
      break;
    }
  for (uint32_t i = 0; i + 1 < hostStart; ++i)
    if (!UriChar(text[i]) && text[i] != ':') return false;
  uint32_t hostEnd = length;
  if (hostStart < length && text[hostStart] == '[') {
    while (hostEnd > hostStart && text[hostEnd - 1] != ']') --hostEnd;
    if (hostEnd <= hostStart + 1) return false;
    for (uint32_t i = hostStart + 1; i + 1 < hostEnd; ++i) {
      char c = text[i];
      bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') return false;
    }
  } else {
    for (uint32_t i = hostStart; i < length; ++i)
      if (text[i] == ':') {
        hostEnd = i;
        break;
      }
    if (hostEnd == hostStart) return false;
    for (uint32_t i = hostStart; i < hostEnd; ++i)
      if (!UriChar(text[i])) return false;
  }
  if (hostEnd == length) return true;
  if (text[hostEnd] != ':') return false;
  for (uint32_t i = hostEnd + 1; i < length; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

bool Equals(const char* text, uint32_t length, const char* word) {
  uint32_t n = 0;
  while (word[n]) ++n;
  return n == length && BytesEqual(text, word, n);
}

// RFC 9110 5.5: field-vchar, SP and HTAB (0.3 holds values to the grammar
// that 0.2's fields leave to the peer: no controls, no DEL).
bool ValidValue(const uint8_t* value, uint32_t length) {
  for (uint32_t i = 0; i < length; ++i)
    if ((value[i] < 0x20 && value[i] != '\t') || value[i] == 0x7f) return false;
  return true;
}

// Names 0.3 forbids beyond 0.2's list (wasi/http/Fields.cpp): the proxy
// authentication fields, as Wasmtime does (WASI#940).
bool ForbiddenInP3(const char* name, uint32_t length) {
  static const char* const kNames[] = {"proxy-authenticate", "proxy-authorization"};
  for (const char* f : kNames) {
    uint32_t n = 0;
    while (f[n]) ++n;
    if (n != length) continue;
    bool same = true;
    for (uint32_t i = 0; i < n && same; ++i) {
      char c = name[i];
      same = (c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) == f[i];
    }
    if (same) return true;
  }
  return false;
}

void SetHeaderError(uint64_t* results, uint32_t error) {
  results[0] = 1;
  results[1] = error;
  results[2] = 0;
}

// --- host-written bodies, trailers and results --------------------------------

struct BodyReader {
  BodyData* body;
  uint32_t offset;
};

uint32_t BodyReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  auto* r = static_cast<BodyReader*>(state);
  uint32_t left = r->body->bytes.size - r->offset;
  if (left == 0) return kHostClosed;
  if (count == 0) return 0;
  uint32_t n = count < left ? count : left;
  __builtin_memcpy(buffer, r->body->bytes.data + r->offset, n);
  r->offset += n;
  return n;
}

void BodyClosed(void* state) {
  auto* r = static_cast<BodyReader*>(state);
  ReleaseBody(r->body);
  HeapFree(r, sizeof(BodyReader));
}

}  // namespace

void LowerTrailersResult(uint64_t* slots, uint32_t error, FieldsData*& fields) {
  for (uint32_t i = 0; i < kTrailersResultSlots; ++i) slots[i] = 0;
  if (error) {
    slots[0] = 1;
    slots[1] = error - 1;
  } else if (fields) {
    slots[1] = 1;
    slots[2] = NewFieldsHandle(fields, true);
    ReleaseFields(fields);
    fields = nullptr;
  }
}

void StoreErrorResult(uint8_t* buffer, uint32_t elemSize, uint32_t error) {
  for (uint32_t i = 0; i < elemSize; ++i) buffer[i] = 0;
  if (error) {
    buffer[0] = 1;
    if (elemSize > 8) buffer[8] = (uint8_t)(error - 1);
  }
}

namespace {

// A one-value future whose value is known when it is made (trailers), or
// once the host resolves it (transmission results).
struct HostFuture {
  uint8_t ready;
  uint8_t trailers;  // result<option<trailers>, error-code>, else result<_, error-code>
  uint32_t error;    // 0 ok, else error-code case + 1
  FieldsData* fields;
  Message* owner;  // a transmission future: the message that points at it
};

uint32_t FutureProduce(void* state, uint64_t* slots, uint32_t count) {
  auto* f = static_cast<HostFuture*>(state);
  if (!f->ready) return kHostWouldBlock;
  if (count == 0) return 0;
  FieldsData* none = nullptr;
  LowerTrailersResult(slots, f->error, f->trailers ? f->fields : none);
  return 1;
}

// As canonical-ABI bytes (a future of result<_, error-code>).
uint32_t FutureReady(void* state, uint8_t* buffer, uint32_t count, uint32_t elemSize) {
  auto* f = static_cast<HostFuture*>(state);
  if (!f->ready) return kHostWouldBlock;
  if (count == 0) return 0;
  StoreErrorResult(buffer, elemSize, f->error);
  return 1;
}

HostFuture* Forget(Message* m);

void FutureClosed(void* state) {
  auto* f = static_cast<HostFuture*>(state);
  if (f->fields) ReleaseFields(f->fields);
  if (f->owner) {
    f->owner->transmitted = 0;
    Forget(f->owner);
  }
  HeapFree(f, sizeof(HostFuture));
}

HostFuture* NewHostFuture() {
  auto* f = static_cast<HostFuture*>(HeapAllocate(sizeof(HostFuture)));
  *f = HostFuture{};
  return f;
}

uint32_t NewTransmittedFuture(Message* m, HostFuture** out) {
  HostFuture* f = NewHostFuture();
  f->owner = m;
  *out = f;
  return HostStreamWithWriter(1, HostEnd{FutureReady, f, -1, 0, FutureClosed, FutureProduce, kResultErrorSlots});
}

// The host future behind a message's transmission result, in the message.
// (It was a table of 4096 pairs searched from the start, twice a request:
// 14% of a 0.3 hello server's time, bench/NOTES.md "HTTP servers".)
void Remember(Message* m, HostFuture* f) { m->transmittedEnd = f; }

HostFuture* Forget(Message* m) {
  auto* f = static_cast<HostFuture*>(m->transmittedEnd);
  m->transmittedEnd = nullptr;
  return f;
}

void NewMessageResult(Message* m, uint32_t headers, uint32_t contentsCase, uint32_t contents, uint32_t trailers,
                      uint64_t* results, bool isRequest) {
  m->request->headers = TakeFields(headers);
  m->contents = contentsCase ? contents : 0;
  m->trailers = trailers;
  HostFuture* f;
  m->transmitted = NewTransmittedFuture(m, &f);
  Remember(m, f);
  results[0] = isRequest ? NewRequestHandle(m) : NewResponseHandle(m);
  results[1] = m->transmitted;
}

// consume-body of either kind: a guest-made message gives its own ends
// back; the server's request its buffered body.
void ConsumeBody(Message* m, uint32_t res, uint64_t* results) {
  if (res) HostStreamClose(res);  // the host does not report back on it
  if (m->contents || m->trailers) {
    results[0] = m->contents ? m->contents : NewBodyStream(nullptr);
    results[1] = m->trailers ? m->trailers : NewTrailersFuture(nullptr);
    m->contents = m->trailers = 0;
  } else if (BodySource* source = m->source) {
    m->source = nullptr;
    uint32_t contents, trailers;
    source->open(source, &contents, &trailers);
    results[0] = contents;
    results[1] = trailers;
  } else {
    results[0] = NewBodyStream(m->body);
    results[1] = NewTrailersFuture(m->body ? m->body->trailers : nullptr);
  }
  FreeMessage(m);
}

}  // namespace

Message* NewMessage(bool isResponse) {
  auto* m = static_cast<Message*>(HeapAllocate(sizeof(Message)));
  *m = Message{};
  m->request = NewRequestData();
  m->isResponse = isResponse;
  m->status = 200;
  return m;
}

void FreeMessage(Message* m) {
  if (!m) return;
  if (m->contents) HostStreamClose(m->contents);
  if (m->trailers) HostStreamClose(m->trailers);
  if (m->options) DestroyHostObject(m->options, HostKind::kHttpP3RequestOptions);
  if (HostFuture* f = Forget(m)) f->owner = nullptr;
  if (m->body) ReleaseBody(m->body);
  if (m->source) m->source->abandon(m->source);
  FreeRequestData(m->request);
  HeapFree(m, sizeof(Message));
}

Timeouts RequestTimeouts(const Message* m) {
  if (!m->options) return Timeouts{};
  const Options& o = options(m->options);
  return Timeouts{{o.has[0], o.has[1], o.has[2]}, {o.value[0], o.value[1], o.value[2]}};
}

uint32_t NewRequestHandle(Message* m) {
  uint32_t rep = CreateHostObject(HostKind::kHttpP3Request);
  hostObject<MessageHandle>(rep, HostKind::kHttpP3Request).message = m;
  return rep;
}

uint32_t NewResponseHandle(Message* m) {
  uint32_t rep = CreateHostObject(HostKind::kHttpP3Response);
  hostObject<MessageHandle>(rep, HostKind::kHttpP3Response).message = m;
  return rep;
}

Message* TakeResponse(uint32_t rep) {
  Message* m = response(rep);
  DestroyHostObject(rep, HostKind::kHttpP3Response);
  return m;
}

Message* TakeRequest(uint32_t rep) {
  Message* m = request(rep);
  DestroyHostObject(rep, HostKind::kHttpP3Request);
  return m;
}

void ResolveTransmitted(Message* m, uint32_t error) {
  HostFuture* f = Forget(m);
  if (!f) return;
  f->owner = nullptr;
  f->ready = 1;
  f->error = error;
  if (m->transmitted) HostStreamWake(m->transmitted);
  m->transmitted = 0;
}

uint32_t NewBodyStream(BodyData* body) {
  auto* r = static_cast<BodyReader*>(HeapAllocate(sizeof(BodyReader)));
  if (!body) {
    body = NewBodyData();
  } else {
    RetainBody(body);
  }
  *r = BodyReader{body, 0};
  return HostStreamWithWriter(0, HostEnd{BodyReady, r, -1, 0, BodyClosed, nullptr, 0});
}

uint32_t NewTrailersFuture(FieldsData* trailers) {
  HostFuture* f = NewHostFuture();
  f->ready = 1;
  f->trailers = 1;
  if (trailers) {
    RetainFields(trailers);
    f->fields = trailers;
  }
  return HostStreamWithWriter(1, HostEnd{FutureReady, f, -1, 0, FutureClosed, FutureProduce, kTrailersResultSlots});
}

}  // namespace wacc_rt::http::p3

using namespace wacc_rt;
using namespace wacc_rt::http;
using namespace wacc_rt::http::p3;

extern "C" {

// ---- fields: 0.2's (the same host objects) ---------------------------------------

void wacc_host_p3_wasi_http_types_constructor_fields(uint64_t* results) {
  wacc_host_wasi_http_types_constructor_fields(results);
}
void wacc_host_p3_wasi_http_types_static_fields_from_list(const uint64_t* entries, uint32_t entriesLength,
                                                          uint64_t* results) {
  for (uint32_t i = 0; i < entriesLength; ++i)
    if (!ValidValue(reinterpret_cast<const uint8_t*>(entries[4 * i + 2]), (uint32_t)entries[4 * i + 3]))
      return SetHeaderError(results, 0);
  for (uint32_t i = 0; i < entriesLength; ++i)
    if (ForbiddenInP3(reinterpret_cast<const char*>(entries[4 * i]), (uint32_t)entries[4 * i + 1]))
      return SetHeaderError(results, 1);
  results[2] = 0;
  wacc_host_wasi_http_types_static_fields_from_list(entries, entriesLength, results);
}
void wacc_host_p3_wasi_http_types_method_fields_get(uint32_t self, const char* name, uint32_t nameLength,
                                                    uint64_t* results) {
  wacc_host_wasi_http_types_method_fields_get(self, name, nameLength, results);
}
void wacc_host_p3_wasi_http_types_method_fields_has(uint32_t self, const char* name, uint32_t nameLength,
                                                    uint64_t* results) {
  wacc_host_wasi_http_types_method_fields_has(self, name, nameLength, results);
}
void wacc_host_p3_wasi_http_types_method_fields_set(uint32_t self, const char* name, uint32_t nameLength,
                                                    const uint64_t* value, uint32_t valueLength, uint64_t* results) {
  for (uint32_t i = 0; i < valueLength; ++i)
    if (!ValidValue(reinterpret_cast<const uint8_t*>(value[2 * i]), (uint32_t)value[2 * i + 1]))
      return SetHeaderError(results, 0);
  if (ForbiddenInP3(name, nameLength)) return SetHeaderError(results, 1);
  results[2] = 0;
  wacc_host_wasi_http_types_method_fields_set(self, name, nameLength, value, valueLength, results);
}
void wacc_host_p3_wasi_http_types_method_fields_delete(uint32_t self, const char* name, uint32_t nameLength,
                                                       uint64_t* results) {
  results[2] = 0;
  wacc_host_wasi_http_types_method_fields_delete(self, name, nameLength, results);
}
// get, then delete: the values stay valid (the strings are never compacted
// while the result is in flight: get's list points into the fields).
void wacc_host_p3_wasi_http_types_method_fields_get_and_delete(uint32_t self, const char* name, uint32_t nameLength,
                                                               uint64_t* results) {
  uint64_t values[2], deleted[5] = {0, 0, 0, 0, 0};
  wacc_host_wasi_http_types_method_fields_get(self, name, nameLength, values);
  wacc_host_wasi_http_types_method_fields_delete(self, name, nameLength, deleted);
  if (deleted[0]) {
    for (int i = 0; i < 5; ++i) results[i] = deleted[i];
    results[2] = 0;
    return;
  }
  results[0] = 0;
  results[1] = values[0];
  results[2] = values[1];
}
void wacc_host_p3_wasi_http_types_method_fields_append(uint32_t self, const char* name, uint32_t nameLength,
                                                       const void* value, uint32_t valueLength, uint64_t* results) {
  if (!ValidValue(static_cast<const uint8_t*>(value), valueLength)) return SetHeaderError(results, 0);
  if (ForbiddenInP3(name, nameLength)) return SetHeaderError(results, 1);
  results[2] = 0;
  wacc_host_wasi_http_types_method_fields_append(self, name, nameLength, value, valueLength, results);
}
void wacc_host_p3_wasi_http_types_method_fields_copy_all(uint32_t self, uint64_t* results) {
  wacc_host_wasi_http_types_method_fields_entries(self, results);
}
void wacc_host_p3_wasi_http_types_method_fields_clone(uint32_t self, uint64_t* results) {
  wacc_host_wasi_http_types_method_fields_clone(self, results);
}
void wacc_host_p3_wasi_http_types_resource_drop_fields(uint32_t rep) {
  wacc_host_wasi_http_types_resource_drop_fields(rep);
}

// ---- request -----------------------------------------------------------------------

// A new request: GET, no scheme, authority or path until set.
void wacc_host_p3_wasi_http_types_static_request_new(uint32_t headers, uint32_t contentsCase, uint32_t contents1,
                                                     uint32_t trailers, uint32_t optionsCase, uint32_t options1,
                                                     uint64_t* results) {
  Message* m = NewMessage(false);
  m->options = optionsCase ? options1 : 0;
  NewMessageResult(m, headers, contentsCase, contents1, trailers, results, true);
}

void wacc_host_p3_wasi_http_types_method_request_get_method(uint32_t self, uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = r->method;
  if (r->method == kOtherMethod) SetString(results + 1, r->otherMethod);
}

void wacc_host_p3_wasi_http_types_method_request_set_method(uint32_t self, uint32_t methodCase, const char* method1,
                                                            uint32_t method2, uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = 1;
  if (methodCase == kOtherMethod) {
    if (!ValidFieldName(method1, method2)) return;
    // other("GET") is get (wasi-http#194).
    static const char* const kNames[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
    for (uint32_t m = 0; m < 9; ++m)
      if (Equals(method1, method2, kNames[m])) methodCase = m;
    if (methodCase == kOtherMethod) Assign(r->otherMethod, method1, method2);
  }
  r->method = (Method)methodCase;
  results[0] = 0;
}

void wacc_host_p3_wasi_http_types_method_request_get_path_with_query(uint32_t self, uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = r->hasPath;
  if (r->hasPath) SetString(results + 1, r->path);
}

void wacc_host_p3_wasi_http_types_method_request_set_path_with_query(uint32_t self, uint32_t pathWithQueryCase,
                                                                     const char* pathWithQuery1,
                                                                     uint32_t pathWithQuery2, uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = 1;
  if (pathWithQueryCase && !ValidPath(pathWithQuery1, pathWithQuery2)) return;
  r->hasPath = (uint8_t)pathWithQueryCase;
  if (pathWithQueryCase) Assign(r->path, pathWithQuery2 ? pathWithQuery1 : "/", pathWithQuery2 ? pathWithQuery2 : 1);
  results[0] = 0;
}

void wacc_host_p3_wasi_http_types_method_request_get_scheme(uint32_t self, uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = r->hasScheme;
  if (!r->hasScheme) return;
  results[1] = r->scheme;
  if (r->scheme == kOtherScheme) SetString(results + 2, r->otherScheme);
}

void wacc_host_p3_wasi_http_types_method_request_set_scheme(uint32_t self, uint32_t schemeCase, uint32_t scheme1,
                                                            const char* scheme2, uint32_t scheme3,
                                                            uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = 1;
  if (schemeCase && scheme1 == kOtherScheme) {
    if (!ValidScheme(scheme2, scheme3)) return;
    // other("https") is HTTPS (wasi-http#194).
    if (Equals(scheme2, scheme3, "http")) scheme1 = kHttp;
    else if (Equals(scheme2, scheme3, "https")) scheme1 = kHttps;
    else Assign(r->otherScheme, scheme2, scheme3);
  }
  r->hasScheme = (uint8_t)schemeCase;
  if (schemeCase) r->scheme = (Scheme)scheme1;
  results[0] = 0;
}

void wacc_host_p3_wasi_http_types_method_request_get_authority(uint32_t self, uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = r->hasAuthority;
  if (r->hasAuthority) SetString(results + 1, r->authority);
}

void wacc_host_p3_wasi_http_types_method_request_set_authority(uint32_t self, uint32_t authorityCase,
                                                               const char* authority1, uint32_t authority2,
                                                               uint64_t* results) {
  RequestData* r = request(self)->request;
  results[0] = 1;
  if (authorityCase && !ValidAuthority(authority1, authority2)) return;
  r->hasAuthority = (uint8_t)authorityCase;
  if (authorityCase) Assign(r->authority, authority1, authority2);
  results[0] = 0;
}

// A copy of the options, immutable as the WIT says a request's are (here:
// a copy the guest may change without effect).
void wacc_host_p3_wasi_http_types_method_request_get_options(uint32_t self, uint64_t* results) {
  Message* m = request(self);
  results[0] = m->options != 0;
  if (!m->options) return;
  uint32_t rep = CreateHostObject(HostKind::kHttpP3RequestOptions);
  options(rep) = options(m->options);
  options(rep).immutable = 1;
  results[1] = rep;
}

void wacc_host_p3_wasi_http_types_method_request_get_headers(uint32_t self, uint64_t* results) {
  results[0] = NewFieldsHandle(request(self)->request->headers, true);
}

void wacc_host_p3_wasi_http_types_static_request_consume_body(uint32_t this_, uint32_t res, uint64_t* results) {
  ConsumeBody(TakeRequest(this_), res, results);
}

void wacc_host_p3_wasi_http_types_resource_drop_request(uint32_t rep) { FreeMessage(TakeRequest(rep)); }

// ---- request-options -----------------------------------------------------------------

void wacc_host_p3_wasi_http_types_constructor_request_options(uint64_t* results) {
  results[0] = CreateHostObject(HostKind::kHttpP3RequestOptions);
}

static void GetTimeout(uint32_t self, int which, uint64_t* results) {
  results[0] = options(self).has[which];
  results[1] = options(self).value[which];
}
static void SetTimeout(uint32_t self, int which, uint32_t durationCase, uint64_t duration, uint64_t* results) {
  if (options(self).immutable) {
    results[0] = 1;
    results[1] = 1;  // request-options-error.immutable
    results[2] = 0;
    return;
  }
  options(self).has[which] = (uint8_t)durationCase;
  options(self).value[which] = duration;
  results[0] = 0;
}

void wacc_host_p3_wasi_http_types_method_request_options_get_connect_timeout(uint32_t self, uint64_t* results) {
  GetTimeout(self, 0, results);
}
void wacc_host_p3_wasi_http_types_method_request_options_set_connect_timeout(uint32_t self, uint32_t durationCase,
                                                                             uint64_t duration1, uint64_t* results) {
  SetTimeout(self, 0, durationCase, duration1, results);
}
void wacc_host_p3_wasi_http_types_method_request_options_get_first_byte_timeout(uint32_t self, uint64_t* results) {
  GetTimeout(self, 1, results);
}
void wacc_host_p3_wasi_http_types_method_request_options_set_first_byte_timeout(uint32_t self, uint32_t durationCase,
                                                                                uint64_t duration1,
                                                                                uint64_t* results) {
  SetTimeout(self, 1, durationCase, duration1, results);
}
void wacc_host_p3_wasi_http_types_method_request_options_get_between_bytes_timeout(uint32_t self, uint64_t* results) {
  GetTimeout(self, 2, results);
}
void wacc_host_p3_wasi_http_types_method_request_options_set_between_bytes_timeout(uint32_t self,
                                                                                   uint32_t durationCase,
                                                                                   uint64_t duration1,
                                                                                   uint64_t* results) {
  SetTimeout(self, 2, durationCase, duration1, results);
}
void wacc_host_p3_wasi_http_types_method_request_options_clone(uint32_t self, uint64_t* results) {
  uint32_t rep = CreateHostObject(HostKind::kHttpP3RequestOptions);
  options(rep) = options(self);
  options(rep).immutable = 0;
  results[0] = rep;
}
void wacc_host_p3_wasi_http_types_resource_drop_request_options(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kHttpP3RequestOptions);
}

// ---- response --------------------------------------------------------------------------

void wacc_host_p3_wasi_http_types_static_response_new(uint32_t headers, uint32_t contentsCase, uint32_t contents1,
                                                      uint32_t trailers, uint64_t* results) {
  NewMessageResult(NewMessage(true), headers, contentsCase, contents1, trailers, results, false);
}

void wacc_host_p3_wasi_http_types_method_response_get_status_code(uint32_t self, uint64_t* results) {
  results[0] = response(self)->status;
}

void wacc_host_p3_wasi_http_types_method_response_set_status_code(uint32_t self, uint32_t statusCode,
                                                                  uint64_t* results) {
  results[0] = statusCode < 100 || statusCode > 599;
  if (!results[0]) response(self)->status = (uint16_t)statusCode;
}

void wacc_host_p3_wasi_http_types_method_response_get_headers(uint32_t self, uint64_t* results) {
  results[0] = NewFieldsHandle(response(self)->request->headers, true);
}

void wacc_host_p3_wasi_http_types_static_response_consume_body(uint32_t this_, uint32_t res, uint64_t* results) {
  ConsumeBody(TakeResponse(this_), res, results);
}

void wacc_host_p3_wasi_http_types_resource_drop_response(uint32_t rep) { FreeMessage(TakeResponse(rep)); }

}  // extern "C"
