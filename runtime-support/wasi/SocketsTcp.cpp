// wasi:sockets/tcp and tcp-create-socket on non-blocking Linux sockets.
//
// A tcp-socket follows the WIT's state machine: unbound -> (start/finish-
// bind) bound -> (start/finish-listen) listening, or unbound/bound ->
// (start-connect) connecting -> (finish-connect) connected, and closed after
// a failed connect. The syscall happens in start-*; finish-* moves the state
// on (connect completes asynchronously: finish-connect says would-block until
// the socket is writable). Without --inherit-network, start-bind and
// start-connect fail with access-denied, so no socket ever reaches the
// network (creating one is allowed, as in wasmtime).
//
// Streams hold their own duplicate of the descriptor, so the socket and its
// streams may be dropped in any order; dropping the output stream shuts the
// sending side down (IoStreams.cpp).
#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Sockets.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

enum class TcpPhase : uint8_t {
  kUnbound = 0,
  kBindStarted,
  kBound,
  kListenStarted,
  kListening,
  kConnecting,
  kConnected,
  kClosed,
};

struct TcpSocket {
  int32_t fd;
  IpAddressFamily family;
  TcpPhase phase;
  int32_t connectError;  // a connect that failed at once: reported by finish-connect
  uint32_t backlog;
  // 0.3: a connected socket hands out its send and its receive half once.
  bool sendTaken, receiveTaken;
};

// Linux's default listen backlog (SOMAXCONN).
constexpr uint32_t kDefaultBacklog = 4096;
// Linux's limits for the keep-alive options (MAX_TCP_KEEPIDLE, ...KEEPINTVL,
// ...KEEPCNT).
constexpr uint64_t kMaxKeepAliveSeconds = 32767;
constexpr uint32_t kMaxKeepAliveCount = 127;
constexpr uint64_t kNanosecondsPerSecond = 1000000000u;

TcpSocket& tcpSocket(uint32_t rep) { return hostObject<TcpSocket>(rep, HostKind::kTcpSocket); }

uint32_t NewTcpSocket(int fd, IpAddressFamily family, TcpPhase phase) {
  uint32_t rep = CreateHostObject(HostKind::kTcpSocket);
  tcpSocket(rep) = TcpSocket{fd, family, phase, 0, kDefaultBacklog, false, false};
  return rep;
}

bool IsBound(TcpPhase phase) {
  return phase == TcpPhase::kBound || phase == TcpPhase::kListenStarted || phase == TcpPhase::kListening ||
         phase == TcpPhase::kConnected;
}

// Opens an input and an output stream on duplicates of `fd`: [0] input,
// [1] output; false (and -errno in *error) when a duplicate fails.
bool OpenStreams(int fd, uint32_t* streams, long* error) {
  long input = DuplicateFd(fd);
  if (input < 0) return *error = input, false;
  long output = DuplicateFd(fd);
  if (output < 0) {
    CloseFd((int)input);
    return *error = output, false;
  }
  streams[0] = NewSocketInputStream((int32_t)input);
  streams[1] = NewSocketOutputStream((int32_t)output);
  return true;
}

// What a socket's pollable waits for, decided when polled: a connect in
// progress completes when writable, a listener has a client when readable.
PollTarget TcpPollTarget(uint32_t rep) {
  const TcpSocket& socket = tcpSocket(rep);
  if (socket.phase == TcpPhase::kConnecting && socket.connectError == 0)
    return PollTarget{socket.fd, linux_abi::kPollOut};
  if (socket.phase == TcpPhase::kListening) return PollTarget{socket.fd, linux_abi::kPollIn};
  return PollTarget{-1, 0};
}

// The address checks start-bind and start-connect share; 0 or an error-code
// case + 1.
uint32_t CheckAddress(const TcpSocket& socket, const uint64_t* slots, Sockaddr* address, uint32_t* length) {
  if (!SocketAddressFromSlots(slots, address, length)) return kSockInvalidArgument + 1;
  if (!AddressFitsFamily(*address, socket.family)) return kSockInvalidArgument + 1;
  if (IsMulticastOrBroadcast(*address)) return kSockInvalidArgument + 1;
  return 0;
}

uint16_t PortOf(const Sockaddr& address) { return address.family == kAfInet6 ? address.v6.port : address.v4.port; }

