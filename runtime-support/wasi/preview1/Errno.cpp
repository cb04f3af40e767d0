// 0.2 errors -> preview1 errno, the mapping of Wasmtime's preview1 layer
// (From<filesystem::ErrorCode> for Errno, From<StreamError>).
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/Streams.h"
#include "wasi/preview1/Types.h"

namespace wacc_rt::p1 {

uint32_t ErrnoOfErrorCode(uint64_t errorCode) {
  // Indexed by the wasi:filesystem error-code case (WIT order).
  static const uint8_t kErrno[] = {
      kAcces,      kAgain, kAlready, kBadf,  kBusy,   kDeadlk,   kDquot,          kExist,   kFbig,        kIlseq,
      kInprogress, kIntr,  kInval,   kIo,    kIsdir,  kLoop,     kMlink,          kMsgsize, kNametoolong, kNodev,
      kNoent,      kNolck, kNomem,   kNospc, kNotdir, kNotempty, kNotrecoverable, kNotsup,  kNotty,       kNxio,
      kOverflow,   kPerm,  kPipe,    kRofs,  kSpipe,  kTxtbsy,   kXdev,
  };
  return errorCode < sizeof kErrno ? kErrno[errorCode] : kIo;
}

uint32_t ErrnoOfLinux(int32_t error) { return ErrnoOfErrorCode(FilesystemErrorCode(error)); }

uint32_t ErrnoOfStreamError(const uint64_t* results) {
  if (results[1] != 0) return kIo;  // closed
  uint32_t error = (uint32_t)results[2];
  uint32_t code = ErrnoOfLinux(IoErrorCode(error));
  wacc_host_wasi_io_error_resource_drop_error(error);
  return code;
}

uint8_t FiletypeOfDescriptorType(uint64_t type) {
  switch (type) {
    case kTypeBlockDevice: return kFiletypeBlockDevice;
    case kTypeCharacterDevice: return kFiletypeCharacterDevice;
    case kTypeDirectory: return kFiletypeDirectory;
    case kTypeSymbolicLink: return kFiletypeSymbolicLink;
    case kTypeRegularFile: return kFiletypeRegularFile;
    // Wasmtime cannot tell stream from datagram sockets here either (it
    // fails); a stream socket is the likelier.
    case kTypeSocket: return kFiletypeSocketStream;
    // preview1 has no FIFO type.
    default: return kFiletypeUnknown;
  }
}

}  // namespace wacc_rt::p1
