// wasi:sockets 0.3.0 types: tcp-socket and udp-socket over the 0.2 host
// (runtime-support/wasi/Sockets*.cpp). A 0.3 socket is a 0.2 socket (the
// same host object; 0.3's resource-drop forwards to 0.2's), so each
// function calls its 0.2 counterpart and translates what differs:
//   - error-code is a variant of 15 cases ending in other(option<string>),
//     against 0.2's 21-case enum: the case is renumbered, 0.2's cases with
//     no 0.3 twin become invalid-state (concurrency-conflict,
//     not-in-progress: states 0.3 has no start/finish split for) or
//     other(none);
//   - bind is one call, 0.2's start-bind + finish-bind, and needs no
//     network handle: the 0.2 functions get one the runtime creates once.
//     --inherit-network gates it as in 0.2 (access-denied without).
// The flattened results are laid out alike except for the error's option
// slot (results[2]), which 0.2 never writes.
#include "wasi/Sockets.h"
#include "core/AsyncHost.h"
#include "core/ResultArena.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/p3/Sockets.h"

namespace wacc_rt {

uint32_t P3ErrorCode(uint64_t p2) {
  switch (p2) {
    case kSockAccessDenied: return kP3AccessDenied;
    case kSockNotSupported: return kP3NotSupported;
    case kSockInvalidArgument: return kP3InvalidArgument;
    case kSockOutOfMemory: return kP3OutOfMemory;
    case kSockTimeout: return kP3Timeout;
    case kSockConcurrencyConflict:
    case kSockNotInProgress:
    case kSockInvalidState: return kP3InvalidState;
    case kSockAddressNotBindable: return kP3AddressNotBindable;
    case kSockAddressInUse: return kP3AddressInUse;
    case kSockRemoteUnreachable: return kP3RemoteUnreachable;
    case kSockConnectionRefused: return kP3ConnectionRefused;
    case kSockConnectionReset: return kP3ConnectionReset;
    case kSockConnectionAborted: return kP3ConnectionAborted;
    case kSockDatagramTooLarge: return kP3DatagramTooLarge;
    default: return kP3Other;
  }
}

// Turns a 0.2 result<T, error-code> in `results` into 0.3's.
void TranslateSocketResult(uint64_t* results) {
  if (results[0] != 1) return;
  results[1] = P3ErrorCode(results[1]);
  results[2] = 0;  // other: none
}

// The network handle 0.2's bind asks for, made on first use and kept.
uint32_t SocketsNetwork() {
  static uint32_t network = 0;
  static bool made = false;
  if (!made) {
    uint64_t rep[1];
    wacc_host_wasi_sockets_instance_network_instance_network(rep);
    network = (uint32_t)rep[0];
    made = true;
  }
  return network;
}

namespace {

// Linux doubles a buffer size set with setsockopt (room for its own
// bookkeeping) and getsockopt reports the doubled figure; 0.3's getters
// report it halved, as Wasmtime does, so a size set reads back as set.
void HalveBufferSize(uint64_t* results) {
  if (results[0] == 0) results[1] /= 2;
}

// 0.3's ip-name-lookup error-code for 0.2's sockets error-code.
uint32_t P3LookupErrorCode(uint64_t p2) {
  switch (p2) {
    case kSockAccessDenied: return 0;
    case kSockInvalidArgument: return 1;
    case kSockNameUnresolvable: return 2;
    case kSockTemporaryResolverFailure: return 3;
    case kSockPermanentResolverFailure: return 4;
    default: return 5;  // other
  }
}

// ip-address in canonical-ABI bytes: the case at 0, the payload from 2
// (ipv4: 4 octets; ipv6: 8 little-endian u16).
constexpr uint32_t kIpAddressSize = 18;
// What 0.2's resolver can hold for one name (IpNameLookup.cpp).
constexpr uint32_t kMaxAddresses = 64;

// A receive that found nothing waiting: tried again whenever the socket is
// readable, until a datagram (or an error) arrives.
bool ReceiveReady(void* state, uint64_t* results) {
  if (!UdpReceive((uint32_t)(uintptr_t)state, results)) return false;
  TranslateSocketResult(results);
  return true;
}

}  // namespace
}  // namespace wacc_rt

using wacc_rt::HalveBufferSize;
using wacc_rt::SocketsNetwork;
using wacc_rt::TranslateSocketResult;

// A 0.3 function that forwards its arguments to `p2` and translates the
// result's error.
#define WACC_P3_FORWARD_GET(p3, p2)           \
  void p3(uint32_t self, uint64_t* results) { \
    p2(self, results);                        \
    TranslateSocketResult(results);           \
  }
#define WACC_P3_FORWARD_BUFFER_SIZE(p3, p2)   \
  void p3(uint32_t self, uint64_t* results) { \
    p2(self, results);                        \
    HalveBufferSize(results);                 \
    TranslateSocketResult(results);           \
  }
#define WACC_P3_FORWARD_SET(p3, p2, T)                 \
  void p3(uint32_t self, T value, uint64_t* results) { \
    p2(self, value, results);                          \
    TranslateSocketResult(results);                    \
  }

