// Shared pieces of wasi:sockets: the error-code enum, errno mapping, the
// ip-socket-address <-> sockaddr conversions, socket options and the
// network capability check. tcp, udp and ip-name-lookup build on these.
#pragma once

#include <stdint.h>

#include "wasi/Linux.h"

namespace wacc_rt {

// wasi:sockets/network error-code cases, in WIT order.
enum SocketErrorCode : uint32_t {
  kSockUnknown = 0,
  kSockAccessDenied,
  kSockNotSupported,
  kSockInvalidArgument,
  kSockOutOfMemory,
  kSockTimeout,
  kSockConcurrencyConflict,
  kSockNotInProgress,
  kSockWouldBlock,
  kSockInvalidState,
  kSockNewSocketLimit,
  kSockAddressNotBindable,
  kSockAddressInUse,
  kSockRemoteUnreachable,
  kSockConnectionRefused,
  kSockConnectionReset,
  kSockConnectionAborted,
  kSockDatagramTooLarge,
  kSockNameUnresolvable,
  kSockTemporaryResolverFailure,
  kSockPermanentResolverFailure,
};

// ip-address-family cases.
enum IpAddressFamily : uint32_t { kFamilyIpv4 = 0, kFamilyIpv6 = 1 };

// The error-code case for a positive errno, as the WIT documents it.
uint32_t SocketErrorCode(int32_t error);

// Whether the executable was granted the network (--inherit-network).
// Without it, every operation that would reach the network (bind, connect,
// sending to an address, name lookup) fails with access-denied.
bool NetworkGranted();

// An ip-socket-address flattened: [0] 0 ipv4 / 1 ipv6, then the joined
// payload (ipv4: port, 4 octets; ipv6: port, flow-info, 8 segments,
// scope-id).
inline constexpr unsigned kSocketAddressSlots = 12;

// Reads a flattened ip-socket-address (params widened to 64-bit slots).
// False when the discriminant is neither case.
bool SocketAddressFromSlots(const uint64_t* slots, linux_abi::Sockaddr* address, uint32_t* length);
// Writes `address` as kSocketAddressSlots flattened slots.
void SocketAddressToSlots(const linux_abi::Sockaddr& address, uint64_t* slots);

uint32_t SockaddrLength(const linux_abi::Sockaddr& address);
IpAddressFamily FamilyOf(const linux_abi::Sockaddr& address);
int LinuxFamily(IpAddressFamily family);

// Address checks shared by bind and connect (wasmtime's rules).
bool IsUnspecified(const linux_abi::Sockaddr& address);
bool IsMulticastOrBroadcast(const linux_abi::Sockaddr& address);
bool IsIpv4Mapped(const linux_abi::Sockaddr& address);
bool SameAddress(const linux_abi::Sockaddr& a, const linux_abi::Sockaddr& b);
// An address a socket of `family` may use: same family, and no
// IPv4-mapped IPv6 address (sockets are IPv6-only).
bool AddressFitsFamily(const linux_abi::Sockaddr& address, IpAddressFamily family);

// Creates a non-blocking, close-on-exec socket; the fd or -errno.
long OpenSocket(IpAddressFamily family, int type);

// getsockname/getpeername into `address`; 0 or -errno.
long LocalAddressOf(int fd, linux_abi::Sockaddr* address);
long RemoteAddressOf(int fd, linux_abi::Sockaddr* address);

// Integer socket options; 0 or -errno.
long SetIntOption(int fd, int level, int name, int value);
long GetIntOption(int fd, int level, int name, int* value);

// result<_, error-code> and result<T, error-code> slot helpers.
inline void SetSocketOk(uint64_t* results, uint64_t value = 0) {
  results[0] = 0;
  results[1] = value;
}
inline void SetSocketError(uint64_t* results, uint32_t code) {
  results[0] = 1;
  results[1] = code;
}
// Fills result<_, error-code> from 0 or -errno.
inline void SetSocketOutcome(uint64_t* results, long result) {
  if (result < 0) return SetSocketError(results, SocketErrorCode((int32_t)-result));
  SetSocketOk(results);
}

// Clamps a u64 option value to what Linux's int options hold.
inline int ClampToInt(uint64_t value) { return value > 0x7fffffff ? 0x7fffffff : (int)value; }

}  // namespace wacc_rt

