// What the resolver's files share behind Resolver.h: resolv.conf's
// settings, the DNS message format and the exchange with a nameserver.
#pragma once

#include <stdint.h>

#include "wasi/Linux.h"
#include "wasi/dns/Resolver.h"

namespace wacc_rt::dns {

inline char Lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool SameName(const char* a, uint32_t aLength, const char* b, uint32_t bLength);

// ---- resolv.conf (ResolvConf.cpp) ---------------------------------------------

inline constexpr uint32_t kMaxNameservers = 3;  // as glibc (MAXNS)
inline constexpr uint32_t kMaxSearchBytes = 256;

struct ResolverConfig {
  linux_abi::Sockaddr servers[kMaxNameservers];
  uint32_t serverCount;
  // The search domains, each NUL-terminated, one after another.
  char search[kMaxSearchBytes];
  uint32_t searchCount;
  uint32_t ndots;           // options ndots:N (default 1)
  uint32_t timeoutSeconds;  // options timeout:N, per try (default 5)
  uint32_t attempts;        // options attempts:N, rounds over the servers (default 2)
};

// Reads $WACC_RESOLV_CONF, or /etc/resolv.conf, then $RES_OPTIONS.
// Without a nameserver line the server is 127.0.0.1, as for glibc.
void LoadResolverConfig(ResolverConfig& config);

// ---- /etc/hosts (HostsFile.cpp) -------------------------------------------------

// Reads up to `capacity` bytes of `path` into `buffer`: the length, or -1
// when the file cannot be opened.
long ReadSmallFile(const char* path, char* buffer, uint32_t capacity);

// Adds the address of every /etc/hosts line naming `name`.
void LookUpHostsFile(const char* name, uint32_t length, AddressList& out);

// ---- messages (DnsMessage.cpp) ---------------------------------------------------

inline constexpr uint16_t kTypeA = 1, kTypeCname = 5, kTypeAaaa = 28;
inline constexpr uint32_t kMaxUdpMessage = 512;  // no EDNS: larger answers come truncated
inline constexpr uint32_t kMaxMessage = 65535;

// A query for `name` (dotted, an optional final dot) with recursion
// desired; its length, or 0 if the name does not fit a DNS name.
uint32_t BuildQuery(uint8_t* out, uint16_t id, const char* name, uint32_t length, uint16_t type);

enum class AnswerKind : uint8_t {
  kMismatch,   // not the answer to this query (id or question differ): ignore it
  kTruncated,  // TC set: ask again over TCP
  kAddresses,  // NOERROR with addresses (added to the list)
  kNoData,     // NOERROR without an address of the type
  kNxDomain,
  kServFail,   // SERVFAIL: another server may do better
  kRefused,    // REFUSED, FORMERR, NOTIMP and other codes
  kMalformed,  // claims to answer but does not parse
};

// Checks `message` against the query (`query`, `queryLength`: what was
// sent) and adds the addresses it gives for the name, following CNAME
// records in the answer section.
AnswerKind ParseAnswer(const uint8_t* message, uint32_t length, const uint8_t* query, uint32_t queryLength,
                       AddressList& out);

// ---- the exchange (DnsExchange.cpp) --------------------------------------------------

// Asks the configured servers for the A and AAAA records of `name`,
// adding what they answer to `out`, within `deadline` (monotonic ns).
Outcome QueryName(const ResolverConfig& config, const char* name, uint32_t length, uint64_t deadline, AddressList& out);

}  // namespace wacc_rt::dns