extern "C" {

// --- tcp-socket -------------------------------------------------------------

void wacc_host_p3_wasi_sockets_types_static_tcp_socket_create(uint32_t family, uint64_t* results) {
  wacc_host_wasi_sockets_tcp_create_socket_create_tcp_socket(family, results);
  TranslateSocketResult(results);
}

void wacc_host_p3_wasi_sockets_types_method_tcp_socket_bind(uint32_t self, WACC_SOCKET_ADDRESS_PARAMS,
                                                            uint64_t* results) {
  wacc_host_wasi_sockets_tcp_method_tcp_socket_start_bind(self, SocketsNetwork(), addressCase, a1, a2, a3, a4, a5, a6,
                                                          a7, a8, a9, a10, a11, results);
  if (results[0] == 0) wacc_host_wasi_sockets_tcp_method_tcp_socket_finish_bind(self, results);
  TranslateSocketResult(results);
}

WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_local_address,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_local_address)
WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_remote_address,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_remote_address)

void wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_is_listening(uint32_t self, uint64_t* results) {
  wacc_host_wasi_sockets_tcp_method_tcp_socket_is_listening(self, results);
}
void wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_address_family(uint32_t self, uint64_t* results) {
  wacc_host_wasi_sockets_tcp_method_tcp_socket_address_family(self, results);
}

WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_listen_backlog_size,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_listen_backlog_size, uint64_t)
WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_keep_alive_enabled,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_enabled)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_keep_alive_enabled,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_enabled, uint32_t)
WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_keep_alive_idle_time,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_idle_time)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_keep_alive_idle_time,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_idle_time, uint64_t)
WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_keep_alive_interval,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_interval)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_keep_alive_interval,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_interval, uint64_t)
WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_keep_alive_count,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_keep_alive_count)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_keep_alive_count,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_keep_alive_count, uint32_t)
WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_hop_limit,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_hop_limit)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_hop_limit,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_hop_limit, uint32_t)
WACC_P3_FORWARD_BUFFER_SIZE(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_receive_buffer_size,
                            wacc_host_wasi_sockets_tcp_method_tcp_socket_receive_buffer_size)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_receive_buffer_size,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_receive_buffer_size, uint64_t)
WACC_P3_FORWARD_BUFFER_SIZE(wacc_host_p3_wasi_sockets_types_method_tcp_socket_get_send_buffer_size,
                            wacc_host_wasi_sockets_tcp_method_tcp_socket_send_buffer_size)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_tcp_socket_set_send_buffer_size,
                    wacc_host_wasi_sockets_tcp_method_tcp_socket_set_send_buffer_size, uint64_t)

void wacc_host_p3_wasi_sockets_types_resource_drop_tcp_socket(uint32_t rep) {
  wacc_host_wasi_sockets_tcp_resource_drop_tcp_socket(rep);
}

// --- udp-socket -------------------------------------------------------------

void wacc_host_p3_wasi_sockets_types_static_udp_socket_create(uint32_t family, uint64_t* results) {
  wacc_host_wasi_sockets_udp_create_socket_create_udp_socket(family, results);
  TranslateSocketResult(results);
}

void wacc_host_p3_wasi_sockets_types_method_udp_socket_bind(uint32_t self, WACC_SOCKET_ADDRESS_PARAMS,
                                                            uint64_t* results) {
  wacc_host_wasi_sockets_udp_method_udp_socket_start_bind(self, SocketsNetwork(), addressCase, a1, a2, a3, a4, a5, a6,
                                                          a7, a8, a9, a10, a11, results);
  if (results[0] == 0) wacc_host_wasi_sockets_udp_method_udp_socket_finish_bind(self, results);
  TranslateSocketResult(results);
}

void wacc_host_p3_wasi_sockets_types_method_udp_socket_connect(uint32_t self, WACC_SOCKET_ADDRESS_PARAMS,
                                                               uint64_t* results) {
  const uint64_t slots[wacc_rt::kSocketAddressSlots] = WACC_SOCKET_ADDRESS_SLOTS;
  wacc_rt::UdpConnect(self, slots, results);
  TranslateSocketResult(results);
}

// An async func that never waits: the result is there when it returns 0.
uint32_t wacc_host_p3_wasi_sockets_types_method_udp_socket_send(uint32_t self, const void* data, uint32_t length,
                                                                uint32_t hasRemote, WACC_SOCKET_ADDRESS_PARAMS,
                                                                uint64_t* results) {
  // The option's case, then the address's slots.
  const uint64_t remote[1 + wacc_rt::kSocketAddressSlots] = {hasRemote, addressCase, a1, a2, a3,  a4, a5,
                                                             a6,        a7,          a8, a9, a10, a11};
  wacc_rt::UdpSend(self, data, length, remote, results);
  TranslateSocketResult(results);
  return 0;
}

