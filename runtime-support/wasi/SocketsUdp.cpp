// wasi:sockets/udp and udp-create-socket on non-blocking Linux sockets.
//
// A udp-socket is unbound, bind-started or bound; `stream` (bound only)
// connects it to a remote address or disconnects it, and hands out an
// incoming and an outgoing datagram stream, each on its own duplicate of the
// descriptor. Without --inherit-network, start-bind, a connecting `stream`
// and sending to an explicit address fail with access-denied.
#include "core/HostObjects.h"
#include "core/PageAllocator.h"
#include "core/ResultArena.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Sockets.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

enum class UdpPhase : uint8_t { kUnbound = 0, kBindStarted, kBound };

struct UdpSocket {
  int32_t fd;
  IpAddressFamily family;
  UdpPhase phase;
  uint8_t connected;
  // 0.3's receive: the last datagram, kept until the next receive or the
  // drop (its result is lowered later than the result arena lives).
  uint8_t* received;
};

struct DatagramStream {
  int32_t fd;
  IpAddressFamily family;
  uint8_t connected;  // outgoing: datagrams go to `remote` unless they name it
  Sockaddr remote;
};

// How many datagrams check-send permits and receive returns per call.
constexpr uint64_t kDatagramBatch = 64;
// Large enough for any UDP payload (65,535 minus the headers).
constexpr uint32_t kMaxDatagram = 65536;
// Host-flattened slots per list element: incoming-datagram is data (pointer,
// length) + ip-socket-address; outgoing-datagram is data + option<...>.
constexpr unsigned kIncomingSlots = 2 + kSocketAddressSlots;
constexpr unsigned kOutgoingSlots = 3 + kSocketAddressSlots;

alignas(8) uint8_t gDatagramBuffer[kMaxDatagram];

UdpSocket& udpSocket(uint32_t rep) { return hostObject<UdpSocket>(rep, HostKind::kUdpSocket); }
DatagramStream& incomingStream(uint32_t rep) {
  return hostObject<DatagramStream>(rep, HostKind::kIncomingDatagramStream);
}
DatagramStream& outgoingStream(uint32_t rep) {
  return hostObject<DatagramStream>(rep, HostKind::kOutgoingDatagramStream);
}

// A remote address a datagram may go to: wasmtime's checks.
bool ValidRemote(const Sockaddr& address, IpAddressFamily family) {
  uint16_t port = address.family == kAfInet6 ? address.v6.port : address.v4.port;
  return AddressFitsFamily(address, family) && !IsUnspecified(address) && port != 0;
}

// Connects the socket to `slots`' address, or disconnects it when null.
long ConnectTo(UdpSocket& socket, const uint64_t* slots, Sockaddr* remote, uint32_t* error) {
  if (slots == nullptr) {
    if (!socket.connected) return 0;
    Sockaddr unspecified{};  // AF_UNSPEC dissolves the association
    long result = Sys(arch::kSysConnect, socket.fd, (long)&unspecified, sizeof(SockaddrIn));
    if (result == 0) socket.connected = 0;
    return result;
  }
  uint32_t length;
  if (!SocketAddressFromSlots(slots, remote, &length) || !ValidRemote(*remote, socket.family))
    return *error = kSockInvalidArgument, -1;
  if (!NetworkGranted()) return *error = kSockAccessDenied, -1;
  long result = Sys(arch::kSysConnect, socket.fd, (long)remote, length);
  if (result == 0) socket.connected = 1;
  return result;
}

uint32_t NewDatagramStream(HostKind kind, int fd, const UdpSocket& socket, const Sockaddr& remote) {
  uint32_t rep = CreateHostObject(kind);
  hostObject<DatagramStream>(rep, kind) = DatagramStream{fd, socket.family, socket.connected, remote};
  return rep;
}

void OpenDatagramStreams(UdpSocket& socket, const uint64_t* slots, uint64_t* results) {
  if (socket.phase != UdpPhase::kBound) return SetSocketError(results, kSockInvalidState);
  Sockaddr remote{};
  uint32_t error = kSockUnknown;
  long result = ConnectTo(socket, slots, &remote, &error);
  if (result == -1 && error != kSockUnknown) return SetSocketError(results, error);
  if (result < 0) return SetSocketOutcome(results, result);
  long incoming = DuplicateFd(socket.fd);
  if (incoming < 0) return SetSocketOutcome(results, incoming);
  long outgoing = DuplicateFd(socket.fd);
  if (outgoing < 0) {
    CloseFd((int)incoming);
    return SetSocketOutcome(results, outgoing);
  }
  results[0] = 0;
  results[1] = NewDatagramStream(HostKind::kIncomingDatagramStream, (int)incoming, socket, remote);
  results[2] = NewDatagramStream(HostKind::kOutgoingDatagramStream, (int)outgoing, socket, remote);
}

