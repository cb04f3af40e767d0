// wasi:http/types `fields` (headers and trailers). Names are stored
// lowercase, as Wasmtime's HeaderMap keeps them, so lookups compare bytes;
// values are kept as given. A handle may be immutable (the headers of an
// incoming request or response): changing it is `immutable`. Names that
// belong to the connection rather than the message (Wasmtime's default
// forbidden list) are `forbidden`.
#include "core/ResultArena.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {
namespace {

enum HeaderError : uint64_t { kInvalidSyntax = 0, kForbidden = 1, kImmutable = 2 };

struct FieldsHandle {
  FieldsData* data;
  uint8_t immutable;
};

FieldsHandle& fields(uint32_t rep) { return hostObject<FieldsHandle>(rep, HostKind::kHttpFields); }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

bool NameEquals(const FieldsData* data, const FieldEntry& e, const char* name, uint32_t length) {
  if (e.nameLength != length) return false;
  const uint8_t* stored = data->name(e);
  for (uint32_t i = 0; i < length; ++i)
    if ((char)stored[i] != Lower(name[i])) return false;
  return true;
}

bool Forbidden(const char* name, uint32_t length) {
  static const char* const kForbidden[] = {"connection", "keep-alive", "proxy-connection", "transfer-encoding",
                                           "upgrade",    "host",       "http2-settings",   "te"};
  for (const char* f : kForbidden) {
    uint32_t n = 0;
    while (f[n]) ++n;
    if (n != length) continue;
    bool same = true;
    for (uint32_t i = 0; i < n && same; ++i) same = Lower(name[i]) == f[i];
    if (same) return true;
  }
  return false;
}

void SetOk(uint64_t* results) { results[0] = 0, results[1] = 0; }
void SetError(uint64_t* results, HeaderError error) { results[0] = 1, results[1] = error; }

// Removes every entry named `name`.
void DeleteAll(FieldsData* data, const char* name, uint32_t length) {
  uint32_t kept = 0;
  for (uint32_t i = 0; i < data->count(); ++i) {
    if (NameEquals(data, *data->at(i), name, length)) continue;
    *data->at(kept++) = *data->at(i);
  }
  data->entries.size = kept * sizeof(FieldEntry);
}

// A mutation's checks, shared by set, delete and append.
bool CheckMutable(uint32_t self, const char* name, uint32_t length, uint64_t* results) {
  if (fields(self).immutable) return SetError(results, kImmutable), false;
  if (!ValidFieldName(name, length)) return SetError(results, kInvalidSyntax), false;
  if (Forbidden(name, length)) return SetError(results, kForbidden), false;
  return true;
}

}  // namespace

bool ValidFieldName(const char* name, uint32_t length) {
  if (length == 0) return false;
  for (uint32_t i = 0; i < length; ++i) {
    unsigned char c = (unsigned char)name[i];
    bool token = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!token) {
      switch (c) {
        case '!':
        case '#':
        case '$':
        case '%':
        case '&':
        case '\'':
        case '*':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~': token = true; break;
        default: break;
      }
    }
    if (!token) return false;
  }
  return true;
}

bool ValidFieldValue(const uint8_t* value, uint32_t length) {
  for (uint32_t i = 0; i < length; ++i) {
    uint8_t c = value[i];
    if (c == '\r' || c == '\n' || c == 0) return false;
  }
  return true;
}

FieldsData* NewFieldsData() {
  auto* data = static_cast<FieldsData*>(HeapAllocate(sizeof(FieldsData)));
  *data = FieldsData{};
  data->references = 1;
  return data;
}

void RetainFields(FieldsData* data) { ++data->references; }

void ReleaseFields(FieldsData* data) {
  if (!data || --data->references != 0) return;
  data->strings.release();
  data->entries.release();
  HeapFree(data, sizeof(FieldsData));
}

void AppendField(FieldsData* data, const char* name, uint32_t nameLength, const uint8_t* value, uint32_t valueLength) {
  FieldEntry e{data->strings.size, nameLength, 0, valueLength};
  uint8_t* lowered = data->strings.reserve(nameLength);
  for (uint32_t i = 0; i < nameLength; ++i) lowered[i] = (uint8_t)Lower(name[i]);
  data->strings.size += nameLength;
  e.valueOffset = data->strings.size;
  data->strings.append(value, valueLength);
  data->entries.append(&e, sizeof e);
}

uint32_t NewFieldsHandle(FieldsData* data, bool immutable) {
  uint32_t rep = CreateHostObject(HostKind::kHttpFields);
  RetainFields(data);
  fields(rep) = FieldsHandle{data, (uint8_t)immutable};
  return rep;
}

FieldsData* TakeFields(uint32_t rep) {
  FieldsData* data = fields(rep).data;
  DestroyHostObject(rep, HostKind::kHttpFields);
  return data;  // the handle's reference passes to the caller
}

}  // namespace wacc_rt::http

using namespace wacc_rt;
using namespace wacc_rt::http;

extern "C" void wacc_host_wasi_http_types_constructor_fields(uint64_t* results) {
  FieldsData* data = NewFieldsData();
  results[0] = NewFieldsHandle(data, false);
  ReleaseFields(data);
}

