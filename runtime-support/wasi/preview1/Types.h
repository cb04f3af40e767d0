// WASI preview1 (wasi_snapshot_preview1) as the guest sees it: errno and
// enum values, flag bits and record layouts from the witx, and the
// conversions from the 0.2 host's results into them. Values are as
// Wasmtime's preview1 layer (crates/wasi/src/preview1.rs) reports them.
#pragma once

#include <stdint.h>

namespace wacc_rt::p1 {

// errno, in witx order.
enum Errno : uint32_t {
  kSuccess = 0,
  k2big,
  kAcces,
  kAddrinuse,
  kAddrnotavail,
  kAfnosupport,
  kAgain,
  kAlready,
  kBadf,
  kBadmsg,
  kBusy,
  kCanceled,
  kChild,
  kConnaborted,
  kConnrefused,
  kConnreset,
  kDeadlk,
  kDestaddrreq,
  kDom,
  kDquot,
  kExist,
  kFault,
  kFbig,
  kHostunreach,
  kIdrm,
  kIlseq,
  kInprogress,
  kIntr,
  kInval,
  kIo,
  kIsconn,
  kIsdir,
  kLoop,
  kMfile,
  kMlink,
  kMsgsize,
  kMultihop,
  kNametoolong,
  kNetdown,
  kNetreset,
  kNetunreach,
  kNfile,
  kNobufs,
  kNodev,
  kNoent,
  kNoexec,
  kNolck,
  kNolink,
  kNomem,
  kNomsg,
  kNoprotoopt,
  kNospc,
  kNosys,
  kNotconn,
  kNotdir,
  kNotempty,
  kNotrecoverable,
  kNotsock,
  kNotsup,
  kNotty,
  kNxio,
  kOverflow,
  kOwnerdead,
  kPerm,
  kPipe,
  kProto,
  kProtonosupport,
  kPrototype,
  kRange,
  kRofs,
  kSpipe,
  kSrch,
  kStale,
  kTimedout,
  kTxtbsy,
  kXdev,
  kNotcapable,
};

// filetype.
enum Filetype : uint8_t {
  kFiletypeUnknown = 0,
  kFiletypeBlockDevice,
  kFiletypeCharacterDevice,
  kFiletypeDirectory,
  kFiletypeRegularFile,
  kFiletypeSocketDgram,
  kFiletypeSocketStream,
  kFiletypeSymbolicLink,
};

// rights bits.
enum Right : uint64_t {
  kRightFdDatasync = 1ull << 0,
  kRightFdRead = 1ull << 1,
  kRightFdSeek = 1ull << 2,
  kRightFdFdstatSetFlags = 1ull << 3,
  kRightFdSync = 1ull << 4,
  kRightFdTell = 1ull << 5,
  kRightFdWrite = 1ull << 6,
  kRightFdAdvise = 1ull << 7,
  kRightFdAllocate = 1ull << 8,
  kRightPathCreateDirectory = 1ull << 9,
  kRightPathCreateFile = 1ull << 10,
  kRightPathLinkSource = 1ull << 11,
  kRightPathLinkTarget = 1ull << 12,
  kRightPathOpen = 1ull << 13,
  kRightFdReaddir = 1ull << 14,
  kRightPathReadlink = 1ull << 15,
  kRightPathRenameSource = 1ull << 16,
  kRightPathRenameTarget = 1ull << 17,
  kRightPathFilestatGet = 1ull << 18,
  kRightPathFilestatSetSize = 1ull << 19,
  kRightPathFilestatSetTimes = 1ull << 20,
  kRightFdFilestatGet = 1ull << 21,
  kRightFdFilestatSetSize = 1ull << 22,
  kRightFdFilestatSetTimes = 1ull << 23,
  kRightPathSymlink = 1ull << 24,
  kRightPathRemoveDirectory = 1ull << 25,
  kRightPathUnlinkFile = 1ull << 26,
  kRightPollFdReadwrite = 1ull << 27,
  kRightSockShutdown = 1ull << 28,
  kRightSockAccept = 1ull << 29,
};
inline constexpr uint64_t kAllRights = (1ull << 30) - 1;

// fdflags, oflags, lookupflags, fstflags bits.
enum : uint32_t {
  kFdflagAppend = 1,
  kFdflagDsync = 2,
  kFdflagNonblock = 4,
  kFdflagRsync = 8,
  kFdflagSync = 16,
  kAllFdflags = 31
};
enum : uint32_t { kOflagCreat = 1, kOflagDirectory = 2, kOflagExcl = 4, kOflagTrunc = 8, kAllOflags = 15 };
enum : uint32_t { kLookupSymlinkFollow = 1 };
enum : uint32_t { kFstAtim = 1, kFstAtimNow = 2, kFstMtim = 4, kFstMtimNow = 8, kAllFstflags = 15 };

enum Clockid : uint32_t { kClockRealtime = 0, kClockMonotonic, kClockProcessCputime, kClockThreadCputime };
enum Whence : uint32_t { kWhenceSet = 0, kWhenceCur, kWhenceEnd };
enum Eventtype : uint8_t { kEventClock = 0, kEventFdRead, kEventFdWrite };
enum : uint16_t { kEventHangup = 1 };
enum : uint16_t { kSubclockAbstime = 1 };
inline constexpr uint32_t kMaxSignal = 30;  // signal is an enum of 31 cases

// Record sizes and offsets.
inline constexpr uint32_t kIovecSize = 8;
inline constexpr uint32_t kFdstatSize = 24;
inline constexpr uint32_t kFilestatSize = 64;  // preview0: 56 (32-bit nlink)
inline constexpr uint32_t kPrestatSize = 8;
inline constexpr uint32_t kDirentSize = 24;
inline constexpr uint32_t kSubscriptionSize = 48;  // preview0: 56 (clock identifier)
inline constexpr uint32_t kEventSize = 32;

// The preview1 errno for a wasi:filesystem error-code case.
uint32_t ErrnoOfErrorCode(uint64_t errorCode);
// ... for a positive Linux errno (through the 0.2 error-code, as Wasmtime).
uint32_t ErrnoOfLinux(int32_t error);
// ... for a failed wasi:io/streams operation: results [1] the stream-error
// case, [2] the error's rep (dropped here). A closed stream is EIO.
uint32_t ErrnoOfStreamError(const uint64_t* results);

// The preview1 filetype of a wasi:filesystem descriptor-type case.
uint8_t FiletypeOfDescriptorType(uint64_t type);

// filestat, before it is laid out for one snapshot or the other.
struct Filestat {
  uint64_t dev, ino;
  uint8_t filetype;
  uint64_t nlink, size, atim, mtim, ctim;
};

}  // namespace wacc_rt::p1
