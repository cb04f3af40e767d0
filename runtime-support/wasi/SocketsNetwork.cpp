// wasi:sockets/network and instance-network, plus the helpers every socket
// interface shares (Sockets.h). The network resource carries nothing: what
// the program may reach is decided when compiling (--inherit-network), so
// instance-network always hands a network out, as wasmtime does, and the
// operations themselves check networkGranted().
#include "core/Capabilities.h"
#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Sockets.h"

namespace wacc_rt {

using namespace linux_abi;

uint32_t SocketErrorCode(int32_t error) {
  switch (error) {
    case kEacces:
    case kEperm: return kSockAccessDenied;
    case kEopnotsupp:
    case kEafnosupport:
    case kEprotonosupport:
    case kEnosys: return kSockNotSupported;
    case kEinval: return kSockInvalidArgument;
    case kEnomem:
    case kEnobufs: return kSockOutOfMemory;
    case kEtimedout: return kSockTimeout;
    case kEalready: return kSockConcurrencyConflict;
    case kEagain: return kSockWouldBlock;
    case kEisconn:
    case kEnotconn:
    case kEdestaddrreq: return kSockInvalidState;
    case kEmfile:
    case kEnfile: return kSockNewSocketLimit;
    case kEaddrnotavail: return kSockAddressNotBindable;
    case kEaddrinuse: return kSockAddressInUse;
    case kEhostunreach:
    case kEnetunreach:
    case kEnetdown: return kSockRemoteUnreachable;
    case kEconnrefused: return kSockConnectionRefused;
    case kEconnreset:
    case kEpipe: return kSockConnectionReset;
    case kEconnaborted: return kSockConnectionAborted;
    case kEmsgsize: return kSockDatagramTooLarge;
    default: return kSockUnknown;
  }
}

bool NetworkGranted() { return capabilities().inherit_network != 0; }

namespace {

uint16_t SwapBytes16(uint16_t value) { return (uint16_t)((value >> 8) | (value << 8)); }
uint32_t SwapBytes32(uint32_t value) {
  return (value >> 24) | ((value >> 8) & 0xff00) | ((value << 8) & 0xff0000) | (value << 24);
}

void Clear(Sockaddr* address) {
  auto* bytes = reinterpret_cast<uint8_t*>(address);
  for (unsigned i = 0; i < sizeof(Sockaddr); ++i) bytes[i] = 0;
}

}  // namespace

bool SocketAddressFromSlots(const uint64_t* slots, Sockaddr* address, uint32_t* length) {
  Clear(address);
  if (slots[0] == kFamilyIpv4) {
    address->v4.family = kAfInet;
    address->v4.port = SwapBytes16((uint16_t)slots[1]);
    for (unsigned i = 0; i < 4; ++i) address->v4.address[i] = (uint8_t)slots[2 + i];
    *length = sizeof(SockaddrIn);
    return true;
  }
  if (slots[0] == kFamilyIpv6) {
    address->v6.family = kAfInet6;
    address->v6.port = SwapBytes16((uint16_t)slots[1]);
    address->v6.flowInfo = SwapBytes32((uint32_t)slots[2]);
    for (unsigned i = 0; i < 8; ++i) {
      address->v6.address[2 * i] = (uint8_t)(slots[3 + i] >> 8);
      address->v6.address[2 * i + 1] = (uint8_t)slots[3 + i];
    }
    address->v6.scopeId = (uint32_t)slots[11];
    *length = sizeof(SockaddrIn6);
    return true;
  }
  return false;
}

void SocketAddressToSlots(const Sockaddr& address, uint64_t* slots) {
  for (unsigned i = 0; i < kSocketAddressSlots; ++i) slots[i] = 0;
  if (address.family == kAfInet6) {
    slots[0] = kFamilyIpv6;
    slots[1] = SwapBytes16(address.v6.port);
    slots[2] = SwapBytes32(address.v6.flowInfo);
    for (unsigned i = 0; i < 8; ++i)
      slots[3 + i] = (uint64_t)address.v6.address[2 * i] << 8 | address.v6.address[2 * i + 1];
    slots[11] = address.v6.scopeId;
    return;
  }
  slots[0] = kFamilyIpv4;
  slots[1] = SwapBytes16(address.v4.port);
  for (unsigned i = 0; i < 4; ++i) slots[2 + i] = address.v4.address[i];
}

uint32_t SockaddrLength(const Sockaddr& address) {
  return address.family == kAfInet6 ? sizeof(SockaddrIn6) : sizeof(SockaddrIn);
}

IpAddressFamily FamilyOf(const Sockaddr& address) { return address.family == kAfInet6 ? kFamilyIpv6 : kFamilyIpv4; }

int LinuxFamily(IpAddressFamily family) { return family == kFamilyIpv6 ? kAfInet6 : kAfInet; }

bool IsUnspecified(const Sockaddr& address) {
  const uint8_t* bytes = address.family == kAfInet6 ? address.v6.address : address.v4.address;
  unsigned count = address.family == kAfInet6 ? 16 : 4;
  for (unsigned i = 0; i < count; ++i)
    if (bytes[i] != 0) return false;
  return true;
}

bool IsMulticastOrBroadcast(const Sockaddr& address) {
  if (address.family == kAfInet6) return address.v6.address[0] == 0xff;
  const uint8_t* a = address.v4.address;
  bool broadcast = a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255;
  return broadcast || (a[0] >= 224 && a[0] <= 239);
}

bool IsIpv4Mapped(const Sockaddr& address) {
  if (address.family != kAfInet6) return false;
  for (unsigned i = 0; i < 10; ++i)
    if (address.v6.address[i] != 0) return false;
  return address.v6.address[10] == 0xff && address.v6.address[11] == 0xff;
}

bool SameAddress(const Sockaddr& a, const Sockaddr& b) {
  if (a.family != b.family) return false;
  uint32_t length = SockaddrLength(a);
  const auto* left = reinterpret_cast<const uint8_t*>(&a);
  const auto* right = reinterpret_cast<const uint8_t*>(&b);
  for (uint32_t i = 0; i < length; ++i)
    if (left[i] != right[i]) return false;
  return true;
}

bool AddressFitsFamily(const Sockaddr& address, IpAddressFamily family) {
  return FamilyOf(address) == family && !IsIpv4Mapped(address);
}

long OpenSocket(IpAddressFamily family, int type) {
  long fd = Sys(arch::kSysSocket, LinuxFamily(family), type | kSockNonBlock | kSockCloexec, 0);
  if (fd < 0) return fd;
  // WASI sockets are single-family: an IPv6 socket never sees IPv4 traffic.
  if (family == kFamilyIpv6) SetIntOption((int)fd, kIpprotoIpv6, kIpv6V6Only, 1);
  return fd;
}

long LocalAddressOf(int fd, Sockaddr* address) {
  Clear(address);
  uint32_t length = sizeof(Sockaddr);
  return Sys(arch::kSysGetsockname, fd, (long)address, (long)&length);
}

long RemoteAddressOf(int fd, Sockaddr* address) {
  Clear(address);
  uint32_t length = sizeof(Sockaddr);
  return Sys(arch::kSysGetpeername, fd, (long)address, (long)&length);
}

long SetIntOption(int fd, int level, int name, int value) {
  return Sys(arch::kSysSetsockopt, fd, level, name, (long)&value, sizeof(value));
}

long GetIntOption(int fd, int level, int name, int* value) {
  *value = 0;
  uint32_t length = sizeof(*value);
  return Sys(arch::kSysGetsockopt, fd, level, name, (long)value, (long)&length);
}

}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_sockets_instance_network_instance_network(uint64_t* results) {
  results[0] = CreateHostObject(HostKind::kNetwork);
}

extern "C" void wacc_host_wasi_sockets_network_resource_drop_network(uint32_t rep) {
  DestroyHostObject(rep, HostKind::kNetwork);
}
