// The host's side of resources: every host resource (a stream, an error...)
// is a small fixed-size object in one table, and its rep, the number the
// generated adapters put in their handle tables, is its index there (never 0).
#pragma once

#include <stdint.h>

namespace wacc_rt {

enum class HostKind : uint32_t {
  kFree = 0,
  kOutputStream,
  kInputStream,
  kIoError,
  kPollable,
  kTerminalInput,
  kTerminalOutput,
  kDescriptor,
  kDirectoryEntryStream,
  kNetwork,
  kTcpSocket,
  kUdpSocket,
  kIncomingDatagramStream,
  kOutgoingDatagramStream,
  kResolveAddressStream,
  // wasi:http/types (wasi/http/Http.h)
  kHttpFields,
  kHttpIncomingRequest,
  kHttpOutgoingRequest,
  kHttpRequestOptions,
  kHttpResponseOutparam,
  kHttpIncomingResponse,
  kHttpIncomingBody,
  kHttpFutureTrailers,
  kHttpOutgoingResponse,
  kHttpOutgoingBody,
  kHttpFutureIncomingResponse,
  // wasi:http/types 0.3 (wasi/http/p3/P3Http.h)
  kHttpP3Request,
  kHttpP3Response,
  kHttpP3RequestOptions,
};

inline constexpr unsigned kHostPayloadSize = 56;

// Creates an object of `kind` with a zeroed payload and returns its rep.
// Traps with WACC_TRAP_OUT_OF_MEMORY if the table cannot grow.
uint32_t CreateHostObject(HostKind kind);

// The payload of the live object `rep`; traps with WACC_TRAP_INVALID_HANDLE
// if there is none or it is of another kind.
void* HostObjectPayload(uint32_t rep, HostKind kind);

// Frees the object (same checks as hostObjectPayload); its rep may be reused.
void DestroyHostObject(uint32_t rep, HostKind kind);

template <typename Payload>
Payload& hostObject(uint32_t rep, HostKind kind) {
  static_assert(sizeof(Payload) <= kHostPayloadSize, "payload too large for a host object");
  return *static_cast<Payload*>(HostObjectPayload(rep, kind));
}

}  // namespace wacc_rt
