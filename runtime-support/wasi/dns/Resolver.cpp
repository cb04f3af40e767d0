// How the runtime turns a host name into addresses, without libc's
// getaddrinfo (there is no libc) but to the same effect for the common
// Linux set-up (NSS "hosts: files dns"):
//
//  1. A numeric address (dotted quad, IPv6 text, bracketed IPv6) is itself.
//  2. /etc/hosts (HostsFile.cpp): every line naming it, in file order.
//  3. Names that never reach DNS: "localhost" and *.localhost are the
//     loopback addresses (RFC 6761 6.3) when /etc/hosts does not say, and
//     *.invalid (6.4) and names whose last label is numeric (never a top
//     level domain; "1.2.3" is not taken for an address) do not exist.
//  4. DNS (DnsExchange.cpp) to the nameservers of resolv.conf
//     (ResolvConf.cpp), A and AAAA together. A name with fewer dots than
//     `ndots` is tried with each `search` domain appended first and then as
//     it is; one with more, as it is first; one with a final dot, only as
//     it is. The first candidate that has addresses answers. The whole
//     lookup is bounded: timeout × attempts × servers, 30 seconds at most,
//     whatever the number of candidates.
//
// It answers synchronously: wasi:sockets' resolve-addresses returns once
// the answer is in, and its pollable is ready at once (IpNameLookup.cpp).
// Nothing is cached; resolv.conf and /etc/hosts are read for every lookup,
// so a change to either is seen by the next one, as with glibc.
#include "wasi/Streams.h"
#include "wasi/dns/Internal.h"

namespace wacc_rt::dns {
namespace {

constexpr uint64_t kNanosecondsPerSecond = 1000000000;
constexpr uint64_t kMaxLookupSeconds = 30;

alignas(8) ResolverConfig gConfig;
char gCandidate[kMaxSearchBytes + 256];

bool EndsWith(const char* name, uint32_t length, const char* suffix, uint32_t suffixLength) {
  return length > suffixLength && SameName(name + length - suffixLength, suffixLength, suffix, suffixLength);
}

bool IsLocalhost(const char* name, uint32_t length) {
  return SameName(name, length, "localhost", 9) || EndsWith(name, length, ".localhost", 10);
}

bool NeverExists(const char* name, uint32_t length) {
  if (SameName(name, length, "invalid", 7) || EndsWith(name, length, ".invalid", 8)) return true;
  uint32_t start = length;
  while (start > 0 && name[start - 1] != '.') --start;
  for (uint32_t i = start; i < length; ++i)
    if (!IsDigit(name[i])) return false;
  return true;
}

// Looks `name` up with `suffix` appended (when not null).
Outcome TryCandidate(const char* name, uint32_t length, const char* suffix, uint64_t deadline, AddressList& out) {
  if (!suffix) return QueryName(gConfig, name, length, deadline, out);
  uint32_t suffixLength = 0;
  while (suffix[suffixLength]) ++suffixLength;
  if (length + 1 + suffixLength > sizeof gCandidate) return Outcome::kNameUnresolvable;
  __builtin_memcpy(gCandidate, name, length);
  gCandidate[length] = '.';
  __builtin_memcpy(gCandidate + length + 1, suffix, suffixLength);
  return QueryName(gConfig, gCandidate, length + 1 + suffixLength, deadline, out);
}

}  // namespace

Outcome Resolve(const char* name, uint32_t length, AddressList& out) {
  out.count = 0;
  IpAddress numeric;
  if (ParseIpAddress(name, length, &numeric)) {
    out.add(numeric);
    return Outcome::kOk;
  }
  LookUpHostsFile(name, length, out);
  if (out.count) return Outcome::kOk;
  uint32_t bare = length > 1 && name[length - 1] == '.' ? length - 1 : length;
  if (IsLocalhost(name, bare)) {
    IpAddress loopback{};
    loopback.bytes[0] = 127, loopback.bytes[3] = 1;
    out.add(loopback);
    IpAddress loopback6{};
    loopback6.isV6 = 1, loopback6.bytes[15] = 1;
    out.add(loopback6);
    return Outcome::kOk;
  }
  if (NeverExists(name, bare)) return Outcome::kNameUnresolvable;

  LoadResolverConfig(gConfig);
  uint64_t budget = (uint64_t)gConfig.timeoutSeconds * gConfig.attempts * gConfig.serverCount;
  if (budget > kMaxLookupSeconds) budget = kMaxLookupSeconds;
  uint64_t deadline = MonotonicNow() + budget * kNanosecondsPerSecond;

  bool absolute = name[length - 1] == '.';
  uint32_t dots = 0;
  for (uint32_t i = 0; i < length; ++i) dots += name[i] == '.';
  bool asIsFirst = absolute || dots >= gConfig.ndots;
  // Without a success, the answer is the first failure other than
  // name-unresolvable (a server that could not say is not a "no").
  Outcome result = Outcome::kNameUnresolvable;
  auto consider = [&](Outcome outcome) {
    if (result == Outcome::kNameUnresolvable) result = outcome;
    return outcome == Outcome::kOk;
  };
  if (asIsFirst && consider(TryCandidate(name, length, nullptr, deadline, out))) return Outcome::kOk;
  if (!absolute) {
    const char* suffix = gConfig.search;
    for (uint32_t i = 0; i < gConfig.searchCount; ++i) {
      if (MonotonicNow() >= deadline) break;
      if (consider(TryCandidate(name, length, suffix, deadline, out))) return Outcome::kOk;
      while (*suffix) ++suffix;
      ++suffix;
    }
  }
  if (!asIsFirst && MonotonicNow() < deadline && consider(TryCandidate(name, length, nullptr, deadline, out)))
    return Outcome::kOk;
  return result;
}

}  // namespace wacc_rt::dns
