// The fd_* functions about a descriptor rather than its contents: close,
// renumber, fdstat, filestat, sync, advise, allocate, prestat. Rights are
// what Wasmtime reports (it enforces none of them): stdio has only read or
// write, a preopen a fixed set of directory rights, anything else all
// rights minus what its open mode or type rules out; fd_fdstat_set_rights
// is ENOTSUP, as there.
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/preview1/Descriptors.h"
#include "wasi/preview1/FdTable.h"
#include "wasi/preview1/Filestat.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {
namespace {

constexpr uint64_t kPreopenRights = kRightPathCreateDirectory | kRightPathCreateFile | kRightPathLinkSource |
                                    kRightPathLinkTarget | kRightPathOpen | kRightFdReaddir | kRightPathReadlink |
                                    kRightPathRenameSource | kRightPathRenameTarget | kRightPathSymlink |
                                    kRightPathRemoveDirectory | kRightPathUnlinkFile | kRightPathFilestatGet |
                                    kRightPathFilestatSetTimes | kRightFdFilestatGet | kRightFdFilestatSetTimes;
constexpr uint64_t kPreopenInheritingRights =
    kPreopenRights | kRightFdDatasync | kRightFdRead | kRightFdSeek | kRightFdFdstatSetFlags | kRightFdSync |
    kRightFdTell | kRightFdWrite | kRightFdAdvise | kRightFdAllocate | kRightFdFilestatGet | kRightFdFilestatSetSize |
    kRightFdFilestatSetTimes | kRightPollFdReadwrite;

uint32_t StoreFdstat(uint32_t out, uint8_t filetype, uint16_t flags, uint64_t base, uint64_t inheriting) {
  uint8_t record[kFdstatSize] = {};
  record[0] = filetype;
  __builtin_memcpy(record + 2, &flags, 2);
  __builtin_memcpy(record + 8, &base, 8);
  __builtin_memcpy(record + 16, &inheriting, 8);
  return StoreBytes(out, record, sizeof record) ? kSuccess : kFault;
}

// A 0.2 result<_, error-code> as an errno.
uint32_t Status(const uint64_t* results) { return results[0] == 0 ? kSuccess : ErrnoOfErrorCode(results[1]); }

}  // namespace

uint32_t NewTimestamp(bool set, uint64_t time, bool now, uint64_t* slots) {
  if (set && now) return kInval;
  slots[0] = set ? 2 : now ? 1 : 0;
  slots[1] = time / 1000000000u;
  slots[2] = time % 1000000000u;
  return kSuccess;
}

}  // namespace wacc_rt::p1

