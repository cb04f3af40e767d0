// errno -> wasi:filesystem/types error-code, and filesystem-error-code for
// the errors streams on files report.
#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/Linux.h"
#include "wasi/Streams.h"

namespace wacc_rt {

// error-code cases, in WIT order.
enum FilesystemErrorCode : uint32_t {
  kAccess,
  kWouldBlock,
  kAlready,
  kBadDescriptor,
  kBusy,
  kDeadlock,
  kQuota,
  kExist,
  kFileTooLarge,
  kIllegalByteSequence,
  kInProgress,
  kInterrupted,
  kInvalid,
  kIo,
  kIsDirectory,
  kLoop,
  kTooManyLinks,
  kMessageSize,
  kNameTooLong,
  kNoDevice,
  kNoEntry,
  kNoLock,
  kInsufficientMemory,
  kInsufficientSpace,
  kNotDirectory,
  kNotEmpty,
  kNotRecoverable,
  kUnsupported,
  kNoTty,
  kNoSuchDevice,
  kOverflow,
  kNotPermitted,
  kPipe,
  kReadOnly,
  kInvalidSeek,
  kTextFileBusy,
  kCrossDevice,
};

uint32_t FilesystemErrorCode(int32_t error) {
  using namespace linux_abi;
  switch (error) {
    case kEacces: return kAccess;
    case kEagain: return kWouldBlock;
    case kEalready: return kAlready;
    case kEbadf: return kBadDescriptor;
    case kEbusy: return kBusy;
    case kEdeadlk: return kDeadlock;
    case kEdquot: return kQuota;
    case kEexist: return kExist;
    case kEfbig: return kFileTooLarge;
    case kEilseq: return kIllegalByteSequence;
    case kEinprogress: return kInProgress;
    case kEintr: return kInterrupted;
    case kEinval: return kInvalid;
    case kEio: return kIo;
    case kEisdir: return kIsDirectory;
    case kEloop: return kLoop;
    case kEmlink: return kTooManyLinks;
    case kEmsgsize: return kMessageSize;
    case kEnametoolong: return kNameTooLong;
    case kEnodev: return kNoDevice;
    case kEnoent: return kNoEntry;
    case kEnolck: return kNoLock;
    case kEnomem: return kInsufficientMemory;
    case kEnospc: return kInsufficientSpace;
    case kEnotdir: return kNotDirectory;
    case kEnotempty: return kNotEmpty;
    case kEnotrecoverable: return kNotRecoverable;
    case kEopnotsupp:
    case kEnosys: return kUnsupported;
    case kEnotty: return kNoTty;
    case kEnxio: return kNoSuchDevice;
    case kEoverflow: return kOverflow;
    case kEperm: return kNotPermitted;
    case kEpipe: return kPipe;
    case kErofs: return kReadOnly;
    case kEspipe: return kInvalidSeek;
    case kEtxtbsy: return kTextFileBusy;
    case kExdev: return kCrossDevice;
    default: return kIo;
  }
}

}  // namespace wacc_rt

using namespace wacc_rt;

// option<error-code>: [0] 0 none / 1 some, [1] the case.
extern "C" void wacc_host_wasi_filesystem_types_filesystem_error_code(uint32_t error, uint64_t* results) {
  results[0] = 1;
  results[1] = FilesystemErrorCode(IoErrorCode(error));
}