void StartConnect(TcpSocket& socket, const uint64_t* slots, uint64_t* results) {
  Sockaddr address;
  uint32_t length;
  if (uint32_t bad = CheckAddress(socket, slots, &address, &length)) return SetSocketError(results, bad - 1);
  if (IsUnspecified(address) || PortOf(address) == 0) return SetSocketError(results, kSockInvalidArgument);
  if (!NetworkGranted()) return SetSocketError(results, kSockAccessDenied);
  switch (socket.phase) {
    case TcpPhase::kUnbound:
    case TcpPhase::kBound: break;
    case TcpPhase::kBindStarted:
    case TcpPhase::kListenStarted:
    case TcpPhase::kConnecting: return SetSocketError(results, kSockConcurrencyConflict);
    default: return SetSocketError(results, kSockInvalidState);
  }
  long result = RetryInterrupted([&] { return Sys(arch::kSysConnect, socket.fd, (long)&address, length); });
  if (result < 0 && result != -kEinprogress) {
    // Errors found at once (e.g. a refused loopback port) come from
    // finish-connect, as if the connect had run in the background.
    if (result == -kEinval || result == -kEafnosupport) return SetSocketOutcome(results, result);
    socket.connectError = (int32_t)-result;
  }
  socket.phase = TcpPhase::kConnecting;
  SetSocketOk(results);
}

// Moves a connecting socket on once the connect is over: false while it is
// not (would-block), else true with result<_, error-code> in `results`.
bool CompleteConnect(TcpSocket& socket, uint64_t* results) {
  int error = socket.connectError;
  if (error == 0) {
    if (!DescriptorReady(socket.fd, linux_abi::kPollOut)) return false;
    long result = GetIntOption(socket.fd, kSolSocket, kSoError, &error);
    if (result < 0) error = (int)-result;
  }
  if (error != 0) {
    socket.phase = TcpPhase::kClosed;
    socket.connectError = error;  // what 0.3's send and receive report from now on
    SetSocketError(results, SocketErrorCode(error));
    return true;
  }
  socket.phase = TcpPhase::kConnected;
  SetSocketOk(results);
  return true;
}

void FinishConnect(TcpSocket& socket, uint64_t* results) {
  if (socket.phase != TcpPhase::kConnecting) return SetSocketError(results, kSockNotInProgress);
  if (!CompleteConnect(socket, results)) return SetSocketError(results, kSockWouldBlock);
  if (results[0] != 0) return;
  uint32_t streams[2];
  long failure;
  if (!OpenStreams(socket.fd, streams, &failure)) {
    // As before the connect completed: the streams are what finish-connect
    // exists to hand out.
    socket.phase = TcpPhase::kConnecting;
    return SetSocketOutcome(results, failure);
  }
  results[0] = 0;
  results[1] = streams[0];
  results[2] = streams[1];
}

void Accept(TcpSocket& listener, uint64_t* results) {
  if (listener.phase != TcpPhase::kListening) return SetSocketError(results, kSockInvalidState);
  long fd = RetryInterrupted([&] { return Sys(arch::kSysAccept4, listener.fd, 0, 0, kSockNonBlock | kSockCloexec); });
  if (fd < 0) return SetSocketOutcome(results, fd);
  uint32_t streams[2];
  long failure;
  if (!OpenStreams((int)fd, streams, &failure)) {
    CloseFd((int)fd);
    return SetSocketOutcome(results, failure);
  }
  results[0] = 0;
  results[1] = NewTcpSocket((int)fd, listener.family, TcpPhase::kConnected);
  results[2] = streams[0];
  results[3] = streams[1];
}

// result<ip-socket-address, error-code>: [0] disc, [1..12] the address.
void ReportAddress(long result, const Sockaddr& address, uint64_t* results) {
  if (result < 0) return SetSocketOutcome(results, result);
  results[0] = 0;
  SocketAddressToSlots(address, results + 1);
}

