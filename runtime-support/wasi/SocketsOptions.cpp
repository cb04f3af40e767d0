// Socket options tcp-socket and udp-socket share: hop limit (IP_TTL or
// IPV6_UNICAST_HOPS) and the kernel's buffer sizes.
#include "wasi/Sockets.h"

namespace wacc_rt {

using namespace linux_abi;

namespace {

int hopLimitLevel(IpAddressFamily family) {
  return family == kFamilyIpv6 ? kIpprotoIpv6 : kIpprotoIp;
}
int hopLimitOption(IpAddressFamily family) {
  return family == kFamilyIpv6 ? kIpv6UnicastHops : kIpTtl;
}

// F_DUPFD_CLOEXEC.
constexpr int kFcntlDupFdCloexec = 1030;

}  // namespace

void getHopLimit(int fd, IpAddressFamily family, uint64_t* results) {
  int value;
  long result = getIntOption(fd, hopLimitLevel(family), hopLimitOption(family), &value);
  if (result < 0) return setSocketOutcome(results, result);
  setSocketOk(results, (uint64_t)(value > 255 ? 255 : value));
}

void setHopLimit(int fd, IpAddressFamily family, uint32_t value, uint64_t* results) {
  if ((value & 0xff) == 0) return setSocketError(results, kSockInvalidArgument);
  setSocketOutcome(results, setIntOption(fd, hopLimitLevel(family), hopLimitOption(family),
                                         (int)(value & 0xff)));
}

void getBufferSize(int fd, int option, uint64_t* results) {
  int value;
  long result = getIntOption(fd, kSolSocket, option, &value);
  if (result < 0) return setSocketOutcome(results, result);
  setSocketOk(results, (uint64_t)value);
}

// Linux doubles the value it is given (bookkeeping overhead), so the getter
// reports about twice what was set; WASI allows the host to adjust it.
void setBufferSize(int fd, int option, uint64_t value, uint64_t* results) {
  if (value == 0) return setSocketError(results, kSockInvalidArgument);
  setSocketOutcome(results, setIntOption(fd, kSolSocket, option, clampToInt(value)));
}

long duplicateFd(int fd) { return sys(arch::kSysFcntl, fd, kFcntlDupFdCloexec, 0); }

}  // namespace wacc_rt
