// What the wasi:sockets 0.3 sources share (Sockets.cpp, SocketsTcp.cpp): the
// 0.3 error-code and its translation from 0.2's cases.
#pragma once

#include <stdint.h>

namespace wacc_rt {

// 0.3 error-code cases.
enum : uint32_t {
  kP3AccessDenied = 0,
  kP3NotSupported,
  kP3InvalidArgument,
  kP3OutOfMemory,
  kP3Timeout,
  kP3InvalidState,
  kP3AddressNotBindable,
  kP3AddressInUse,
  kP3RemoteUnreachable,
  kP3ConnectionRefused,
  kP3ConnectionBroken,
  kP3ConnectionReset,
  kP3ConnectionAborted,
  kP3DatagramTooLarge,
  kP3Other,
};

// 0.3's error-code case for 0.2's (wasi/Sockets.h, SocketErrorCode).
uint32_t P3ErrorCode(uint64_t p2);
// Turns a 0.2 result<T, error-code> in `results` into 0.3's (the case
// renumbered, other's option none).
void TranslateSocketResult(uint64_t* results);
// The network handle 0.2's functions ask for, made on first use and kept.
uint32_t SocketsNetwork();

}  // namespace wacc_rt