void SetBacklog(TcpSocket& socket, uint64_t value, uint64_t* results) {
  if (value == 0) return SetSocketError(results, kSockInvalidArgument);
  uint32_t backlog = (uint32_t)ClampToInt(value);
  switch (socket.phase) {
    case TcpPhase::kUnbound:
    case TcpPhase::kBindStarted:
    case TcpPhase::kBound:
    case TcpPhase::kListenStarted: socket.backlog = backlog; return SetSocketOk(results);
    case TcpPhase::kListening:
      socket.backlog = backlog;
      return SetSocketOutcome(results, Sys(arch::kSysListen, socket.fd, backlog));
    default: return SetSocketError(results, kSockInvalidState);
  }
}

// duration (nanoseconds) -> whole seconds for TCP_KEEPIDLE/KEEPINTVL,
// rounded up and clamped to what Linux accepts.
int KeepAliveSeconds(uint64_t nanoseconds) {
  uint64_t seconds = nanoseconds / kNanosecondsPerSecond + (nanoseconds % kNanosecondsPerSecond != 0 ? 1 : 0);
  return (int)(seconds > kMaxKeepAliveSeconds ? kMaxKeepAliveSeconds : seconds);
}

void GetKeepAliveTime(const TcpSocket& socket, int option, uint64_t* results) {
  int seconds;
  long result = GetIntOption(socket.fd, kIpprotoTcp, option, &seconds);
  if (result < 0) return SetSocketOutcome(results, result);
  SetSocketOk(results, (uint64_t)seconds * kNanosecondsPerSecond);
}

void SetKeepAliveTime(const TcpSocket& socket, int option, uint64_t nanoseconds, uint64_t* results) {
  if (nanoseconds == 0) return SetSocketError(results, kSockInvalidArgument);
  SetSocketOutcome(results, SetIntOption(socket.fd, kIpprotoTcp, option, KeepAliveSeconds(nanoseconds)));
}

}  // namespace

// --- What wasi:sockets 0.3's tcp-socket adds (p3/SocketsTcp.cpp) --------------

int32_t TcpFd(uint32_t rep) { return tcpSocket(rep).fd; }
IpAddressFamily TcpFamily(uint32_t rep) { return tcpSocket(rep).family; }

bool TcpConnect(uint32_t rep, const uint64_t* slots, uint64_t* results) {
  TcpSocket& socket = tcpSocket(rep);
  // 0.3 (as Wasmtime) judges the state before the address.
  if (socket.phase != TcpPhase::kUnbound && socket.phase != TcpPhase::kBound) {
    SetSocketError(results, kSockInvalidState);
    return true;
  }
  StartConnect(socket, slots, results);
  if (results[0] != 0) return true;
  return CompleteConnect(socket, results);
}

bool TcpFinishConnect(uint32_t rep, uint64_t* results) {
  TcpSocket& socket = tcpSocket(rep);
  if (socket.phase != TcpPhase::kConnecting) {
    SetSocketError(results, kSockInvalidState);
    return true;
  }
  return CompleteConnect(socket, results);
}

void TcpListen(uint32_t rep, uint64_t* results) {
  TcpSocket& socket = tcpSocket(rep);
  if (socket.phase != TcpPhase::kUnbound && socket.phase != TcpPhase::kBound)
    return SetSocketError(results, kSockInvalidState);
  if (!NetworkGranted()) return SetSocketError(results, kSockAccessDenied);
  if (socket.phase == TcpPhase::kUnbound) {
    // listen(2) would bind an unbound socket itself; binding here first, as
    // Wasmtime does, gives it the same SO_REUSEADDR as an explicit bind.
    Sockaddr any{};
    any.family = (uint16_t)LinuxFamily(socket.family);
    SetIntOption(socket.fd, kSolSocket, kSoReuseAddr, 1);
    long bound = Sys(arch::kSysBind, socket.fd, (long)&any, SockaddrLength(any));
    if (bound < 0) return SetSocketOutcome(results, bound);
    socket.phase = TcpPhase::kBound;
  }
  long result = Sys(arch::kSysListen, socket.fd, socket.backlog);
  if (result < 0) return SetSocketOutcome(results, result);
  socket.phase = TcpPhase::kListening;
  SetSocketOk(results);
}

uint32_t NewAcceptedTcpSocket(int fd, IpAddressFamily family, int error) {
  uint32_t rep = NewTcpSocket(fd, family, error ? TcpPhase::kClosed : TcpPhase::kConnected);
  tcpSocket(rep).connectError = error;
  return rep;
}

