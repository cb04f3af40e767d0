// wasi:sockets 0.3 tcp-socket connect, listen, send and receive: where 0.3
// moves a connection's data through streams and futures instead of 0.2's
// input/output streams. The socket itself is 0.2's (wasi/SocketsTcp.cpp,
// whose state machine these functions drive through wasi/Sockets.h).
//
//   connect  an async func: 0.2's start-connect, then a host subtask the
//            event loop resolves once the socket is writable (the connect
//            is over, either way).
//   listen   result<stream<tcp-socket>>: a stream the host writes; each
//            element is an accepted connection, a new tcp-socket handle the
//            runtime's generated code lowers into the guest (HostEnd's
//            `produce`). An accept error gives a closed socket that reports
//            the error from send and receive, as Wasmtime does.
//   send     consumes a stream<u8>: each guest write is sent at once
//            (non-blocking; the rest when writable). The guest dropping its
//            end is shutdown(SHUT_WR); the future then says ok.
//   receive  a stream<u8> the host writes from recv(2); end of input ends
//            it. The guest dropping it is shutdown(SHUT_RD). The future says
//            how the stream ended.
// A connected socket gives out one send and one receive stream; asking
// again, or asking a socket that is not connected, gives a future holding
// invalid-state (and an empty stream / a closed data stream).
//
// Each stream is a TcpHalf with its own duplicate of the descriptor, so the
// socket resource and its streams may be dropped in any order (the
// connection lives until the last is gone). A TcpHalf is freed once both
// host ends (stream and future) are released by the guest.
#include "core/AsyncHost.h"
#include "core/PageAllocator.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Sockets.h"
#include "wasi/p3/Sockets.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

struct TcpHalf {
  int32_t fd;              // its own duplicate; -1 once closed
  IpAddressFamily family;  // listen: that of the sockets it accepts
  bool inUse;
  bool ended;       // the stream is over: the future has its value
  uint32_t error;   // 0 (ok), or a 0.3 error-code case + 1
  uint32_t future;  // readable rep of the result future; 0 once dropped
  uint32_t refs;    // host ends not yet released (stream, future)
};

constexpr uint32_t kMaxHalves = 4096;
TcpHalf* halves = nullptr;
uint32_t halfHint = 0;

TcpHalf* NewHalf(int32_t fd, IpAddressFamily family, uint32_t refs) {
  if (!halves) {
    halves = static_cast<TcpHalf*>(AllocatePages(sizeof(TcpHalf) * kMaxHalves));
    if (!halves) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  }
  for (uint32_t i = 0; i < kMaxHalves; ++i) {
    TcpHalf* h = &halves[(halfHint + i) % kMaxHalves];
    if (h->inUse) continue;
    halfHint = (halfHint + i + 1) % kMaxHalves;
    *h = TcpHalf{fd, family, true, false, 0, 0, refs};
    return h;
  }
  Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
}

void CloseHalf(TcpHalf* h) {
  if (h->fd >= 0) CloseFd(h->fd);
  h->fd = -1;
}

void Release(TcpHalf* h) {
  if (--h->refs != 0) return;
  CloseHalf(h);
  h->inUse = false;
}

// The stream is over: with `error` (a 0.3 case + 1) or 0 for ok. A future
// read waiting on it completes.
void Finish(TcpHalf* h, uint32_t error) {
  if (h->ended) return;
  h->ended = true;
  h->error = error;
  CloseHalf(h);
  if (h->future) HostStreamWake(h->future);
}

// 0.3's error-code for an errno of send/recv/accept, as Wasmtime maps them:
// a write to a connection the peer closed is connection-broken.
uint32_t P3ErrnoCase(long error) {
  if (error == kEpipe) return kP3ConnectionBroken;
  return P3ErrorCode(SocketErrorCode((int32_t)error));
}

// --- The result future: future<result<_, error-code>> ------------------------

// As host slots (wacc/WasiHostFunctions.h's layout of result<_,
// error-code>: case, error case, other's option case, string).
uint32_t FutureProduce(void* state, uint64_t* slots, uint32_t count) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  if (!h->ended) return kHostWouldBlock;
  if (count == 0) return 0;
  slots[0] = h->error ? 1 : 0;
  slots[1] = h->error ? h->error - 1 : 0;
  slots[2] = slots[3] = slots[4] = 0;
  return 1;
}

// The same value as canonical-ABI bytes (a reader without a lowering
// function): the result's case at 0, the error's case at 4, other's option
// case at 8 (none).
uint32_t FutureReady(void* state, uint8_t* buffer, uint32_t count, uint32_t elemSize) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  if (!h->ended) return kHostWouldBlock;
  if (count == 0) return 0;
  for (uint32_t i = 0; i < elemSize; ++i) buffer[i] = 0;
  buffer[0] = h->error ? 1 : 0;
  if (h->error && elemSize > 8) buffer[4] = (uint8_t)(h->error - 1);
  return 1;
}

void FutureClosed(void* state) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  h->future = 0;
  Release(h);
}

uint32_t NewFuture(TcpHalf* h) {
  h->future = HostStreamWithWriter(1, HostEnd{FutureReady, h, -1, 0, FutureClosed, FutureProduce, 5});
  return h->future;
}

// --- receive: the host writes the guest's stream<u8> ------------------------------

uint32_t ReceiveReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  if (h->ended) return kHostClosed;
  if (count == 0) return 0;
  long n = RetryInterrupted([&] { return Sys(arch::kSysRecvfrom, h->fd, (long)buffer, count, kMsgDontWait, 0, 0); });
  if (n == -kEagain) return kHostWouldBlock;
  if (n > 0) return (uint32_t)n;
  Finish(h, n == 0 ? 0 : P3ErrnoCase(-n) + 1);
  return kHostClosed;
}

