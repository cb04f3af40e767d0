// Socket options tcp-socket and udp-socket share: hop limit (IP_TTL or
// IPV6_UNICAST_HOPS) and the kernel's buffer sizes.
#include "wasi/Sockets.h"

namespace wacc_rt {

using namespace linux_abi;

namespace {

int HopLimitLevel(IpAddressFamily family) { return family == kFamilyIpv6 ? kIpprotoIpv6 : kIpprotoIp; }
int HopLimitOption(IpAddressFamily family) { return family == kFamilyIpv6 ? kIpv6UnicastHops : kIpTtl; }

// F_DUPFD_CLOEXEC.
constexpr int kFcntlDupFdCloexec = 1030;

}  // namespace

void GetHopLimit(int fd, IpAddressFamily family, uint64_t* results) {
  int value;
  long result = GetIntOption(fd, HopLimitLevel(family), HopLimitOption(family), &value);
  if (result < 0) return SetSocketOutcome(results, result);
  SetSocketOk(results, (uint64_t)(value > 255 ? 255 : value));
}

void SetHopLimit(int fd, IpAddressFamily family, uint32_t value, uint64_t* results) {
  if ((value & 0xff) == 0) return SetSocketError(results, kSockInvalidArgument);
  SetSocketOutcome(results, SetIntOption(fd, HopLimitLevel(family), HopLimitOption(family), (int)(value & 0xff)));
}

void GetBufferSize(int fd, int option, uint64_t* results) {
  int value;
  long result = GetIntOption(fd, kSolSocket, option, &value);
  if (result < 0) return SetSocketOutcome(results, result);
  SetSocketOk(results, (uint64_t)value);
}

// Linux doubles the value it is given (bookkeeping overhead), so the getter
// reports about twice what was set; WASI allows the host to adjust it.
void SetBufferSize(int fd, int option, uint64_t value, uint64_t* results) {
  if (value == 0) return SetSocketError(results, kSockInvalidArgument);
  SetSocketOutcome(results, SetIntOption(fd, kSolSocket, option, ClampToInt(value)));
}

long DuplicateFd(int fd) { return Sys(arch::kSysFcntl, fd, kFcntlDupFdCloexec, 0); }

}  // namespace wacc_rt