// Receives one datagram into the result arena and fills one list element;
// 0 or -errno (-EAGAIN when none is waiting).
long ReceiveOne(const DatagramStream& stream, uint64_t* element) {
  Sockaddr from{};
  uint32_t fromLength = sizeof(from);
  long got = RetryInterrupted([&] {
    return Sys(arch::kSysRecvfrom, stream.fd, (long)gDatagramBuffer, kMaxDatagram, kMsgDontWait, (long)&from,
               (long)&fromLength);
  });
  if (got < 0) return got;
  auto* data = static_cast<uint8_t*>(AllocateResult(got == 0 ? 1 : (size_t)got));
  for (long i = 0; i < got; ++i) data[i] = gDatagramBuffer[i];
  element[0] = reinterpret_cast<uintptr_t>(data);
  element[1] = (uint64_t)got;
  SocketAddressToSlots(from, element + 2);
  return 0;
}

void Receive(const DatagramStream& stream, uint64_t maxResults, uint64_t* results) {
  ResetResultArena();
  uint64_t limit = maxResults < kDatagramBatch ? maxResults : kDatagramBatch;
  auto* elements = AllocateResults<uint64_t>((limit == 0 ? 1 : limit) * kIncomingSlots);
  uint64_t count = 0;
  while (count < limit) {
    long result = ReceiveOne(stream, elements + count * kIncomingSlots);
    if (result == -kEagain) break;
    if (result < 0) {
      if (count == 0) return SetSocketOutcome(results, result);
      break;  // report what arrived; the error shows up on the next call
    }
    ++count;
  }
  results[0] = 0;
  results[1] = reinterpret_cast<uintptr_t>(elements);
  results[2] = count;
}

// Sends one outgoing-datagram element; 0, -errno, or -1 with *error set.
long SendOne(const DatagramStream& stream, const uint64_t* element, uint32_t* error) {
  const void* data = reinterpret_cast<const void*>(element[0]);
  uint64_t length = element[1];
  Sockaddr address{};
  uint32_t addressLength = 0;
  if (element[2] != 0) {
    if (!SocketAddressFromSlots(element + 3, &address, &addressLength) || !ValidRemote(address, stream.family))
      return *error = kSockInvalidArgument, -1;
    if (stream.connected && !SameAddress(address, stream.remote)) return *error = kSockInvalidArgument, -1;
    if (!NetworkGranted()) return *error = kSockAccessDenied, -1;
  } else if (!stream.connected) {
    return *error = kSockInvalidArgument, -1;
  }
  // A connected socket sends to its peer: no address (Linux would refuse
  // EISCONN for some families otherwise).
  const Sockaddr* target = stream.connected ? nullptr : &address;
  long sent = RetryInterrupted([&] {
    return Sys(arch::kSysSendto, stream.fd, (long)data, (long)length, kMsgDontWait | kMsgNoSignal, (long)target,
               target ? addressLength : 0);
  });
  return sent < 0 ? sent : 0;
}

void Send(const DatagramStream& stream, const uint64_t* elements, uint32_t count, uint64_t* results) {
  uint64_t sent = 0;
  for (; sent < count; ++sent) {
    uint32_t error = kSockUnknown;
    long result = SendOne(stream, elements + sent * kOutgoingSlots, &error);
    if (result == 0) continue;
    if (sent != 0) break;  // partial success: report how many went out
    if (result == -1 && error != kSockUnknown) return SetSocketError(results, error);
    return SetSocketOutcome(results, result);
  }
  SetSocketOk(results, sent);
}

}  // namespace

// wasi:sockets 0.3's connect and disconnect (Sockets.h).
void UdpConnect(uint32_t rep, const uint64_t* slots, uint64_t* results) {
  UdpSocket& socket = udpSocket(rep);
  if (socket.phase == UdpPhase::kBindStarted) return SetSocketError(results, kSockConcurrencyConflict);
  Sockaddr remote{};
  uint32_t error = kSockUnknown;
  long result = ConnectTo(socket, slots, &remote, &error);
  if (result == -1 && error != kSockUnknown) return SetSocketError(results, error);
  if (result < 0) return SetSocketOutcome(results, result);
  // Linux binds an unbound socket to an ephemeral port on connect.
  socket.phase = UdpPhase::kBound;
  SetSocketOk(results);
}

