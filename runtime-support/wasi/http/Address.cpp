// Addresses for wasi:http: the server's --addr (an IPv4 HOST:PORT) and the
// client's authorities, whose host goes through the runtime's resolver
// (wasi/dns/Resolver.h) like a wasi:sockets lookup.
#include "core/Output.h"
#include "wasi/Streams.h"
#include "wasi/dns/Resolver.h"
#include "wasi/http/Http.h"

namespace wacc_rt::http {
namespace {

using namespace linux_abi;

// DNS-error's rcode for every failed lookup, as Wasmtime reports it (its
// info-code is 0).
const char kDnsErrorRcode[] = "address not available";

}  // namespace

ErrorCode ConnectError(long error) {
  switch (-error) {
    case kEconnrefused: return kConnectionRefused;
    case kEtimedout: return kConnectionTimeout;
    case kEnetunreach:
    case kEhostunreach: return kDestinationUnavailable;
    default: return kConnectionTerminated;
  }
}

bool WaitFd(int fd, short events, uint64_t deadline) {
  constexpr uint64_t kNanosecondsPerSecond = 1000000000;
  for (;;) {
    Timespec timeout{}, *limit = nullptr;
    if (deadline != ~0ull) {
      uint64_t now = MonotonicNow();
      if (now >= deadline) return false;
      uint64_t remaining = deadline - now;
      timeout = Timespec{(int64_t)(remaining / kNanosecondsPerSecond), (int64_t)(remaining % kNanosecondsPerSecond)};
      limit = &timeout;
    }
    PollFd poll{fd, events, 0};
    long ready = Sys(arch::kSysPpoll, (long)&poll, 1, (long)limit, 0, 8);
    // An error or hang-up is ready too: the read or write that follows says what.
    if (ready > 0) return true;
    if (ready < 0 && ready != -kEintr) return true;
  }
}

long ClientSocket::read(uint8_t* buffer, size_t size) {
  for (;;) {
    long got = Sys(arch::kSysRecvfrom, fd, (long)buffer, (long)size, 0, 0, 0);
    if (got != -kEagain && got != -kEintr) return got;
    if (!WaitFd(fd, kPollIn, deadline)) {
      timedOut = true;
      return -kEtimedout;
    }
  }
}

long ClientSocket::write(const uint8_t* bytes, size_t size) {
  for (;;) {
    long sent = Sys(arch::kSysSendto, fd, (long)bytes, (long)size, kMsgNoSignal, 0, 0);
    if (sent != -kEagain && sent != -kEintr) return sent;
    if (!WaitFd(fd, linux_abi::kPollOut, deadline)) {
      timedOut = true;
      return -kEtimedout;
    }
  }
}

bool ParseHostPort(const char* text, uint32_t length, uint32_t defaultPort, linux_abi::SockaddrIn& out) {
  uint32_t colon = length;
  for (uint32_t i = 0; i < length; ++i)
    if (text[i] == ':') colon = i;
  uint32_t port = defaultPort;
  if (colon < length) {
    if (colon + 1 == length) return false;
    port = 0;
    for (uint32_t i = colon + 1; i < length; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      port = port * 10 + (uint32_t)(text[i] - '0');
      if (port > 65535) return false;
    }
  } else if (defaultPort == 0) {
    return false;
  }
  uint8_t octets[4];
  if (colon == 9 && BytesEqual(text, "localhost", 9)) {
    octets[0] = 127, octets[1] = 0, octets[2] = 0, octets[3] = 1;
  } else {
    uint32_t p = 0;
    for (int i = 0; i < 4; ++i) {
      uint32_t value = 0, digits = 0;
      while (p < colon && text[p] >= '0' && text[p] <= '9' && digits < 3) {
        value = value * 10 + (uint32_t)(text[p++] - '0');
        ++digits;
      }
      if (digits == 0 || value > 255) return false;
      octets[i] = (uint8_t)value;
      if (i < 3 && (p >= colon || text[p++] != '.')) return false;
    }
    if (p != colon) return false;
  }
  out = linux_abi::SockaddrIn{};
  out.family = 2;
  out.port = (uint16_t)((port >> 8) | ((port & 0xff) << 8));
  __builtin_memcpy(out.address, octets, 4);
  return true;
}

bool SplitAuthority(const char* text, uint32_t length, uint32_t defaultPort, const char*& host, uint32_t& hostLength,
                    uint32_t& port) {
  // Userinfo ("user@") is not part of where to connect.
  for (uint32_t i = length; i > 0; --i) {
    if (text[i - 1] == '@') {
      text += i, length -= i;
      break;
    }
  }
  uint32_t hostEnd;
  if (length > 0 && text[0] == '[') {
    hostEnd = 1;
    while (hostEnd < length && text[hostEnd] != ']') ++hostEnd;
    if (hostEnd == length) return false;
    host = text + 1, hostLength = hostEnd - 1;
    ++hostEnd;
  } else {
    hostEnd = 0;
    while (hostEnd < length && text[hostEnd] != ':') ++hostEnd;
    host = text, hostLength = hostEnd;
  }
  if (hostLength == 0) return false;
  port = defaultPort;
  if (hostEnd == length) return true;
  if (text[hostEnd] != ':' || hostEnd + 1 == length) return false;
  port = 0;
  for (uint32_t i = hostEnd + 1; i < length; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    port = port * 10 + (uint32_t)(text[i] - '0');
    if (port > 65535) return false;
  }
  return true;
}

int ConnectAuthority(const uint8_t* authority, uint32_t length, uint32_t defaultPort, uint64_t deadline,
                     ErrorCode& error, const char*& message) {
  const char* host;
  uint32_t hostLength, port;
  if (!SplitAuthority(reinterpret_cast<const char*>(authority), length, defaultPort, host, hostLength, port)) {
    error = kDestinationNotFound;
    return -1;
  }
  static dns::AddressList addresses;
  dns::IpAddress numeric;
  if ((!dns::ParseIpAddress(host, hostLength, &numeric) && !dns::IsValidHostName(host, hostLength)) ||
      dns::Resolve(host, hostLength, addresses) != dns::Outcome::kOk) {
    error = kDnsError;
    message = kDnsErrorRcode;
    return -1;
  }
  // Each address in turn, as getaddrinfo's users do; the last failure
  // tells the error. The socket is non-blocking so that the connect, and
  // every read and write after it (Exchange.cpp), can wait with a deadline.
  uint16_t networkPort = (uint16_t)((port >> 8) | ((port & 0xff) << 8));
  long failure = -kEconnrefused;
  for (uint32_t i = 0; i < addresses.count; ++i) {
    const dns::IpAddress& address = addresses.items[i];
    Sockaddr target{};
    uint32_t targetLength;
    if (address.isV6) {
      target.v6.family = kAfInet6;
      target.v6.port = networkPort;
      __builtin_memcpy(target.v6.address, address.bytes, 16);
      targetLength = sizeof(SockaddrIn6);
    } else {
      target.v4.family = kAfInet;
      target.v4.port = networkPort;
      __builtin_memcpy(target.v4.address, address.bytes, 4);
      targetLength = sizeof(SockaddrIn);
    }
    long fd = Sys(arch::kSysSocket, target.family, kSockStream | kSockCloexec | kSockNonBlock, 0);
    if (fd < 0) {
      failure = fd;
      continue;
    }
    long connected = Sys(arch::kSysConnect, fd, (long)&target, targetLength);
    if (connected == -kEinprogress || connected == -kEintr) {
      if (!WaitFd((int)fd, linux_abi::kPollOut, deadline)) {
        CloseFd((int)fd);
        error = kConnectionTimeout;
        return -1;
      }
      int socketError = 0;
      uint32_t errorLength = sizeof socketError;
      connected = Sys(arch::kSysGetsockopt, fd, kSolSocket, kSoError, (long)&socketError, (long)&errorLength);
      if (connected == 0) connected = -(long)socketError;
    }
    if (connected == 0) return (int)fd;
    failure = connected;
    CloseFd((int)fd);
  }
  error = ConnectError(failure);
  return -1;
}

}  // namespace wacc_rt::http