// entries: {name ptr, name len, value ptr, value len} per element.
extern "C" void wacc_host_wasi_http_types_static_fields_from_list(const uint64_t* entries, uint32_t entriesLength,
                                                                  uint64_t* results) {
  for (uint32_t i = 0; i < entriesLength; ++i) {
    const uint64_t* e = entries + 4 * i;
    const char* name = reinterpret_cast<const char*>(e[0]);
    if (!ValidFieldName(name, (uint32_t)e[1]) ||
        !ValidFieldValue(reinterpret_cast<const uint8_t*>(e[2]), (uint32_t)e[3]))
      return SetError(results, kInvalidSyntax);
    if (Forbidden(name, (uint32_t)e[1])) return SetError(results, kForbidden);
  }
  FieldsData* data = NewFieldsData();
  for (uint32_t i = 0; i < entriesLength; ++i) {
    const uint64_t* e = entries + 4 * i;
    AppendField(data, reinterpret_cast<const char*>(e[0]), (uint32_t)e[1], reinterpret_cast<const uint8_t*>(e[2]),
                (uint32_t)e[3]);
  }
  results[0] = 0;
  results[1] = NewFieldsHandle(data, false);
  ReleaseFields(data);
}

// The values point into the fields' own storage: the adapter copies them
// into the guest before anything can change it.
extern "C" void wacc_host_wasi_http_types_method_fields_get(uint32_t self, const char* name, uint32_t nameLength,
                                                            uint64_t* results) {
  FieldsData* data = fields(self).data;
  ResetResultArena();
  uint32_t matches = 0;
  for (uint32_t i = 0; i < data->count(); ++i) matches += NameEquals(data, *data->at(i), name, nameLength);
  uint64_t* values = AllocateResults<uint64_t>(matches ? 2 * matches : 1);
  uint32_t n = 0;
  for (uint32_t i = 0; i < data->count(); ++i) {
    const FieldEntry& e = *data->at(i);
    if (!NameEquals(data, e, name, nameLength)) continue;
    values[2 * n] = reinterpret_cast<uintptr_t>(data->value(e));
    values[2 * n + 1] = e.valueLength;
    ++n;
  }
  results[0] = reinterpret_cast<uintptr_t>(values);
  results[1] = matches;
}

extern "C" void wacc_host_wasi_http_types_method_fields_has(uint32_t self, const char* name, uint32_t nameLength,
                                                            uint64_t* results) {
  FieldsData* data = fields(self).data;
  results[0] = 0;
  for (uint32_t i = 0; i < data->count(); ++i)
    if (NameEquals(data, *data->at(i), name, nameLength)) results[0] = 1;
}

// value: {ptr, len} per element.
extern "C" void wacc_host_wasi_http_types_method_fields_set(uint32_t self, const char* name, uint32_t nameLength,
                                                            const uint64_t* value, uint32_t valueLength,
                                                            uint64_t* results) {
  if (!CheckMutable(self, name, nameLength, results)) return;
  for (uint32_t i = 0; i < valueLength; ++i)
    if (!ValidFieldValue(reinterpret_cast<const uint8_t*>(value[2 * i]), (uint32_t)value[2 * i + 1]))
      return SetError(results, kInvalidSyntax);
  FieldsData* data = fields(self).data;
  DeleteAll(data, name, nameLength);
  for (uint32_t i = 0; i < valueLength; ++i)
    AppendField(data, name, nameLength, reinterpret_cast<const uint8_t*>(value[2 * i]), (uint32_t)value[2 * i + 1]);
  SetOk(results);
}

extern "C" void wacc_host_wasi_http_types_method_fields_delete(uint32_t self, const char* name, uint32_t nameLength,
                                                               uint64_t* results) {
  if (!CheckMutable(self, name, nameLength, results)) return;
  DeleteAll(fields(self).data, name, nameLength);
  SetOk(results);
}

extern "C" void wacc_host_wasi_http_types_method_fields_append(uint32_t self, const char* name, uint32_t nameLength,
                                                               const void* value, uint32_t valueLength,
                                                               uint64_t* results) {
  if (!CheckMutable(self, name, nameLength, results)) return;
  const auto* bytes = static_cast<const uint8_t*>(value);
  if (!ValidFieldValue(bytes, valueLength)) return SetError(results, kInvalidSyntax);
  AppendField(fields(self).data, name, nameLength, bytes, valueLength);
  SetOk(results);
}

extern "C" void wacc_host_wasi_http_types_method_fields_entries(uint32_t self, uint64_t* results) {
  FieldsData* data = fields(self).data;
  ResetResultArena();
  uint32_t count = data->count();
  uint64_t* out = AllocateResults<uint64_t>(count ? 4 * count : 1);
  for (uint32_t i = 0; i < count; ++i) {
    const FieldEntry& e = *data->at(i);
    out[4 * i] = reinterpret_cast<uintptr_t>(data->name(e));
    out[4 * i + 1] = e.nameLength;
    out[4 * i + 2] = reinterpret_cast<uintptr_t>(data->value(e));
    out[4 * i + 3] = e.valueLength;
  }
  results[0] = reinterpret_cast<uintptr_t>(out);
  results[1] = count;
}

// A clone is a new, mutable list with the same entries.
extern "C" void wacc_host_wasi_http_types_method_fields_clone(uint32_t self, uint64_t* results) {
  FieldsData* source = fields(self).data;
  FieldsData* copy = NewFieldsData();
  for (uint32_t i = 0; i < source->count(); ++i) {
    const FieldEntry& e = *source->at(i);
    AppendField(copy, reinterpret_cast<const char*>(source->name(e)), e.nameLength, source->value(e), e.valueLength);
  }
  results[0] = NewFieldsHandle(copy, false);
  ReleaseFields(copy);
}

extern "C" void wacc_host_wasi_http_types_resource_drop_fields(uint32_t rep) { ReleaseFields(TakeFields(rep)); }