using namespace wacc_rt;
using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p1_fd_advise(uint32_t fd, uint64_t offset, uint64_t len, uint32_t advice) {
  if (advice > 5) return kInval;  // the same six cases in the same order as 0.2
  uint32_t error = kSuccess;
  FdEntry* file = FileFd(fd, &error);
  if (file == nullptr) return error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_advise(file->rep, offset, len, advice, results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_fd_allocate(uint32_t fd, uint64_t, uint64_t) {
  uint32_t error = kSuccess;
  if (FileFd(fd, &error) == nullptr) return error;
  return kNotsup;  // 0.2 has no allocate; neither has Wasmtime
}

extern "C" uint32_t wacc_p1_fd_close(uint32_t fd) {
  uint32_t error = kSuccess;
  if (AnyFd(fd, &error) == nullptr) return error;
  CloseFd(fd);
  return kSuccess;
}

extern "C" uint32_t wacc_p1_fd_datasync(uint32_t fd) {
  uint32_t error = kSuccess;
  FdEntry* file = FileFd(fd, &error);
  if (file == nullptr) return error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_sync_data(file->rep, results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_fd_sync(uint32_t fd) {
  uint32_t error = kSuccess;
  FdEntry* file = FileFd(fd, &error);
  if (file == nullptr) return error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_sync(file->rep, results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_fd_fdstat_get(uint32_t fd, uint32_t statOut) {
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  uint8_t stdioType = entry->isatty ? kFiletypeCharacterDevice : kFiletypeUnknown;
  switch (entry->kind) {
    case FdKind::kStdin: return StoreFdstat(statOut, stdioType, 0, kRightFdRead, kRightFdRead);
    case FdKind::kStdout:
    case FdKind::kStderr: return StoreFdstat(statOut, stdioType, 0, kRightFdWrite, kRightFdWrite);
    default: break;
  }
  if (entry->kind == FdKind::kDirectory && entry->preopen >= 0)
    return StoreFdstat(statOut, kFiletypeDirectory, 0, kPreopenRights, kPreopenInheritingRights);
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_get_type(entry->rep, results);
  if (results[0] != 0) return ErrnoOfErrorCode(results[1]);
  uint8_t filetype = FiletypeOfDescriptorType(results[1]);
  uint32_t flags = DescriptorFlags(entry->rep);
  uint64_t rights = kAllRights;
  if (filetype == kFiletypeDirectory) rights &= ~(kRightFdSeek | kRightFdFilestatSetSize | kRightPathFilestatSetSize);
  if ((flags & kFlagRead) == 0) rights &= ~(kRightFdRead | kRightFdReaddir);
  if ((flags & kFlagWrite) == 0) rights &= ~kRightFdWrite;
  uint16_t fdflags = 0;
  if (flags & kFlagDataIntegritySync) fdflags |= kFdflagDsync;
  if (flags & kFlagRequestedWriteSync) fdflags |= kFdflagRsync;
  if (flags & kFlagFileIntegritySync) fdflags |= kFdflagSync;
  if (entry->append) fdflags |= kFdflagAppend;
  if (entry->nonblock) fdflags |= kFdflagNonblock;
  return StoreFdstat(statOut, filetype, fdflags, rights, rights);
}

extern "C" uint32_t wacc_p1_fd_fdstat_set_flags(uint32_t fd, uint32_t flags) {
  if (flags & ~kAllFdflags) return kInval;
  uint32_t error = kSuccess;
  FdEntry* file = FileFd(fd, &error);
  if (file == nullptr) return error;
  // Only APPEND and NONBLOCK can change.
  if (flags & (kFdflagDsync | kFdflagSync | kFdflagRsync)) return kInval;
  file->append = (flags & kFdflagAppend) != 0;
  file->nonblock = (flags & kFdflagNonblock) != 0;
  return kSuccess;
}

// Wasmtime (since 2025) enforces no rights, so it refuses to change them.
extern "C" uint32_t wacc_p1_fd_fdstat_set_rights(uint32_t fd, uint64_t base, uint64_t inheriting) {
  if ((base | inheriting) & ~kAllRights) return kInval;
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind != FdKind::kFile && entry->kind != FdKind::kDirectory) return kBadf;
  return kNotsup;
}

extern "C" uint32_t wacc_p1_fd_filestat_get(uint32_t fd, uint32_t statOut) {
  Filestat stat{};
  uint32_t error = FdFilestat(fd, &stat);
  if (error != kSuccess) return error;
  return StoreFilestat(statOut, stat) ? kSuccess : kFault;
}

extern "C" uint32_t wacc_p1_fd_filestat_set_size(uint32_t fd, uint64_t size) {
  uint32_t error = kSuccess;
  FdEntry* file = FileFd(fd, &error);
  if (file == nullptr) return error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_set_size(file->rep, size, results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_fd_filestat_set_times(uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t fstFlags) {
  if (fstFlags & ~kAllFstflags) return kInval;
  uint64_t access[3], modify[3];
  uint32_t error = NewTimestamp(fstFlags & kFstAtim, atim, fstFlags & kFstAtimNow, access);
  if (error == kSuccess) error = NewTimestamp(fstFlags & kFstMtim, mtim, fstFlags & kFstMtimNow, modify);
  if (error != kSuccess) return error;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind != FdKind::kFile && entry->kind != FdKind::kDirectory) return kBadf;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_set_times(entry->rep, (uint32_t)access[0], access[1],
                                                              (uint32_t)access[2], (uint32_t)modify[0], modify[1],
                                                              (uint32_t)modify[2], results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_fd_prestat_get(uint32_t fd, uint32_t prestatOut) {
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind != FdKind::kDirectory || entry->preopen < 0) return kBadf;
  uint32_t length = 0;
  PreopenName(entry->preopen, &length);
  uint8_t record[kPrestatSize] = {};  // tag 0: dir
  __builtin_memcpy(record + 4, &length, 4);
  return StoreBytes(prestatOut, record, sizeof record) ? kSuccess : kFault;
}

extern "C" uint32_t wacc_p1_fd_prestat_dir_name(uint32_t fd, uint32_t path, uint32_t pathLen) {
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind != FdKind::kDirectory || entry->preopen < 0) return kNotdir;
  uint32_t length = 0;
  const char* name = PreopenName(entry->preopen, &length);
  if (length > pathLen) return kNametoolong;
  return StoreBytes(path, name, length) ? kSuccess : kFault;
}

extern "C" uint32_t wacc_p1_fd_renumber(uint32_t fd, uint32_t to) { return RenumberFd(fd, to); }