// Completes at once when a datagram is waiting, else is a host subtask the
// event loop resolves when the socket becomes readable.
uint32_t wacc_host_p3_wasi_sockets_types_method_udp_socket_receive(uint32_t self, uint64_t* results) {
  if (wacc_rt::UdpReceive(self, results)) {
    TranslateSocketResult(results);
    return 0;
  }
  uint32_t subtask = wacc_rt::HostSubtaskNew();
  wacc_rt::HostSubtaskResolveWhenReady(subtask, wacc_rt::UdpFd(self), wacc_rt::linux_abi::kPollIn,
                                       wacc_rt::ReceiveReady, (void*)(uintptr_t)self);
  return subtask;
}

// --- ip-name-lookup ---------------------------------------------------------

// An async func that completes at once: 0.2's resolver answers in the call
// (its resolve-address-stream holds every address), so this drains it.
uint32_t wacc_host_p3_wasi_sockets_ip_name_lookup_resolve_addresses(const char* name, uint32_t length,
                                                                    uint64_t* results) {
  using namespace wacc_rt;
  wacc_host_wasi_sockets_ip_name_lookup_resolve_addresses(SocketsNetwork(), name, length, results);
  if (results[0] != 0) {
    results[1] = P3LookupErrorCode(results[1]);
    results[2] = 0;
    return 0;
  }
  uint32_t stream = (uint32_t)results[1];
  ResetResultArena();
  auto* list = static_cast<uint8_t*>(AllocateResult(kMaxAddresses * kIpAddressSize));
  uint32_t count = 0;
  uint64_t next[16];
  for (;;) {
    wacc_host_wasi_sockets_ip_name_lookup_method_resolve_address_stream_resolve_next_address(stream, next);
    if (next[0] != 0) {  // an error found while resolving
      wacc_host_wasi_sockets_ip_name_lookup_resource_drop_resolve_address_stream(stream);
      results[0] = 1;
      results[1] = P3LookupErrorCode(next[1]);
      results[2] = 0;
      return 0;
    }
    if (next[1] == 0 || count == kMaxAddresses) break;
    uint8_t* element = list + count++ * kIpAddressSize;
    for (uint32_t i = 0; i < kIpAddressSize; ++i) element[i] = 0;
    element[0] = (uint8_t)next[2];
    if (next[2] == kFamilyIpv4) {
      for (unsigned i = 0; i < 4; ++i) element[2 + i] = (uint8_t)next[3 + i];
    } else {
      for (unsigned i = 0; i < 8; ++i) {
        element[2 + 2 * i] = (uint8_t)next[3 + i];
        element[3 + 2 * i] = (uint8_t)(next[3 + i] >> 8);
      }
    }
  }
  wacc_host_wasi_sockets_ip_name_lookup_resource_drop_resolve_address_stream(stream);
  results[0] = 0;
  results[1] = reinterpret_cast<uintptr_t>(list);
  results[2] = count;
  return 0;
}

// --- udp-socket (continued) -------------------------------------------------

void wacc_host_p3_wasi_sockets_types_method_udp_socket_disconnect(uint32_t self, uint64_t* results) {
  wacc_rt::UdpDisconnect(self, results);
  TranslateSocketResult(results);
}

WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_udp_socket_get_local_address,
                    wacc_host_wasi_sockets_udp_method_udp_socket_local_address)
WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_udp_socket_get_remote_address,
                    wacc_host_wasi_sockets_udp_method_udp_socket_remote_address)

void wacc_host_p3_wasi_sockets_types_method_udp_socket_get_address_family(uint32_t self, uint64_t* results) {
  wacc_host_wasi_sockets_udp_method_udp_socket_address_family(self, results);
}

WACC_P3_FORWARD_GET(wacc_host_p3_wasi_sockets_types_method_udp_socket_get_unicast_hop_limit,
                    wacc_host_wasi_sockets_udp_method_udp_socket_unicast_hop_limit)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_udp_socket_set_unicast_hop_limit,
                    wacc_host_wasi_sockets_udp_method_udp_socket_set_unicast_hop_limit, uint32_t)
WACC_P3_FORWARD_BUFFER_SIZE(wacc_host_p3_wasi_sockets_types_method_udp_socket_get_receive_buffer_size,
                            wacc_host_wasi_sockets_udp_method_udp_socket_receive_buffer_size)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_udp_socket_set_receive_buffer_size,
                    wacc_host_wasi_sockets_udp_method_udp_socket_set_receive_buffer_size, uint64_t)
WACC_P3_FORWARD_BUFFER_SIZE(wacc_host_p3_wasi_sockets_types_method_udp_socket_get_send_buffer_size,
                            wacc_host_wasi_sockets_udp_method_udp_socket_send_buffer_size)
WACC_P3_FORWARD_SET(wacc_host_p3_wasi_sockets_types_method_udp_socket_set_send_buffer_size,
                    wacc_host_wasi_sockets_udp_method_udp_socket_set_send_buffer_size, uint64_t)

void wacc_host_p3_wasi_sockets_types_resource_drop_udp_socket(uint32_t rep) {
  wacc_host_wasi_sockets_udp_resource_drop_udp_socket(rep);
}

}  // extern "C"
