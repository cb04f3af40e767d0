// resolv.conf as glibc reads it: `nameserver ADDRESS` (at most three),
// `search DOMAIN...` or `domain DOMAIN` (the last one wins), and
// `options ndots:N timeout:N attempts:N` (others are ignored); '#' and ';'
// start comments. $RES_OPTIONS adds options and $LOCALDOMAIN replaces the
// search list, as they do for glibc.
//
// $WACC_RESOLV_CONF names another file to read instead of /etc/resolv.conf
// (the tests point the resolver at their own DNS server with it), and a
// nameserver may be written ADDRESS:PORT or [IPV6]:PORT there, which glibc
// would skip: a server on a port other than 53 needs no privileges.
#include "core/Capabilities.h"
#include "wasi/dns/Internal.h"

namespace wacc_rt::dns {
namespace {

using namespace linux_abi;

constexpr uint32_t kMaxResolvConf = 16 * 1024;
alignas(8) char gResolvConf[kMaxResolvConf];

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

struct Cursor {
  const char* at;
  const char* end;
  // The next whitespace-separated word: its start and length (0 at the end).
  uint32_t word(const char*& start) {
    while (at < end && IsSpace(*at)) ++at;
    start = at;
    while (at < end && !IsSpace(*at)) ++at;
    return (uint32_t)(at - start);
  }
};

bool Is(const char* word, uint32_t length, const char* keyword) {
  uint32_t n = 0;
  while (keyword[n]) ++n;
  return length == n && __builtin_memcmp(word, keyword, n) == 0;
}

uint32_t StringLength(const char* text) {
  uint32_t n = 0;
  while (text[n]) ++n;
  return n;
}

// A decimal of at most five digits, or -1.
long Decimal(const char* text, uint32_t length) {
  if (length == 0 || length > 5) return -1;
  long value = 0;
  for (uint32_t i = 0; i < length; ++i) {
    if (!IsDigit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

void AddServer(ResolverConfig& config, const char* text, uint32_t length) {
  if (config.serverCount == kMaxNameservers) return;
  uint32_t port = 53;
  IpAddress address;
  if (!ParseIpAddress(text, length, &address)) {
    // ADDRESS:PORT or [IPV6]:PORT.
    uint32_t colon = length;
    while (colon > 0 && text[colon - 1] != ':') --colon;
    if (colon == 0) return;
    long value = Decimal(text + colon, length - colon);
    if (value <= 0 || value > 65535) return;
    uint32_t hostLength = colon - 1;
    bool bracketed = hostLength >= 2 && text[0] == '[' && text[hostLength - 1] == ']';
    if (!ParseIpAddress(text, hostLength, &address) || (address.isV6 && !bracketed)) return;
    port = (uint32_t)value;
  }
  Sockaddr& server = config.servers[config.serverCount++];
  server = Sockaddr{};
  uint16_t networkPort = (uint16_t)((port >> 8) | ((port & 0xff) << 8));
  if (address.isV6) {
    server.v6.family = kAfInet6;
    server.v6.port = networkPort;
    __builtin_memcpy(server.v6.address, address.bytes, 16);
  } else {
    server.v4.family = kAfInet;
    server.v4.port = networkPort;
    __builtin_memcpy(server.v4.address, address.bytes, 4);
  }
}

void SetSearch(ResolverConfig& config, Cursor words) {
  config.searchCount = 0;
  uint32_t used = 0;
  const char* word;
  while (uint32_t length = words.word(word)) {
    if (!IsValidHostName(word, length) || used + length + 1 > kMaxSearchBytes) continue;
    __builtin_memcpy(config.search + used, word, length);
    config.search[used + length] = '\0';
    used += length + 1;
    ++config.searchCount;
  }
}

void SetOptions(ResolverConfig& config, Cursor words) {
  const char* word;
  while (uint32_t length = words.word(word)) {
    uint32_t colon = 0;
    while (colon < length && word[colon] != ':') ++colon;
    if (colon == length) continue;
    long value = Decimal(word + colon + 1, length - colon - 1);
    if (value < 0) continue;
    // glibc's limits (RES_MAXNDOTS, RES_MAXRETRANS, RES_MAXRETRY).
    if (Is(word, colon, "ndots")) config.ndots = value > 15 ? 15 : (uint32_t)value;
    if (Is(word, colon, "timeout")) config.timeoutSeconds = value < 1 ? 1 : value > 30 ? 30 : (uint32_t)value;
    if (Is(word, colon, "attempts")) config.attempts = value < 1 ? 1 : value > 5 ? 5 : (uint32_t)value;
  }
}

}  // namespace

void LoadResolverConfig(ResolverConfig& config) {
  config = ResolverConfig{};
  config.ndots = 1;
  config.timeoutSeconds = 5;
  config.attempts = 2;
  const char* path = RuntimeEnvironmentValue("WACC_RESOLV_CONF");
  long read = ReadSmallFile(path && *path ? path : "/etc/resolv.conf", gResolvConf, kMaxResolvConf);
  uint32_t length = read < 0 ? 0 : (uint32_t)read;
  uint32_t at = 0;
  while (at < length) {
    uint32_t lineEnd = at;
    while (lineEnd < length && gResolvConf[lineEnd] != '\n' && gResolvConf[lineEnd] != '#' &&
           gResolvConf[lineEnd] != ';')
      ++lineEnd;
    Cursor words{gResolvConf + at, gResolvConf + lineEnd};
    const char* keyword;
    uint32_t keywordLength = words.word(keyword);
    if (Is(keyword, keywordLength, "nameserver")) {
      const char* address;
      if (uint32_t addressLength = words.word(address)) AddServer(config, address, addressLength);
    } else if (Is(keyword, keywordLength, "search") || Is(keyword, keywordLength, "domain")) {
      SetSearch(config, words);
    } else if (Is(keyword, keywordLength, "options")) {
      SetOptions(config, words);
    }
    while (lineEnd < length && gResolvConf[lineEnd] != '\n') ++lineEnd;
    at = lineEnd + 1;
  }
  if (const char* domains = RuntimeEnvironmentValue("LOCALDOMAIN"))
    SetSearch(config, Cursor{domains, domains + StringLength(domains)});
  if (const char* options = RuntimeEnvironmentValue("RES_OPTIONS"))
    SetOptions(config, Cursor{options, options + StringLength(options)});
  if (config.serverCount == 0) AddServer(config, "127.0.0.1", 9);
}

}  // namespace wacc_rt::dns