void UdpSend(uint32_t rep, const void* data, uint32_t length, const uint64_t* remote, uint64_t* results) {
  UdpSocket& socket = udpSocket(rep);
  DatagramStream stream{socket.fd, socket.family, socket.connected, {}};
  if (socket.connected) {
    long result = RemoteAddressOf(socket.fd, &stream.remote);
    if (result < 0) return SetSocketOutcome(results, result);
  }
  uint64_t element[kOutgoingSlots] = {reinterpret_cast<uint64_t>(data), length};
  for (unsigned i = 0; i < 1 + kSocketAddressSlots; ++i) element[2 + i] = remote[i];
  uint32_t error = kSockUnknown;
  long result = SendOne(stream, element, &error);
  if (result == -1 && error != kSockUnknown) return SetSocketError(results, error);
  if (result < 0) return SetSocketOutcome(results, result);
  // Linux binds an unbound socket to an ephemeral port on its first send.
  socket.phase = UdpPhase::kBound;
  SetSocketOk(results);
}

bool UdpReceive(uint32_t rep, uint64_t* results) {
  UdpSocket& socket = udpSocket(rep);
  if (socket.phase != UdpPhase::kBound) return SetSocketError(results, kSockInvalidState), true;
  if (!socket.received) {
    socket.received = static_cast<uint8_t*>(AllocatePages(kMaxDatagram));
    if (!socket.received) return SetSocketError(results, kSockOutOfMemory), true;
  }
  Sockaddr from{};
  uint32_t fromLength = sizeof(from);
  long got = RetryInterrupted([&] {
    return Sys(arch::kSysRecvfrom, socket.fd, (long)socket.received, kMaxDatagram, kMsgDontWait, (long)&from,
               (long)&fromLength);
  });
  if (got == -kEagain) return false;
  if (got < 0) return SetSocketOutcome(results, got), true;
  results[0] = 0;
  results[1] = reinterpret_cast<uintptr_t>(socket.received);
  results[2] = (uint64_t)got;
  SocketAddressToSlots(from, results + 3);
  return true;
}

int32_t UdpFd(uint32_t rep) { return udpSocket(rep).fd; }

void UdpDisconnect(uint32_t rep, uint64_t* results) {
  UdpSocket& socket = udpSocket(rep);
  if (!socket.connected) return SetSocketError(results, kSockInvalidState);
  SetSocketOutcome(results, ConnectTo(socket, nullptr, nullptr, nullptr));
}

}  // namespace wacc_rt

using namespace wacc_rt;
using namespace wacc_rt::linux_abi;