void ReceiveClosed(void* state) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  if (!h->ended) {
    Sys(arch::kSysShutdown, h->fd, kShutRead);
    Finish(h, 0);
  }
  Release(h);
}

// --- send: the host reads the guest's stream<u8> ---------------------------------

uint32_t SendReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  if (h->ended) return kHostClosed;
  if (count == 0) return 0;
  long n = RetryInterrupted(
      [&] { return Sys(arch::kSysSendto, h->fd, (long)buffer, count, kMsgDontWait | kMsgNoSignal, 0, 0); });
  if (n == -kEagain) return kHostWouldBlock;
  if (n >= 0) return (uint32_t)n;
  Finish(h, P3ErrnoCase(-n) + 1);
  return kHostClosed;
}

void SendClosed(void* state) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  if (!h->ended) {
    Sys(arch::kSysShutdown, h->fd, kShutWrite);
    Finish(h, 0);
  }
  Release(h);
}

// --- listen: the host writes the guest's stream<tcp-socket> ------------------------

// Accepted connections as own<tcp-socket> reps, one slot each.
uint32_t AcceptProduce(void* state, uint64_t* slots, uint32_t count) {
  TcpHalf* h = static_cast<TcpHalf*>(state);
  if (count == 0) return 0;
  uint32_t n = 0;
  while (n < count) {
    long fd = RetryInterrupted([&] { return Sys(arch::kSysAccept4, h->fd, 0, 0, kSockNonBlock | kSockCloexec); });
    if (fd == -kEagain) break;
    if (fd < 0) {
      // Linux passes a pending connection's network errors on from
      // accept(2); Wasmtime reports them all as connection-aborted.
      long error = -fd;
      bool network = error == kEconnreset || error == kEhostunreach || error == kEnetunreach || error == kEnetdown ||
                     error == kEopnotsupp;
      slots[n++] = NewAcceptedTcpSocket(-1, h->family, network ? (int)kEconnaborted : (int)error);
      break;
    }
    slots[n++] = NewAcceptedTcpSocket((int)fd, h->family, 0);
  }
  return n ? n : kHostWouldBlock;
}

// A reader without a lowering function cannot take handles.
uint32_t AcceptReady(void*, uint8_t*, uint32_t, uint32_t) { return kHostClosed; }

void ListenClosed(void* state) { Release(static_cast<TcpHalf*>(state)); }

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;
using namespace wacc_rt::linux_abi;

namespace {

bool ConnectReady(void* state, uint64_t* results) {
  if (!TcpFinishConnect((uint32_t)(uintptr_t)state, results)) return false;
  TranslateSocketResult(results);
  return true;
}

}  // namespace

extern "C" {

// An async func: done at once when the connect is refused or rejected (or
// completes) in the call, else a host subtask resolved when it is over.
uint32_t wacc_host_p3_wasi_sockets_types_method_tcp_socket_connect(uint32_t self, WACC_SOCKET_ADDRESS_PARAMS,
                                                                   uint64_t* results) {
  const uint64_t slots[kSocketAddressSlots] = WACC_SOCKET_ADDRESS_SLOTS;
  if (TcpConnect(self, slots, results)) {
    TranslateSocketResult(results);
    return 0;
  }
  uint32_t subtask = HostSubtaskNew();
  HostSubtaskResolveWhenReady(subtask, TcpFd(self), linux_abi::kPollOut, ConnectReady, (void*)(uintptr_t)self);
  return subtask;
}

void wacc_host_p3_wasi_sockets_types_method_tcp_socket_listen(uint32_t self, uint64_t* results) {
  TcpListen(self, results);
  if (results[0] != 0) return TranslateSocketResult(results);
  long fd = DuplicateFd(TcpFd(self));
  if (fd < 0) {
    SetSocketOutcome(results, fd);
    return TranslateSocketResult(results);
  }
  TcpHalf* h = NewHalf((int32_t)fd, TcpFamily(self), 1);
  results[1] = HostStreamWithWriter(0, HostEnd{AcceptReady, h, (int32_t)fd, kPollIn, ListenClosed, AcceptProduce, 1});
}

void wacc_host_p3_wasi_sockets_types_method_tcp_socket_send(uint32_t self, uint32_t data, uint64_t* results) {
  long fd = TcpTakeHalf(self, true);
  TcpHalf* h = NewHalf(fd < 0 ? -1 : (int32_t)fd, TcpFamily(self), 2);
  results[0] = NewFuture(h);
  if (fd < 0) {
    // Not sendable: the data stream is closed unread.
    Finish(h, P3ErrnoCase(-fd) + 1);
    HostStreamClose(data);
    Release(h);  // no stream end refers to it
    return;
  }
  HostStreamAttachReader(data, HostEnd{SendReady, h, (int32_t)fd, linux_abi::kPollOut, SendClosed, nullptr, 0});
}

void wacc_host_p3_wasi_sockets_types_method_tcp_socket_receive(uint32_t self, uint64_t* results) {
  long fd = TcpTakeHalf(self, false);
  TcpHalf* h = NewHalf(fd < 0 ? -1 : (int32_t)fd, TcpFamily(self), 2);
  if (fd < 0) Finish(h, P3ErrnoCase(-fd) + 1);  // an empty stream, the error in the future
  results[0] = HostStreamWithWriter(0, HostEnd{ReceiveReady, h, h->fd, kPollIn, ReceiveClosed, nullptr, 0});
  results[1] = NewFuture(h);
}

}  // extern "C"
