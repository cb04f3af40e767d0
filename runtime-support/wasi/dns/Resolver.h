// The runtime's stub resolver: a host name to its IP addresses, shared by
// wasi:sockets/ip-name-lookup (0.2, and 0.3 through it) and the wasi:http
// client. Freestanding like the rest of the runtime: no libc, no NSS, raw
// system calls. How a name is looked up is described in Resolver.cpp.
//
// The caller checks the network capability (--inherit-network) first:
// resolving may send DNS queries.
#pragma once

#include <stdint.h>

namespace wacc_rt::dns {

struct IpAddress {
  uint8_t isV6;
  uint8_t bytes[16];  // IPv4 uses the first 4
};

// The most addresses one lookup returns (more are dropped).
inline constexpr uint32_t kMaxAddresses = 32;

struct AddressList {
  uint32_t count;
  IpAddress items[kMaxAddresses];
  // Appends `address` unless it is already there or the list is full.
  void add(const IpAddress& address);
};

// How a lookup ended, in wasi:sockets' terms (getaddrinfo's EAI_NONAME,
// EAI_AGAIN and EAI_FAIL).
enum class Outcome : uint8_t {
  kOk,                // at least one address
  kNameUnresolvable,  // NXDOMAIN, or no A/AAAA records (NODATA)
  kTemporaryFailure,  // no answer in time, SERVFAIL, a network error
  kPermanentFailure,  // REFUSED, FORMERR, NOTIMP, an unusable answer
};

// A numeric address: a dotted quad, or RFC 4291 IPv6 text, bare or in
// brackets. Nothing else (no "1.2.3" shorthand, no zone index).
bool ParseIpAddress(const char* text, uint32_t length, IpAddress* out);

// Whether `name` is a host name the resolver would look up: 1..253
// characters of letters, digits, '-', '_' and '.', no empty label except a
// final dot, labels of at most 63.
bool IsValidHostName(const char* name, uint32_t length);

// Resolves `name` (a numeric address or a valid host name) into `out`:
// numeric addresses to themselves, then /etc/hosts, then the special names
// (localhost, *.invalid), then DNS to the nameservers of resolv.conf.
// /etc/hosts addresses are in file order; DNS ones are the A records then
// the AAAA ones, each in the answer's order.
Outcome Resolve(const char* name, uint32_t length, AddressList& out);

}  // namespace wacc_rt::dns