extern "C" void wacc_host_wasi_sockets_udp_create_socket_create_udp_socket(uint32_t family, uint64_t* results) {
  if (family > kFamilyIpv6) return SetSocketError(results, kSockInvalidArgument);
  long fd = OpenSocket((IpAddressFamily)family, kSockDgram);
  if (fd < 0) return SetSocketOutcome(results, fd);
  uint32_t rep = CreateHostObject(HostKind::kUdpSocket);
  udpSocket(rep) = UdpSocket{(int32_t)fd, (IpAddressFamily)family, UdpPhase::kUnbound, 0, nullptr};
  SetSocketOk(results, rep);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_start_bind(uint32_t self, uint32_t network,
                                                                        WACC_SOCKET_ADDRESS_PARAMS, uint64_t* results) {
  UdpSocket& socket = udpSocket(self);
  HostObjectPayload(network, HostKind::kNetwork);
  const uint64_t slots[kSocketAddressSlots] = WACC_SOCKET_ADDRESS_SLOTS;
  Sockaddr address;
  uint32_t length;
  if (!SocketAddressFromSlots(slots, &address, &length) || !AddressFitsFamily(address, socket.family))
    return SetSocketError(results, kSockInvalidArgument);
  if (!NetworkGranted()) return SetSocketError(results, kSockAccessDenied);
  if (socket.phase != UdpPhase::kUnbound) return SetSocketError(results, kSockInvalidState);
  long result = Sys(arch::kSysBind, socket.fd, (long)&address, length);
  if (result < 0) return SetSocketOutcome(results, result);
  socket.phase = UdpPhase::kBindStarted;
  SetSocketOk(results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_finish_bind(uint32_t self, uint64_t* results) {
  UdpSocket& socket = udpSocket(self);
  if (socket.phase != UdpPhase::kBindStarted) return SetSocketError(results, kSockNotInProgress);
  socket.phase = UdpPhase::kBound;
  SetSocketOk(results);
}

// option<ip-socket-address>: the option's discriminant, then the address.
extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_stream(uint32_t self, uint32_t hasRemote,
                                                                    WACC_SOCKET_ADDRESS_PARAMS, uint64_t* results) {
  UdpSocket& socket = udpSocket(self);
  const uint64_t slots[kSocketAddressSlots] = WACC_SOCKET_ADDRESS_SLOTS;
  OpenDatagramStreams(socket, hasRemote != 0 ? slots : nullptr, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_local_address(uint32_t self, uint64_t* results) {
  UdpSocket& socket = udpSocket(self);
  if (socket.phase != UdpPhase::kBound) return SetSocketError(results, kSockInvalidState);
  Sockaddr address;
  long result = LocalAddressOf(socket.fd, &address);
  if (result < 0) return SetSocketOutcome(results, result);
  results[0] = 0;
  SocketAddressToSlots(address, results + 1);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_remote_address(uint32_t self, uint64_t* results) {
  UdpSocket& socket = udpSocket(self);
  if (!socket.connected) return SetSocketError(results, kSockInvalidState);
  Sockaddr address;
  long result = RemoteAddressOf(socket.fd, &address);
  if (result < 0) return SetSocketOutcome(results, result);
  results[0] = 0;
  SocketAddressToSlots(address, results + 1);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_address_family(uint32_t self, uint64_t* results) {
  results[0] = udpSocket(self).family;
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_unicast_hop_limit(uint32_t self, uint64_t* results) {
  UdpSocket& socket = udpSocket(self);
  GetHopLimit(socket.fd, socket.family, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_set_unicast_hop_limit(uint32_t self, uint32_t value,
                                                                                   uint64_t* results) {
  UdpSocket& socket = udpSocket(self);
  SetHopLimit(socket.fd, socket.family, value, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_receive_buffer_size(uint32_t self, uint64_t* results) {
  GetBufferSize(udpSocket(self).fd, kSoRcvBuf, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_set_receive_buffer_size(uint32_t self, uint64_t value,
                                                                                     uint64_t* results) {
  SetBufferSize(udpSocket(self).fd, kSoRcvBuf, value, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_send_buffer_size(uint32_t self, uint64_t* results) {
  GetBufferSize(udpSocket(self).fd, kSoSndBuf, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_set_send_buffer_size(uint32_t self, uint64_t value,
                                                                                  uint64_t* results) {
  SetBufferSize(udpSocket(self).fd, kSoSndBuf, value, results);
}

// A udp-socket has nothing to wait for (bind completes at once).
extern "C" void wacc_host_wasi_sockets_udp_method_udp_socket_subscribe(uint32_t self, uint64_t* results) {
  udpSocket(self);
  results[0] = NewReadyPollable();
}

extern "C" void wacc_host_wasi_sockets_udp_resource_drop_udp_socket(uint32_t rep) {
  UdpSocket& socket = udpSocket(rep);
  CloseFd(socket.fd);
  if (socket.received) FreePages(socket.received, kMaxDatagram);
  DestroyHostObject(rep, HostKind::kUdpSocket);
}

// result<list<incoming-datagram>, error-code>: [0] disc, [1] pointer to
// count * 14 slots (data pointer, data length, address) or the error, [2] count.
extern "C" void wacc_host_wasi_sockets_udp_method_incoming_datagram_stream_receive(uint32_t self, uint64_t maxResults,
                                                                                   uint64_t* results) {
  Receive(incomingStream(self), maxResults, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_incoming_datagram_stream_subscribe(uint32_t self, uint64_t* results) {
  results[0] = NewDescriptorPollable(incomingStream(self).fd, linux_abi::kPollIn);
}

extern "C" void wacc_host_wasi_sockets_udp_resource_drop_incoming_datagram_stream(uint32_t rep) {
  CloseFd(incomingStream(rep).fd);
  DestroyHostObject(rep, HostKind::kIncomingDatagramStream);
}

extern "C" void wacc_host_wasi_sockets_udp_method_outgoing_datagram_stream_check_send(uint32_t self,
                                                                                      uint64_t* results) {
  const DatagramStream& stream = outgoingStream(self);
  SetSocketOk(results, DescriptorReady(stream.fd, linux_abi::kPollOut) ? kDatagramBatch : 0);
}

// Each element: data pointer, data length, option discriminant, address.
extern "C" void wacc_host_wasi_sockets_udp_method_outgoing_datagram_stream_send(uint32_t self,
                                                                                const uint64_t* datagrams,
                                                                                uint32_t count, uint64_t* results) {
  Send(outgoingStream(self), datagrams, count, results);
}

extern "C" void wacc_host_wasi_sockets_udp_method_outgoing_datagram_stream_subscribe(uint32_t self, uint64_t* results) {
  results[0] = NewDescriptorPollable(outgoingStream(self).fd, linux_abi::kPollOut);
}

extern "C" void wacc_host_wasi_sockets_udp_resource_drop_outgoing_datagram_stream(uint32_t rep) {
  CloseFd(outgoingStream(rep).fd);
  DestroyHostObject(rep, HostKind::kOutgoingDatagramStream);
}
