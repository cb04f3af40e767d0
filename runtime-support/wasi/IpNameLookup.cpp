// wasi:sockets/ip-name-lookup without a DNS client: numeric IPv4 and IPv6
// addresses (an IPv6 one may be in brackets) resolve to themselves, names
// through /etc/hosts (read with raw syscalls), and "localhost" (and
// *.localhost, RFC 6761) to 127.0.0.1 and ::1 when /etc/hosts does not
// name it. Anything else is name-unresolvable. The lookup runs inside
// resolve-addresses; its outcome is reported by resolve-next-address, the
// way the WIT spreads the errors. Without --inherit-network,
// resolve-addresses fails with access-denied (wasmtime says
// permanent-resolver-failure; access-denied says why).
#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Sockets.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

// The most addresses one lookup keeps (all fit in the host object).
constexpr unsigned kMaxAddresses = 3;
constexpr uint32_t kMaxNameLength = 253;
// /etc/hosts beyond this is ignored.
constexpr uint32_t kMaxHostsFile = 64 * 1024;

struct IpAddress {
  bool isV6;
  uint8_t bytes[16];  // IPv4 uses the first 4
};

struct ResolveStream {
  uint8_t count;
  uint8_t next;
  uint8_t error;   // an error-code case + 1, or 0
  uint8_t v6Mask;  // bit i: address i is IPv6
  uint8_t bytes[kMaxAddresses][16];
};

