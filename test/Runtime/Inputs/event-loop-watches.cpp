// core/EventLoop.h's watches, as host code other than the async runtime
// would use them (test/Runtime/event-loop-watches.test).
#include "TestSupport.h"
#include "core/EventLoop.h"
#include "core/Syscall.h"
#include "wasi/Sockets.h"

using namespace wacc_rt;

extern "C" const struct wacc_capabilities wacc_capabilities = {0, 0, nullptr, nullptr, 0, 1};

namespace {

uint32_t removeOnCall = 0;  // a watch the next call removes

void Ready(void* state, uint32_t revents) {
  test_print(static_cast<const char*>(state));
  test_print((revents & kIoIn) ? " in\n" : " ?\n");
  if (removeOnCall) {
    IoWatchRemove(removeOnCall);
    removeOnCall = 0;
  }
}

uint64_t Now() {
  struct {
    long seconds, nanoseconds;
  } ts{};
  syscall(arch::kSysClockGettime, 1, (long)&ts);
  return (uint64_t)ts.seconds * 1000000000u + (uint64_t)ts.nanoseconds;
}

// A udp-socket of 127.0.0.1 (the 0.3 host's), its port in *port.
uint32_t BoundSocket(uint16_t* port) {
  uint64_t results[16];
  wacc_host_p3_wasi_sockets_types_static_udp_socket_create(0, results);
  uint32_t socket = (uint32_t)results[1];
  wacc_host_p3_wasi_sockets_types_method_udp_socket_bind(socket, 0, 0, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, results);
  wacc_host_p3_wasi_sockets_types_method_udp_socket_get_local_address(socket, results);
  *port = (uint16_t)results[2];
  return socket;
}

}  // namespace

extern "C" int32_t wacc_main(void) {
  uint16_t portA, portB;
  uint32_t a = BoundSocket(&portA), b = BoundSocket(&portB);
  int32_t fd = UdpFd(a);
  // CHECK: idle: 0
  uint32_t w1 = IoWatchAdd(fd, kIoIn, Ready, (void*)"w1");
  uint32_t w2 = IoWatchAdd(fd, kIoIn, Ready, (void*)"w2");
  test_print_u64("idle: ", IoWait(0));

  // A datagram to a: both watches of its descriptor are called, as long as
  // it is unread (level-triggered).
  // CHECK-NEXT: w{{[12]}} in
  // CHECK-NEXT: w{{[12]}} in
  // CHECK-NEXT: called: 2
  uint64_t results[8];
  wacc_host_p3_wasi_sockets_types_method_udp_socket_send(b, "x", 1, 1, 0, portA, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                                                         results);
  test_print_u64("called: ", IoWait(kIoWaitForever));
  // CHECK-NEXT: w1 in
  // CHECK-NEXT: after remove: 1
  IoWatchRemove(w2);
  test_print_u64("after remove: ", IoWait(0));
  // CHECK-NEXT: no events: 0
  IoWatchSetEvents(w1, 0);
  test_print_u64("no events: ", IoWait(0));

  // A timeout with nothing ready: not before it is due.
  // CHECK-NEXT: timed out: 0
  // CHECK-NEXT: waited 20 ms: 1
  uint64_t start = Now();
  test_print_u64("timed out: ", IoWait(20000000));
  test_print_u64("waited 20 ms: ", Now() - start >= 20000000 ? 1 : 0);

  // Forgetting a descriptor removes its watches.
  // CHECK-NEXT: forgotten: 0
  IoForgetFd(fd);
  test_print_u64("forgotten: ", IoWatchCount());

  // A regular file: always ready. A watch removed by another's call while
  // both are due is not called (the newer watch is called first).
  // CHECK-NEXT: r4 in
  // CHECK-NEXT: file: 1
  long file = syscall(arch::kSysOpenat, -100 /* AT_FDCWD */, (long)"/proc/self/exe", 0);
  removeOnCall = IoWatchAdd((int32_t)file, kIoIn, Ready, (void*)"r3");
  IoWatchAdd((int32_t)file, kIoIn, Ready, (void*)"r4");
  test_print_u64("file: ", IoWait(kIoWaitForever));
  return 0;
}