long TcpTakeHalf(uint32_t rep, bool send) {
  TcpSocket& socket = tcpSocket(rep);
  if (socket.phase == TcpPhase::kClosed && socket.connectError) return -(long)socket.connectError;
  bool& taken = send ? socket.sendTaken : socket.receiveTaken;
  if (socket.phase != TcpPhase::kConnected || taken) return -kEnotconn;
  long fd = DuplicateFd(socket.fd);
  if (fd >= 0) taken = true;
  return fd;
}

}  // namespace wacc_rt

using namespace wacc_rt;
using namespace wacc_rt::linux_abi;

extern "C" void wacc_host_wasi_sockets_tcp_create_socket_create_tcp_socket(uint32_t family, uint64_t* results) {
  if (family > kFamilyIpv6) return SetSocketError(results, kSockInvalidArgument);
  long fd = OpenSocket((IpAddressFamily)family, kSockStream);
  if (fd < 0) return SetSocketOutcome(results, fd);
  SetSocketOk(results, NewTcpSocket((int)fd, (IpAddressFamily)family, TcpPhase::kUnbound));
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_start_bind(uint32_t self, uint32_t network,
                                                                        WACC_SOCKET_ADDRESS_PARAMS, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  HostObjectPayload(network, HostKind::kNetwork);
  const uint64_t slots[kSocketAddressSlots] = WACC_SOCKET_ADDRESS_SLOTS;
  Sockaddr address;
  uint32_t length;
  if (uint32_t bad = CheckAddress(socket, slots, &address, &length)) return SetSocketError(results, bad - 1);
  if (!NetworkGranted()) return SetSocketError(results, kSockAccessDenied);
  if (socket.phase != TcpPhase::kUnbound) return SetSocketError(results, kSockInvalidState);
  // Lets a listener rebind its port while old connections sit in TIME_WAIT.
  SetIntOption(socket.fd, kSolSocket, kSoReuseAddr, 1);
  long result = Sys(arch::kSysBind, socket.fd, (long)&address, length);
  if (result < 0) return SetSocketOutcome(results, result);
  socket.phase = TcpPhase::kBindStarted;
  SetSocketOk(results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_finish_bind(uint32_t self, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  if (socket.phase != TcpPhase::kBindStarted) return SetSocketError(results, kSockNotInProgress);
  socket.phase = TcpPhase::kBound;
  SetSocketOk(results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_start_connect(uint32_t self, uint32_t network,
                                                                           WACC_SOCKET_ADDRESS_PARAMS,
                                                                           uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  HostObjectPayload(network, HostKind::kNetwork);
  const uint64_t slots[kSocketAddressSlots] = WACC_SOCKET_ADDRESS_SLOTS;
  StartConnect(socket, slots, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_finish_connect(uint32_t self, uint64_t* results) {
  FinishConnect(tcpSocket(self), results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_start_listen(uint32_t self, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  if (socket.phase == TcpPhase::kListenStarted) return SetSocketError(results, kSockConcurrencyConflict);
  if (socket.phase != TcpPhase::kBound) return SetSocketError(results, kSockInvalidState);
  if (!NetworkGranted()) return SetSocketError(results, kSockAccessDenied);
  long result = Sys(arch::kSysListen, socket.fd, socket.backlog);
  if (result < 0) return SetSocketOutcome(results, result);
  socket.phase = TcpPhase::kListenStarted;
  SetSocketOk(results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_finish_listen(uint32_t self, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  if (socket.phase != TcpPhase::kListenStarted) return SetSocketError(results, kSockNotInProgress);
  socket.phase = TcpPhase::kListening;
  SetSocketOk(results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_accept(uint32_t self, uint64_t* results) {
  Accept(tcpSocket(self), results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_local_address(uint32_t self, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  if (!IsBound(socket.phase)) return SetSocketError(results, kSockInvalidState);
  Sockaddr address;
  ReportAddress(LocalAddressOf(socket.fd, &address), address, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_remote_address(uint32_t self, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  if (socket.phase != TcpPhase::kConnected) return SetSocketError(results, kSockInvalidState);
  Sockaddr address;
  ReportAddress(RemoteAddressOf(socket.fd, &address), address, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_is_listening(uint32_t self, uint64_t* results) {
  results[0] = tcpSocket(self).phase == TcpPhase::kListening ? 1 : 0;
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_address_family(uint32_t self, uint64_t* results) {
  results[0] = tcpSocket(self).family;
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_listen_backlog_size(uint32_t self, uint64_t value,
                                                                                     uint64_t* results) {
  SetBacklog(tcpSocket(self), value, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_enabled(uint32_t self, uint64_t* results) {
  int enabled;
  long result = GetIntOption(tcpSocket(self).fd, kSolSocket, kSoKeepAlive, &enabled);
  if (result < 0) return SetSocketOutcome(results, result);
  SetSocketOk(results, enabled != 0 ? 1 : 0);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_enabled(uint32_t self, uint32_t value,
                                                                                    uint64_t* results) {
  SetSocketOutcome(results, SetIntOption(tcpSocket(self).fd, kSolSocket, kSoKeepAlive, value != 0));
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_idle_time(uint32_t self, uint64_t* results) {
  GetKeepAliveTime(tcpSocket(self), kTcpKeepIdle, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_idle_time(uint32_t self, uint64_t value,
                                                                                      uint64_t* results) {
  SetKeepAliveTime(tcpSocket(self), kTcpKeepIdle, value, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_interval(uint32_t self, uint64_t* results) {
  GetKeepAliveTime(tcpSocket(self), kTcpKeepIntvl, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_interval(uint32_t self, uint64_t value,
                                                                                     uint64_t* results) {
  SetKeepAliveTime(tcpSocket(self), kTcpKeepIntvl, value, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_count(uint32_t self, uint64_t* results) {
  int count;
  long result = GetIntOption(tcpSocket(self).fd, kIpprotoTcp, kTcpKeepCnt, &count);
  if (result < 0) return SetSocketOutcome(results, result);
  SetSocketOk(results, (uint64_t)count);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_count(uint32_t self, uint32_t value,
                                                                                  uint64_t* results) {
  if (value == 0) return SetSocketError(results, kSockInvalidArgument);
  int count = (int)(value > kMaxKeepAliveCount ? kMaxKeepAliveCount : value);
  SetSocketOutcome(results, SetIntOption(tcpSocket(self).fd, kIpprotoTcp, kTcpKeepCnt, count));
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_hop_limit(uint32_t self, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  GetHopLimit(socket.fd, socket.family, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_hop_limit(uint32_t self, uint32_t value,
                                                                           uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  SetHopLimit(socket.fd, socket.family, value, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_receive_buffer_size(uint32_t self, uint64_t* results) {
  GetBufferSize(tcpSocket(self).fd, kSoRcvBuf, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_receive_buffer_size(uint32_t self, uint64_t value,
                                                                                     uint64_t* results) {
  SetBufferSize(tcpSocket(self).fd, kSoRcvBuf, value, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_send_buffer_size(uint32_t self, uint64_t* results) {
  GetBufferSize(tcpSocket(self).fd, kSoSndBuf, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_set_send_buffer_size(uint32_t self, uint64_t value,
                                                                                  uint64_t* results) {
  SetBufferSize(tcpSocket(self).fd, kSoSndBuf, value, results);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_subscribe(uint32_t self, uint64_t* results) {
  tcpSocket(self);
  results[0] = NewDynamicPollable(self, TcpPollTarget);
}

extern "C" void wacc_host_wasi_sockets_tcp_method_tcp_socket_shutdown(uint32_t self, uint32_t how, uint64_t* results) {
  TcpSocket& socket = tcpSocket(self);
  if (socket.phase != TcpPhase::kConnected) return SetSocketError(results, kSockInvalidState);
  // shutdown-type's cases are SHUT_RD, SHUT_WR, SHUT_RDWR in order.
  if (how > kShutReadWrite) return SetSocketError(results, kSockInvalidArgument);
  SetSocketOutcome(results, Sys(arch::kSysShutdown, socket.fd, how));
}

extern "C" void wacc_host_wasi_sockets_tcp_resource_drop_tcp_socket(uint32_t rep) {
  CloseFd(tcpSocket(rep).fd);
  DestroyHostObject(rep, HostKind::kTcpSocket);
}
