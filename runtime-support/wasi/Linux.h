// Linux ABI constants and structures the WASI host needs, for x86-64 and
// AArch64 (no libc headers are available). Where the two differ (a few
// open flags), both values are spelled out.
#pragma once

#include <stdint.h>

#include "core/EventLoop.h"
#include "core/Syscall.h"

namespace wacc_rt::linux_abi {

// errno values (identical on both targets); EINTR, EAGAIN, ENOMEM and EPIPE
// come from core/Syscall.h.
enum Errno : int {
  kEperm = 1,
  kEnoent = 2,
  kEio = 5,
  kEnxio = 6,
  kEbadf = 9,
  kEacces = 13,
  kEfault = 14,
  kEbusy = 16,
  kEexist = 17,
  kExdev = 18,
  kEnodev = 19,
  kEnotdir = 20,
  kEisdir = 21,
  kEinval = 22,
  kEmfile = 24,
  kEnfile = 23,
  kEnotty = 25,
  kEtxtbsy = 26,
  kEfbig = 27,
  kEnospc = 28,
  kEspipe = 29,
  kErofs = 30,
  kEmlink = 31,
  kEdeadlk = 35,
  kEnametoolong = 36,
  kEnolck = 37,
  kEnosys = 38,
  kEnotempty = 39,
  kEloop = 40,
  kEnomsg = 42,
  kEoverflow = 75,
  kEilseq = 84,
  kEnotsock = 88,
  kEdestaddrreq = 89,
  kEmsgsize = 90,
  kEprotonosupport = 93,
  kEopnotsupp = 95,
  kEafnosupport = 97,
  kEaddrinuse = 98,
  kEaddrnotavail = 99,
  kEnetdown = 100,
  kEnetunreach = 101,
  kEconnaborted = 103,
  kEconnreset = 104,
  kEnobufs = 105,
  kEisconn = 106,
  kEnotconn = 107,
  kEtimedout = 110,
  kEconnrefused = 111,
  kEhostunreach = 113,
  kEalready = 114,
  kEinprogress = 115,
  kEdquot = 122,
  kEnotrecoverable = 131,
};

// open(2) flags.
inline constexpr int kOpenReadOnly = 0, kOpenWriteOnly = 1, kOpenReadWrite = 2;
inline constexpr int kOpenCreate = 0100, kOpenExclusive = 0200, kOpenNoCtty = 0400;
inline constexpr int kOpenTruncate = 01000, kOpenAppend = 02000, kOpenNonBlock = 04000;
inline constexpr int kOpenDsync = 010000, kOpenSync = 04010000, kOpenCloexec = 02000000;
inline constexpr int kOpenPath = 010000000;
#if defined(__x86_64__)
inline constexpr int kOpenDirectory = 0200000, kOpenNoFollow = 0400000;
#else
inline constexpr int kOpenDirectory = 040000, kOpenNoFollow = 0100000;
#endif

// *at(2) flags.
inline constexpr int kAtFdCwd = -100;
inline constexpr int kAtSymlinkNoFollow = 0x100, kAtRemoveDir = 0x200;
inline constexpr int kAtSymlinkFollow = 0x400, kAtEmptyPath = 0x1000;

// openat2(2).
struct OpenHow {
  uint64_t flags;
  uint64_t mode;
  uint64_t resolve;
};
inline constexpr uint64_t kResolveNoMagicLinks = 0x02, kResolveBeneath = 0x08;

// statx(2).
struct StatxTimestamp {
  int64_t seconds;
  uint32_t nanoseconds;
  int32_t reserved;
};
struct Statx {
  uint32_t mask, blockSize;
  uint64_t attributes;
  uint32_t linkCount, uid, gid;
  uint16_t mode, pad0;
  uint64_t inode, size, blocks, attributesMask;
  StatxTimestamp accessTime, birthTime, changeTime, modificationTime;
  uint32_t rdevMajor, rdevMinor, devMajor, devMinor;
  uint64_t spare[14];
};
inline constexpr uint32_t kStatxBasicStats = 0x7ff;
inline constexpr uint16_t kModeTypeMask = 0170000, kModeSocket = 0140000, kModeSymlink = 0120000,
                          kModeRegular = 0100000, kModeBlock = 060000, kModeDirectory = 040000, kModeChar = 020000,
                          kModeFifo = 010000;

struct Timespec {
  int64_t seconds;
  int64_t nanoseconds;
};
inline constexpr int64_t kUtimeNow = (1l << 30) - 1, kUtimeOmit = (1l << 30) - 2;

// getdents64(2) record header; the NUL-terminated name follows.
struct Dirent64 {
  uint64_t inode;
  int64_t offset;
  uint16_t recordLength;
  uint8_t type;
  char name[1];
};
enum DirentType : uint8_t {
  kDtUnknown = 0,
  kDtFifo = 1,
  kDtChar = 2,
  kDtDir = 4,
  kDtBlock = 6,
  kDtRegular = 8,
  kDtLink = 10,
  kDtSocket = 12,
};

inline constexpr int kClockRealtime = 0, kClockMonotonic = 1;
inline constexpr unsigned long kIoctlTcgets = 0x5401;
inline constexpr int kFcntlGetFlags = 3, kFcntlSetFlags = 4;
inline constexpr short kPollIn = 0x001, kPollOut = 0x004, kPollErr = 0x008, kPollHup = 0x010, kPollNval = 0x020;
inline constexpr int kRwfAppend = 0x10;
inline constexpr int kSeekEnd = 2;

// Sockets.
inline constexpr int kAfInet = 2, kAfInet6 = 10;
inline constexpr int kSockStream = 1, kSockDgram = 2, kSockNonBlock = 04000, kSockCloexec = 02000000;
inline constexpr int kSolSocket = 1, kIpprotoIp = 0, kIpprotoTcp = 6, kIpprotoIpv6 = 41;
inline constexpr int kSoReuseAddr = 2, kSoError = 4, kSoSndBuf = 7, kSoRcvBuf = 8, kSoKeepAlive = 9, kSoAcceptConn = 30;
inline constexpr int kTcpKeepIdle = 4, kTcpKeepIntvl = 5, kTcpKeepCnt = 6;
inline constexpr int kIpTtl = 2, kIpv6UnicastHops = 16, kIpv6V6Only = 26;
inline constexpr int kMsgDontWait = 0x40, kMsgNoSignal = 0x4000;
inline constexpr int kShutRead = 0, kShutWrite = 1, kShutReadWrite = 2;

struct SockaddrIn {
  uint16_t family;
  uint16_t port;  // network byte order
  uint8_t address[4];
  uint8_t zero[8];
};
struct SockaddrIn6 {
  uint16_t family;
  uint16_t port;      // network byte order
  uint32_t flowInfo;  // network byte order
  uint8_t address[16];
  uint32_t scopeId;
};
union Sockaddr {
  uint16_t family;
  SockaddrIn v4;
  SockaddrIn6 v6;
};

inline long Sys(long number, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
  return wacc_rt::syscall(number, a, b, c, d, e, f);
}

// Calls the system call again while it fails with EINTR.
template <typename Call>
long RetryInterrupted(Call call) {
  long result;
  do result = call();
  while (result == -kEintr);
  return result;
}

// The event loop forgets the descriptor first (core/EventLoop.h): its number
// may be reused at once.
inline void CloseFd(int fd) {
  IoForgetFd(fd);
  Sys(arch::kSysClose, fd);
}

}  // namespace wacc_rt::linux_abi
