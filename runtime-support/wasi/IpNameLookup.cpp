// wasi:sockets/ip-name-lookup 0.2 over the runtime's resolver
// (dns/Resolver.h: numeric addresses, /etc/hosts, localhost, then DNS to
// the nameservers of resolv.conf). The lookup runs inside
// resolve-addresses, so the stream's pollable is always ready and
// resolve-next-address never says would-block; the stream holds every
// address (on its own page) and reports the lookup's error, if any, the way
// the WIT spreads the errors. 0.3's resolve-addresses drains this stream
// (p3/Sockets.cpp).
//
// Errors: a malformed name is invalid-argument at once; a name that does
// not exist (NXDOMAIN, no A/AAAA) is name-unresolvable, a resolver that
// timed out or failed temporarily (SERVFAIL) temporary-resolver-failure, and
// one that refused the query permanent-resolver-failure, as getaddrinfo's
// EAI_NONAME, EAI_AGAIN and EAI_FAIL are documented to map. (Wasmtime
// reports all three as name-unresolvable.) Without --inherit-network,
// resolve-addresses fails with access-denied (Wasmtime says
// permanent-resolver-failure; access-denied says why).
#include "core/HostObjects.h"
#include "core/PageAllocator.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Sockets.h"
#include "wasi/Streams.h"
#include "wasi/dns/Resolver.h"

namespace wacc_rt {
namespace {

struct ResolveStream {
  dns::AddressList* addresses;  // null after an error
  uint32_t next;
  uint32_t error;  // an error-code case + 1, or 0
};

ResolveStream& resolveStream(uint32_t rep) { return hostObject<ResolveStream>(rep, HostKind::kResolveAddressStream); }

uint32_t SocketError(dns::Outcome outcome) {
  switch (outcome) {
    case dns::Outcome::kOk: return 0;
    case dns::Outcome::kNameUnresolvable: return kSockNameUnresolvable;
    case dns::Outcome::kTemporaryFailure: return kSockTemporaryResolverFailure;
    case dns::Outcome::kPermanentFailure: return kSockPermanentResolverFailure;
  }
  return kSockUnknown;
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_sockets_ip_name_lookup_resolve_addresses(uint32_t network, const char* name,
                                                                        uint32_t length, uint64_t* results) {
  HostObjectPayload(network, HostKind::kNetwork);
  if (!NetworkGranted()) return SetSocketError(results, kSockAccessDenied);
  dns::IpAddress numeric;
  if (!dns::ParseIpAddress(name, length, &numeric) && !dns::IsValidHostName(name, length))
    return SetSocketError(results, kSockInvalidArgument);
  auto* addresses = static_cast<dns::AddressList*>(AllocatePages(sizeof(dns::AddressList)));
  if (!addresses) return SetSocketError(results, kSockOutOfMemory);
  dns::Outcome outcome = dns::Resolve(name, length, *addresses);
  uint32_t rep = CreateHostObject(HostKind::kResolveAddressStream);
  ResolveStream& stream = resolveStream(rep);
  stream.addresses = addresses;
  if (outcome != dns::Outcome::kOk) {
    stream.error = SocketError(outcome) + 1;
    stream.addresses = nullptr;
    FreePages(addresses, sizeof(dns::AddressList));
  }
  SetSocketOk(results, rep);
}

// result<option<ip-address>, error-code>: [0] disc, [1] option disc or the
// error, [2] 0 ipv4 / 1 ipv6, [3..10] the octets or the segments.
extern "C" void wacc_host_wasi_sockets_ip_name_lookup_method_resolve_address_stream_resolve_next_address(
    uint32_t self, uint64_t* results) {
  ResolveStream& stream = resolveStream(self);
  for (unsigned i = 0; i < 11; ++i) results[i] = 0;
  if (stream.error != 0) return SetSocketError(results, stream.error - 1u);
  if (stream.next == stream.addresses->count) return SetSocketOk(results, 0);
  const dns::IpAddress& address = stream.addresses->items[stream.next++];
  results[1] = 1;
  if (address.isV6) {
    results[2] = kFamilyIpv6;
    for (unsigned i = 0; i < 8; ++i) results[3 + i] = (uint64_t)address.bytes[2 * i] << 8 | address.bytes[2 * i + 1];
  } else {
    results[2] = kFamilyIpv4;
    for (unsigned i = 0; i < 4; ++i) results[3 + i] = address.bytes[i];
  }
}

// The lookup is already done: its pollable is always ready.
extern "C" void wacc_host_wasi_sockets_ip_name_lookup_method_resolve_address_stream_subscribe(uint32_t self,
                                                                                              uint64_t* results) {
  resolveStream(self);
  results[0] = NewReadyPollable();
}

extern "C" void wacc_host_wasi_sockets_ip_name_lookup_resource_drop_resolve_address_stream(uint32_t rep) {
  ResolveStream& stream = resolveStream(rep);
  if (stream.addresses) FreePages(stream.addresses, sizeof(dns::AddressList));
  DestroyHostObject(rep, HostKind::kResolveAddressStream);
}
