// wasi:http/types requests: incoming-request (made by the server for each
// request it reads), outgoing-request (made by the guest for
// outgoing-handler) and request-options. Both requests share RequestData:
// method, scheme, path and authority as strings on the heap, the headers
// (FieldsData) and the body (BodyData, created when body()/consume() is
// first called, or by the server).
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {
namespace {

struct RequestHandle {
  RequestData* request;
};

struct RequestOptions {
  uint8_t hasConnect, hasFirstByte, hasBetweenBytes;
  uint64_t connect, firstByte, betweenBytes;
};

RequestData* incomingRequest(uint32_t rep) {
  return hostObject<RequestHandle>(rep, HostKind::kHttpIncomingRequest).request;
}
RequestData* outgoingRequest(uint32_t rep) {
  return hostObject<RequestHandle>(rep, HostKind::kHttpOutgoingRequest).request;
}
RequestOptions& requestOptions(uint32_t rep) { return hostObject<RequestOptions>(rep, HostKind::kHttpRequestOptions); }

void SetString(uint64_t* slots, const ByteBuffer& text) {
  slots[0] = reinterpret_cast<uintptr_t>(text.data ? text.data : reinterpret_cast<const uint8_t*>(""));
  slots[1] = text.size;
}

void GetMethod(const RequestData* r, uint64_t* results) {
  results[0] = r->method;
  if (r->method == kOtherMethod) SetString(results + 1, r->otherMethod);
}

void GetOptionString(uint8_t has, const ByteBuffer& text, uint64_t* results) {
  results[0] = has;
  if (has) SetString(results + 1, text);
}

void GetScheme(const RequestData* r, uint64_t* results) {
  results[0] = r->hasScheme;
  if (!r->hasScheme) return;
  results[1] = r->scheme;
  if (r->scheme == kOtherScheme) SetString(results + 2, r->otherScheme);
}

void Assign(ByteBuffer& buffer, const char* text, uint32_t length) {
  buffer.clear();
  buffer.append(text, length);
}

// RFC 9110 method token; the named methods are their own cases.
bool ValidMethodToken(const char* text, uint32_t length) { return ValidFieldName(text, length); }

// A path-with-query must start with '/' (or be '*') and hold no spaces or
// controls; an authority no '/', spaces or controls.
bool ValidPath(const char* text, uint32_t length) {
  if (length == 0 || (text[0] != '/' && !(length == 1 && text[0] == '*'))) return false;
  for (uint32_t i = 0; i < length; ++i)
    if ((unsigned char)text[i] <= ' ' || text[i] == 0x7f || text[i] == '#') return false;
  return true;
}

bool ValidAuthority(const char* text, uint32_t length) {
  for (uint32_t i = 0; i < length; ++i)
    if ((unsigned char)text[i] <= ' ' || text[i] == 0x7f || text[i] == '/' || text[i] == '@') return false;
  return true;
}

void GetBody(RequestData* r, uint64_t* results, bool incoming) {
  if (r->bodyTaken) {
    results[0] = 1;
    return;
  }
  r->bodyTaken = 1;
  if (!r->body) {
    r->body = NewBodyData();
    if (incoming) r->body->finished = 1;
  }
  results[0] = 0;
  results[1] = incoming ? NewIncomingBody(r->body) : NewOutgoingBody(r->body);
}

void SetOptionalDuration(uint8_t& has, uint64_t& value, uint32_t durationCase, uint64_t duration, uint64_t* results) {
  has = durationCase == 1;
  value = duration;
  results[0] = 0;
}

void GetOptionalDuration(uint8_t has, uint64_t value, uint64_t* results) {
  results[0] = has;
  results[1] = value;
}

}  // namespace

bool ValidScheme(const char* text, uint32_t length) {
  if (length == 0) return false;
  for (uint32_t i = 0; i < length; ++i) {
    char c = text[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

RequestData* NewRequestData() {
  auto* r = static_cast<RequestData*>(HeapAllocate(sizeof(RequestData)));
  *r = RequestData{};
  return r;
}

void FreeRequestData(RequestData* r) {
  if (!r) return;
  r->otherMethod.release();
  r->path.release();
  r->otherScheme.release();
  r->authority.release();
  ReleaseFields(r->headers);
  ReleaseBody(r->body);
  HeapFree(r, sizeof(RequestData));
}

uint32_t NewIncomingRequest(RequestData* request) {
  uint32_t rep = CreateHostObject(HostKind::kHttpIncomingRequest);
  hostObject<RequestHandle>(rep, HostKind::kHttpIncomingRequest).request = request;
  return rep;
}

RequestData* TakeOutgoingRequest(uint32_t rep) {
  RequestData* r = outgoingRequest(rep);
  DestroyHostObject(rep, HostKind::kHttpOutgoingRequest);
  return r;
}

}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

// ---- incoming-request ----------------------------------------------------------------

extern "C" void wacc_host_wasi_http_types_method_incoming_request_method(uint32_t self, uint64_t* results) {
  GetMethod(incomingRequest(self), results);
}

extern "C" void wacc_host_wasi_http_types_method_incoming_request_path_with_query(uint32_t self, uint64_t* results) {
  RequestData* r = incomingRequest(self);
  GetOptionString(r->hasPath, r->path, results);
}

extern "C" void wacc_host_wasi_http_types_method_incoming_request_scheme(uint32_t self, uint64_t* results) {
  GetScheme(incomingRequest(self), results);
}

extern "C" void wacc_host_wasi_http_types_method_incoming_request_authority(uint32_t self, uint64_t* results) {
  RequestData* r = incomingRequest(self);
  GetOptionString(r->hasAuthority, r->authority, results);
}

extern "C" void wacc_host_wasi_http_types_method_incoming_request_headers(uint32_t self, uint64_t* results) {
  RequestData* r = incomingRequest(self);
  if (!r->headers) r->headers = NewFieldsData();
  results[0] = NewFieldsHandle(r->headers, true);
}

extern "C" void wacc_host_wasi_http_types_method_incoming_request_consume(uint32_t self, uint64_t* results) {
  GetBody(incomingRequest(self), results, true);
}

extern "C" void wacc_host_wasi_http_types_resource_drop_incoming_request(uint32_t rep) {
  FreeRequestData(incomingRequest(rep));
  DestroyHostObject(rep, HostKind::kHttpIncomingRequest);
}

// ---- outgoing-request: GET, no scheme, path or authority until set ---------------------

extern "C" void wacc_host_wasi_http_types_constructor_outgoing_request(uint32_t headers, uint64_t* results) {
  RequestData* r = NewRequestData();
  r->headers = TakeFields(headers);
  uint32_t rep = CreateHostObject(HostKind::kHttpOutgoingRequest);
  hostObject<RequestHandle>(rep, HostKind::kHttpOutgoingRequest).request = r;
  results[0] = rep;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_body(uint32_t self, uint64_t* results) {
  GetBody(outgoingRequest(self), results, false);
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_method(uint32_t self, uint64_t* results) {
  GetMethod(outgoingRequest(self), results);
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_set_method(uint32_t self, uint32_t methodCase,
                                                                             const char* method1, uint32_t method2,
                                                                             uint64_t* results) {
  RequestData* r = outgoingRequest(self);
  results[0] = 1;
  if (methodCase == kOtherMethod) {
    if (!ValidMethodToken(method1, method2)) return;
    Assign(r->otherMethod, method1, method2);
  }
  r->method = (Method)methodCase;
  results[0] = 0;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_path_with_query(uint32_t self, uint64_t* results) {
  RequestData* r = outgoingRequest(self);
  GetOptionString(r->hasPath, r->path, results);
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_set_path_with_query(
    uint32_t self, uint32_t pathWithQueryCase, const char* pathWithQuery1, uint32_t pathWithQuery2, uint64_t* results) {
  RequestData* r = outgoingRequest(self);
  results[0] = 1;
  if (pathWithQueryCase == 1) {
    if (!ValidPath(pathWithQuery1, pathWithQuery2)) return;
    Assign(r->path, pathWithQuery1, pathWithQuery2);
  }
  r->hasPath = (uint8_t)pathWithQueryCase;
  results[0] = 0;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_scheme(uint32_t self, uint64_t* results) {
  GetScheme(outgoingRequest(self), results);
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_set_scheme(uint32_t self, uint32_t schemeCase,
                                                                             uint32_t scheme1, const char* scheme2,
                                                                             uint32_t scheme3, uint64_t* results) {
  RequestData* r = outgoingRequest(self);
  results[0] = 1;
  if (schemeCase == 1 && scheme1 == kOtherScheme) {
    if (!ValidScheme(scheme2, scheme3)) return;
    Assign(r->otherScheme, scheme2, scheme3);
  }
  r->hasScheme = (uint8_t)schemeCase;
  if (schemeCase == 1) r->scheme = (Scheme)scheme1;
  results[0] = 0;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_authority(uint32_t self, uint64_t* results) {
  RequestData* r = outgoingRequest(self);
  GetOptionString(r->hasAuthority, r->authority, results);
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_set_authority(uint32_t self, uint32_t authorityCase,
                                                                                const char* authority1,
                                                                                uint32_t authority2,
                                                                                uint64_t* results) {
  RequestData* r = outgoingRequest(self);
  results[0] = 1;
  if (authorityCase == 1) {
    if (!ValidAuthority(authority1, authority2)) return;
    Assign(r->authority, authority1, authority2);
  }
  r->hasAuthority = (uint8_t)authorityCase;
  results[0] = 0;
}

extern "C" void wacc_host_wasi_http_types_method_outgoing_request_headers(uint32_t self, uint64_t* results) {
  RequestData* r = outgoingRequest(self);
  results[0] = NewFieldsHandle(r->headers, false);
}

extern "C" void wacc_host_wasi_http_types_resource_drop_outgoing_request(uint32_t rep) {
  FreeRequestData(outgoingRequest(rep));
  DestroyHostObject(rep, HostKind::kHttpOutgoingRequest);
}

// ---- request-options: their timeouts, which handle() takes (OutgoingHandler.cpp) ---------

Timeouts wacc_rt::http::RequestOptionsTimeouts(uint32_t rep) {
  const RequestOptions& o = requestOptions(rep);
  return Timeouts{{o.hasConnect, o.hasFirstByte, o.hasBetweenBytes}, {o.connect, o.firstByte, o.betweenBytes}};
}


extern "C" void wacc_host_wasi_http_types_constructor_request_options(uint64_t* results) {
  results[0] = CreateHostObject(HostKind::kHttpRequestOptions);
}

extern "C" void wacc_host_wasi_http_types_method_request_options_connect_timeout(uint32_t self, uint64_t* results) {
  RequestOptions& o = requestOptions(self);
  GetOptionalDuration(o.hasConnect, o.connect, results);
}

extern "C" void wacc_host_wasi_http_types_method_request_options_set_connect_timeout(uint32_t self,
                                                                                     uint32_t durationCase,
                                                                                     uint64_t duration1,
                                                                                     uint64_t* results) {
  RequestOptions& o = requestOptions(self);
  SetOptionalDuration(o.hasConnect, o.connect, durationCase, duration1, results);
}

extern "C" void wacc_host_wasi_http_types_method_request_options_first_byte_timeout(uint32_t self, uint64_t* results) {
  RequestOptions& o = requestOptions(self);
  GetOptionalDuration(o.hasFirstByte, o.firstByte, results);
}

extern "C" void wacc_host_wasi_http_types_method_request_options_set_first_byte_timeout(uint32_t self,
                                                                                        uint32_t durationCase,
                                                                                        uint64_t duration1,
                                                                                        uint64_t* results) {
  RequestOptions& o = requestOptions(self);
  SetOptionalDuration(o.hasFirstByte, o.firstByte, durationCase, duration1, results);
}

extern "C" void wacc_host_wasi_http_types_method_request_options_between_bytes_timeout(uint32_t self,
                                                                                       uint64_t* results) {
  RequestOptions& o = requestOptions(self);
  GetOptionalDuration(o.hasBetweenBytes, o.betweenBytes, results);
}

extern "C" void wacc_host_wasi_http_types_method_request_options_set_between_bytes_timeout(uint32_t self,
                                                                                           uint32_t durationCase,
                                                                                           uint64_t duration1,
                                                                                           uint64_t* results) {
  RequestOptions& o = requestOptions(self);
  SetOptionalDuration(o.hasBetweenBytes, o.betweenBytes, durationCase, duration1, results);
}

extern "C" void wacc_host_wasi_http_types_resource_drop_request_options(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kHttpRequestOptions);
}
