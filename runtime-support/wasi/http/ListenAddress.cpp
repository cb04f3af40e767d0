#include "wasi/http/ListenAddress.h"

#include "core/Output.h"
#include "core/Syscall.h"
#include "wasi/Linux.h"
#include "wasi/dns/Resolver.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {
namespace {

using namespace linux_abi;

constexpr int kNonBlock = 04000, kCloexec = 02000000;
constexpr int kSolSocket = 1, kSoReuseaddr = 2, kSoReuseport = 15;

uint16_t PortOf(const ListenAddress& address) {
  uint16_t port;
  __builtin_memcpy(&port, address.storage + 2, 2);
  return (uint16_t)((port >> 8) | ((port & 0xff) << 8));
}

void AppendHex(MessageBuffer& m, uint32_t value) {
  char digits[8];
  int n = 0;
  do digits[n++] = "0123456789abcdef"[value & 15];
  while ((value >>= 4) != 0);
  char text[9];
  for (int i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
  text[n] = 0;
  m.append(text);
}

// The address as a URL writes it: dotted IPv4, or [IPv6] with its longest
// run of zero groups as "::" (RFC 5952).
void AppendAddress(MessageBuffer& m, const ListenAddress& address) {
  if (address.family == 2) {
    const uint8_t* ip = address.storage + 4;
    for (int i = 0; i < 4; ++i) m.appendDecimal(ip[i]).append(i < 3 ? "." : "");
    return;
  }
  uint16_t groups[8];
  for (int g = 0; g < 8; ++g) groups[g] = (uint16_t)(address.storage[8 + 2 * g] << 8 | address.storage[9 + 2 * g]);
  int bestStart = -1, bestLength = 1;
  for (int g = 0; g < 8;) {
    if (groups[g] != 0) {
      ++g;
      continue;
    }
    int end = g;
    while (end < 8 && groups[end] == 0) ++end;
    if (end - g > bestLength) bestStart = g, bestLength = end - g;
    g = end;
  }
  m.append("[");
  for (int g = 0; g < 8; ++g) {
    if (g == bestStart) {
      m.append("::");
      g += bestLength - 1;
      continue;
    }
    if (g > 0 && g != bestStart + bestLength) m.append(":");
    AppendHex(m, groups[g]);
  }
  m.append("]");
}

}  // namespace

bool ParseListenAddress(const char* text, ListenAddress& out) {
  uint32_t length = (uint32_t)StringLength(text);
  out = ListenAddress{};
  if (length > 0 && text[0] == '[') {
    uint32_t close = 1;
    while (close < length && text[close] != ']') ++close;
    if (close >= length - 1 || text[close + 1] != ':') return false;
    uint32_t port = 0;
    if (close + 2 == length) return false;
    for (uint32_t i = close + 2; i < length; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      port = port * 10 + (uint32_t)(text[i] - '0');
      if (port > 65535) return false;
    }
    // struct sockaddr_in6: family, port (network order), flowinfo, address, scope.
    uint16_t family = 10, networkPort = (uint16_t)((port >> 8) | ((port & 0xff) << 8));
    __builtin_memcpy(out.storage, &family, 2);
    __builtin_memcpy(out.storage + 2, &networkPort, 2);
    dns::IpAddress ip;
    if (!dns::ParseIpAddress(text + 1, close - 1, &ip) || !ip.isV6) return false;
    __builtin_memcpy(out.storage + 8, ip.bytes, 16);
    out.length = 28;
    out.family = 10;
    return true;
  }
  SockaddrIn v4;
  if (!ParseHostPort(text, length, 0, v4)) return false;
  __builtin_memcpy(out.storage, &v4, sizeof v4);
  out.length = sizeof v4;
  out.family = 2;
  return true;
}

long OpenListener(ListenAddress& address, bool sharePort, const char*& what) {
  long fd = Sys(arch::kSysSocket, address.family, 1 /* SOCK_STREAM */ | kNonBlock | kCloexec, 0);
  what = "socket";
  if (fd < 0) return fd;
  int one = 1;
  Sys(arch::kSysSetsockopt, fd, kSolSocket, kSoReuseaddr, (long)&one, sizeof one);
  if (sharePort) Sys(arch::kSysSetsockopt, fd, kSolSocket, kSoReuseport, (long)&one, sizeof one);
  long r = Sys(arch::kSysBind, fd, (long)address.storage, address.length);
  what = "cannot bind the address";
  if (r >= 0) {
    r = Sys(arch::kSysListen, fd, 1024);
    what = "listen";
  }
  if (r < 0) {
    CloseFd((int)fd);
    return r;
  }
  uint32_t length = address.length;
  Sys(arch::kSysGetsockname, fd, (long)address.storage, (long)&length);
  return fd;
}

void AnnounceListening(const ListenAddress& address) {
  MessageBuffer m;
  m.append("Serving HTTP on http://");
  AppendAddress(m, address);
  m.append(":").appendDecimal(PortOf(address)).append("/\n");
  m.writeTo(2);
}

}  // namespace wacc_rt::http