ResolveStream& resolveStream(uint32_t rep) { return hostObject<ResolveStream>(rep, HostKind::kResolveAddressStream); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

// Dotted-quad IPv4 into out[0..4); exactly four decimal parts of 0..255.
bool ParseIpv4(const char* text, uint32_t length, uint8_t* out) {
  uint32_t at = 0;
  for (unsigned part = 0; part < 4; ++part) {
    if (part != 0) {
      if (at >= length || text[at] != '.') return false;
      ++at;
    }
    uint32_t value = 0, digits = 0;
    while (at < length && IsDigit(text[at]) && digits < 4) {
      value = value * 10 + (uint32_t)(text[at++] - '0');
      ++digits;
    }
    if (digits == 0 || digits > 3 || value > 255) return false;
    out[part] = (uint8_t)value;
  }
  return at == length;
}

// RFC 4291 text form (with "::" and an optional trailing dotted quad).
bool ParseIpv6(const char* text, uint32_t length, uint8_t* out) {
  uint16_t groups[8] = {};
  int count = 0, gap = -1;
  uint32_t at = 0;
  if (length >= 2 && text[0] == ':' && text[1] == ':') {
    gap = 0;
    at = 2;
  }
  while (at < length) {
    if (count == 8) return false;
    // A trailing dotted quad fills the last two groups.
    uint32_t end = at;
    while (end < length && text[end] != ':') ++end;
    bool hasDot = false;
    for (uint32_t i = at; i < end; ++i) hasDot |= text[i] == '.';
    if (hasDot) {
      uint8_t quad[4];
      if (end != length || count > 6 || !ParseIpv4(text + at, end - at, quad)) return false;
      groups[count++] = (uint16_t)(quad[0] << 8 | quad[1]);
      groups[count++] = (uint16_t)(quad[2] << 8 | quad[3]);
      at = end;
      break;
    }
    if (end == at || end - at > 4) return false;
    uint32_t value = 0;
    for (uint32_t i = at; i < end; ++i) {
      int digit = HexValue(text[i]);
      if (digit < 0) return false;
      value = value * 16 + (uint32_t)digit;
    }
    groups[count++] = (uint16_t)value;
    at = end;
    if (at == length) break;
    ++at;  // the ':'
    if (at < length && text[at] == ':') {
      if (gap >= 0) return false;
      gap = count;
      ++at;
    } else if (at == length) {
      return false;  // a trailing single ':'
    }
  }
  if (gap < 0 && count != 8) return false;
  if (gap >= 0 && count > 7) return false;
  int fill = 8 - count;
  for (int i = 0, g = 0; i < 8; ++i) {
    uint16_t value = 0;
    if (gap >= 0 && i >= gap && i < gap + fill)
      value = 0;
    else
      value = groups[g++];
    out[2 * i] = (uint8_t)(value >> 8);
    out[2 * i + 1] = (uint8_t)value;
  }
  return true;
}

bool ParseAddress(const char* text, uint32_t length, IpAddress* address) {
  for (uint8_t& byte : address->bytes) byte = 0;
  address->isV6 = false;
  if (ParseIpv4(text, length, address->bytes)) return true;
  address->isV6 = true;
  if (length >= 2 && text[0] == '[' && text[length - 1] == ']') return ParseIpv6(text + 1, length - 2, address->bytes);
  return ParseIpv6(text, length, address->bytes);
}

// A syntactically valid host name: labels of letters, digits, '-' and '_'.
bool IsValidName(const char* name, uint32_t length) {
  if (length == 0 || length > kMaxNameLength) return false;
  for (uint32_t i = 0; i < length; ++i) {
    char c = name[i];
    bool ok = IsDigit(c) || (Lower(c) >= 'a' && Lower(c) <= 'z') || c == '-' || c == '.' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool SameName(const char* a, uint32_t aLength, const char* b, uint32_t bLength) {
  if (aLength != bLength) return false;
  for (uint32_t i = 0; i < aLength; ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

void Add(ResolveStream& stream, const IpAddress& address) {
  for (unsigned i = 0; i < stream.count; ++i) {
    bool same = ((stream.v6Mask >> i) & 1) == (address.isV6 ? 1 : 0);
    for (unsigned b = 0; b < 16 && same; ++b) same = stream.bytes[i][b] == address.bytes[b];
    if (same) return;
  }
  if (stream.count == kMaxAddresses) return;
  for (unsigned b = 0; b < 16; ++b) stream.bytes[stream.count][b] = address.bytes[b];
  if (address.isV6) stream.v6Mask |= (uint8_t)(1u << stream.count);
  ++stream.count;
}

alignas(8) char gHostsFile[kMaxHostsFile];

// Reads /etc/hosts into gHostsFile; its length, or 0 when unreadable.
uint32_t ReadHostsFile() {
  long fd = Sys(arch::kSysOpenat, kAtFdCwd, (long)"/etc/hosts", kOpenReadOnly | kOpenCloexec);
  if (fd < 0) return 0;
  uint32_t length = 0;
  while (length < kMaxHostsFile) {
    long got = RetryInterrupted([&] { return SysRead((int)fd, gHostsFile + length, kMaxHostsFile - length); });
    if (got <= 0) break;
    length += (uint32_t)got;
  }
  CloseFd((int)fd);
  return length;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Adds the address of every /etc/hosts line naming `name`.
void LookUpHostsFile(const char* name, uint32_t nameLength, ResolveStream& stream) {
  uint32_t length = ReadHostsFile();
  uint32_t at = 0;
  while (at < length) {
    uint32_t lineEnd = at;
    while (lineEnd < length && gHostsFile[lineEnd] != '\n' && gHostsFile[lineEnd] != '#') ++lineEnd;
    // Tokens of the line: the address, then its names.
    IpAddress address;
    bool haveAddress = false, first = true;
    uint32_t cursor = at;
    while (cursor < lineEnd) {
      while (cursor < lineEnd && IsSpace(gHostsFile[cursor])) ++cursor;
      uint32_t start = cursor;
      while (cursor < lineEnd && !IsSpace(gHostsFile[cursor])) ++cursor;
      if (cursor == start) break;
      if (first) {
        haveAddress = ParseAddress(gHostsFile + start, cursor - start, &address);
        first = false;
        if (!haveAddress) break;
      } else if (SameName(gHostsFile + start, cursor - start, name, nameLength)) {
        Add(stream, address);
      }
    }
    while (lineEnd < length && gHostsFile[lineEnd] != '\n') ++lineEnd;
    at = lineEnd + 1;
  }
}

bool IsLocalhost(const char* name, uint32_t length) {
  const char kSuffix[] = ".localhost";
  const uint32_t suffixLength = sizeof(kSuffix) - 1;
  if (SameName(name, length, "localhost", 9)) return true;
  return length > suffixLength && SameName(name + length - suffixLength, suffixLength, kSuffix, suffixLength);
}

void Resolve(const char* name, uint32_t length, ResolveStream& stream) {
  IpAddress address;
  if (ParseAddress(name, length, &address)) return Add(stream, address);
  LookUpHostsFile(name, length, stream);
  if (stream.count == 0 && IsLocalhost(name, length)) {
    IpAddress loopback{};
    loopback.bytes[0] = 127, loopback.bytes[3] = 1;
    Add(stream, loopback);
    IpAddress loopback6{};
    loopback6.isV6 = true, loopback6.bytes[15] = 1;
    Add(stream, loopback6);
  }
  if (stream.count == 0) stream.error = kSockNameUnresolvable + 1;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_sockets_ip_name_lookup_resolve_addresses(uint32_t network, const char* name,
                                                                        uint32_t length, uint64_t* results) {
  HostObjectPayload(network, HostKind::kNetwork);
  if (!NetworkGranted()) return SetSocketError(results, kSockAccessDenied);
  IpAddress numeric;
  if (!ParseAddress(name, length, &numeric) && !IsValidName(name, length))
    return SetSocketError(results, kSockInvalidArgument);
  uint32_t rep = CreateHostObject(HostKind::kResolveAddressStream);
  Resolve(name, length, resolveStream(rep));
  SetSocketOk(results, rep);
}

// result<option<ip-address>, error-code>: [0] disc, [1] option disc or the
// error, [2] 0 ipv4 / 1 ipv6, [3..10] the octets or the segments.
extern "C" void wacc_host_wasi_sockets_ip_name_lookup_method_resolve_address_stream_resolve_next_address(
    uint32_t self, uint64_t* results) {
  ResolveStream& stream = resolveStream(self);
  for (unsigned i = 0; i < 11; ++i) results[i] = 0;
  if (stream.error != 0) return SetSocketError(results, stream.error - 1u);
  if (stream.next == stream.count) return SetSocketOk(results, 0);
  unsigned index = stream.next++;
  const uint8_t* bytes = stream.bytes[index];
  results[1] = 1;
  if ((stream.v6Mask >> index) & 1) {
    results[2] = kFamilyIpv6;
    for (unsigned i = 0; i < 8; ++i) results[3 + i] = (uint64_t)bytes[2 * i] << 8 | bytes[2 * i + 1];
  } else {
    results[2] = kFamilyIpv4;
    for (unsigned i = 0; i < 4; ++i) results[3 + i] = bytes[i];
  }
}

// The lookup is already done: its pollable is always ready.
extern "C" void wacc_host_wasi_sockets_ip_name_lookup_method_resolve_address_stream_subscribe(uint32_t self,
                                                                                              uint64_t* results) {
  resolveStream(self);
  results[0] = NewReadyPollable();
}

extern "C" void wacc_host_wasi_sockets_ip_name_lookup_resource_drop_resolve_address_stream(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kResolveAddressStream);
}