namespace wacc_rt {

// Options tcp-socket and udp-socket share, filling result<T, error-code>
// (getters) or result<_, error-code> (setters). A zero value is
// invalid-argument, as the WIT asks.
void GetHopLimit(int fd, IpAddressFamily family, uint64_t* results);
void SetHopLimit(int fd, IpAddressFamily family, uint32_t value, uint64_t* results);
void GetBufferSize(int fd, int option, uint64_t* results);
void SetBufferSize(int fd, int option, uint64_t value, uint64_t* results);

// wasi:sockets 0.3's udp-socket connect (implicitly binding an unbound
// socket; a connected one is re-connected) and disconnect (invalid-state
// unless connected), which 0.2 folds into `stream`: fill result<_,
// error-code> with 0.2's cases.
void UdpConnect(uint32_t rep, const uint64_t* slots, uint64_t* results);
void UdpDisconnect(uint32_t rep, uint64_t* results);
// 0.3's udp send of one datagram, at once (a datagram socket's send does not
// wait): `remote` is option<ip-socket-address> flattened (case, then
// kSocketAddressSlots); an unbound socket is bound implicitly.
void UdpSend(uint32_t rep, const void* data, uint32_t length, const uint64_t* remote, uint64_t* results);
// 0.3's udp receive of one datagram: false when none is waiting (results
// untouched), else true with result<tuple<list<u8>, ip-socket-address>,
// error-code> in `results` (0.2's cases; the data stays valid until the
// socket's next receive or drop).
bool UdpReceive(uint32_t rep, uint64_t* results);
int32_t UdpFd(uint32_t rep);

// wasi:sockets 0.3's tcp-socket (p3/SocketsTcp.cpp) over 0.2's sockets;
// results are result<_, error-code> with 0.2's cases.
int32_t TcpFd(uint32_t rep);
IpAddressFamily TcpFamily(uint32_t rep);
// Starts a connect (0.2's start-connect checks); true when it is over at
// once (results filled), false while it is in progress: call
// TcpFinishConnect once the socket is writable.
bool TcpConnect(uint32_t rep, const uint64_t* slots, uint64_t* results);
// False while the connect is still in progress, else true with results.
bool TcpFinishConnect(uint32_t rep, uint64_t* results);
// 0.3's listen: an unbound socket is bound to the unspecified address
// first; invalid-state unless unbound or bound.
void TcpListen(uint32_t rep, uint64_t* results);
// A socket accept(2) returned (connected), or, with `error`, one whose
// accept failed (closed: its send and receive report the error).
uint32_t NewAcceptedTcpSocket(int fd, IpAddressFamily family, int error);
// Takes the send or receive half of a connected socket, once each: a
// close-on-exec duplicate of its descriptor, or -errno (-ENOTCONN when not
// connected or already taken; a failed connect's error once closed).
long TcpTakeHalf(uint32_t rep, bool send);

// A close-on-exec duplicate of `fd` (streams own theirs, so a socket and
// its streams may be dropped in any order); the fd or -errno.
long DuplicateFd(int fd);

}  // namespace wacc_rt

// A flattened ip-socket-address parameter list as host functions receive it,
// and the slot array made from it (for socketAddressFromSlots).
#define WACC_SOCKET_ADDRESS_PARAMS                                                                                 \
  uint32_t addressCase, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6, uint32_t a7, \
      uint32_t a8, uint32_t a9, uint32_t a10, uint32_t a11
#define WACC_SOCKET_ADDRESS_SLOTS \
  { addressCase, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11 }
