// The async runtime's event loop (epoll, core/EventLoop.cpp) with many
// descriptors waiting at once: 100 udp-sockets of 127.0.0.1 each have a
// wasi:sockets 0.3 receive pending (a host subtask the loop resolves when
// the socket is readable). A datagram to the last one alone resolves its
// subtask while the 99 others go on waiting (the ppoll loop before it
// watched the first 64 only, and hung here); then each of the others gets
// one, and every subtask resolves with its byte.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: timeout 60 %t.x86_64 | %FileCheck %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ timeout 120 %run-aarch64 %t.aarch64 | %FileCheck %s %}

#include "TestSupport.h"

// CHECK: pending=100
// CHECK-NEXT: last received 99
// CHECK-NEXT: received=100

const struct wacc_capabilities wacc_capabilities = {0, 0, 0, 0, 0, 1};

enum { kSockets = 100 };

static uint32_t sockets[kSockets], subtasks[kSockets];
static uint16_t ports[kSockets];

static void send_to(uint32_t from, uint16_t port, const char* byte) {
  uint64_t results[8];
  // option some, ipv4, the port, 127.0.0.1
  wacc_host_p3_wasi_sockets_types_method_udp_socket_send(from, byte, 1, 1, 0, port, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                                                         results);
  if (results[0] != 0) test_print("send failed\n");
}

// The datagram a resolved receive got: result ok, list (pointer, length 1).
static int received(uint32_t subtask, char expected) {
  const uint64_t* results = wacc_rt_subtask_block(subtask);
  return results[0] == 0 && results[2] == 1 && *(const char*)(uintptr_t)results[1] == expected;
}

int32_t wacc_main(void) {
  uint64_t results[16];
  uint32_t pending = 0;
  // The waits below block, which only a task of `async` type may (as the
  // run export of a 0.3 command is).
  wacc_rt_task_begin(0, WACC_TASK_ASYNC_TYPE);
  for (int i = 0; i < kSockets; ++i) {
    wacc_host_p3_wasi_sockets_types_static_udp_socket_create(0, results);
    sockets[i] = (uint32_t)results[1];
    wacc_host_p3_wasi_sockets_types_method_udp_socket_bind(sockets[i], 0, 0, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, results);
    if (results[0] != 0) test_print("bind failed\n");
    wacc_host_p3_wasi_sockets_types_method_udp_socket_get_local_address(sockets[i], results);
    ports[i] = (uint16_t)results[2];
    subtasks[i] = wacc_host_p3_wasi_sockets_types_method_udp_socket_receive(sockets[i], results);
    if (subtasks[i] != 0) ++pending;
  }
  test_print_u64("pending=", pending);
  send_to(sockets[0], ports[kSockets - 1], "z");
  if (received(subtasks[kSockets - 1], 'z')) test_print_u64("last received ", kSockets - 1);
  uint32_t count = 1;
  for (int i = 0; i < kSockets - 1; ++i) {
    send_to(sockets[kSockets - 1], ports[i], "a");
    if (received(subtasks[i], 'a')) ++count;
  }
  test_print_u64("received=", count);
  return 0;
}
