// path_*: every path is resolved by the 0.2 wasi:filesystem descriptor
// methods, so preview1 shares the sandbox (wasi/FilesystemPaths.h: nothing
// resolves outside the preopen), the permission checks and the error
// mapping of components. What is preview1's own follows Wasmtime: the
// lookups (a non-directory fd is EBADF, or ENOTDIR for path_open on a
// file), the flag checks, and how path_open turns rights and fdflags into
// 0.2 descriptor flags.
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/preview1/Descriptors.h"
#include "wasi/preview1/FdTable.h"
#include "wasi/preview1/Filestat.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {
namespace {

uint32_t Status(const uint64_t* results) { return results[0] == 0 ? kSuccess : ErrnoOfErrorCode(results[1]); }

// The directory and the path beneath it of a path_* call.
struct At {
  uint32_t rep;
  GuestString path;
  uint32_t error;
};

At Resolve(uint32_t fd, uint32_t path, uint32_t pathLen) {
  At at{0, {}, kSuccess};
  FdEntry* directory = DirectoryFd(fd, &at.error);
  if (directory == nullptr) return at;
  at.rep = directory->rep;
  at.path = GuestPath(path, pathLen);
  at.error = at.path.error;
  return at;
}

// A preview1 path call that is one 0.2 `*-at` method of the resolved
// directory with no result but success or an error-code.
uint32_t ForwardAt(uint32_t fd, uint32_t path, uint32_t pathLen,
                   void (*method)(uint32_t self, const char* path, uint32_t length, uint64_t* results)) {
  At at = Resolve(fd, path, pathLen);
  if (at.error != kSuccess) return at.error;
  uint64_t results[2];
  method(at.rep, at.path.text, at.path.length, results);
  return Status(results);
}

// The 0.2 flags a path_open asks for, as Wasmtime derives them: read and
// write from the rights, write too when creating, read whenever not
// writing (the OS needs some access mode), the sync flags from fdflags.
// A directory opened under one that may be mutated may be mutated too.
uint32_t DescriptorFlagsFor(uint64_t rights, uint32_t oflags, uint32_t fdflags, uint32_t parentFlags) {
  uint32_t flags = 0;
  if (rights & kRightFdRead) flags |= kFlagRead;
  if (rights & kRightFdWrite) flags |= kFlagWrite;
  if (oflags & kOflagCreat) flags |= kFlagWrite;
  if ((rights & kRightFdWrite) == 0) flags |= kFlagRead;
  if (fdflags & kFdflagSync) flags |= kFlagFileIntegritySync;
  if (fdflags & kFdflagDsync) flags |= kFlagDataIntegritySync;
  if (fdflags & kFdflagRsync) flags |= kFlagRequestedWriteSync;
  return flags | (parentFlags & kFlagMutateDirectory);
}

}  // namespace
}  // namespace wacc_rt::p1

using namespace wacc_rt;
using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p1_path_open(uint32_t fd, uint32_t dirflags, uint32_t path, uint32_t pathLen, uint32_t oflags,
                                      uint64_t rightsBase, uint64_t rightsInheriting, uint32_t fdflags,
                                      uint32_t fdOut) {
  if ((dirflags & ~kLookupSymlinkFollow) || (oflags & ~kAllOflags) || ((rightsBase | rightsInheriting) & ~kAllRights) ||
      (fdflags & ~kAllFdflags))
    return kInval;
  GuestString name = GuestPath(path, pathLen);
  if (name.error != kSuccess) return name.error;
  FdEntry* directory = LookupFd(fd);
  if (directory == nullptr) return kBadf;
  if (directory->kind == FdKind::kFile) return kNotdir;
  if (directory->kind != FdKind::kDirectory) return kBadf;
  uint32_t parentFlags = DescriptorFlags(directory->rep);
  bool mutating = (oflags & (kOflagCreat | kOflagTrunc)) || (rightsBase & kRightFdWrite);
  if (mutating && (parentFlags & kFlagMutateDirectory) == 0) return kPerm;
  // Wasmtime's 0.2 open-at supports none of the sync flags.
  if (fdflags & (kFdflagSync | kFdflagDsync | kFdflagRsync)) return kNotsup;
  if ((oflags & kOflagDirectory) && (oflags & (kOflagCreat | kOflagExcl | kOflagTrunc))) return kInval;
  uint32_t flags = DescriptorFlagsFor(rightsBase, oflags, fdflags, parentFlags);
  uint32_t openFlags = oflags;  // create, directory, exclusive, truncate: the same bits in 0.2
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_open_at(directory->rep, dirflags & kLookupSymlinkFollow, name.text,
                                                            name.length, openFlags, flags, results);
  if (results[0] != 0) return ErrnoOfErrorCode(results[1]);
  uint32_t rep = (uint32_t)results[1];
  wacc_host_wasi_filesystem_types_method_descriptor_get_type(rep, results);
  bool isDirectory = results[0] == 0 && results[1] == kTypeDirectory;
  FdEntry entry{};
  entry.rep = rep;
  entry.preopen = -1;
  if (isDirectory) {
    entry.kind = FdKind::kDirectory;
  } else {
    entry.kind = FdKind::kFile;
    entry.append = (fdflags & kFdflagAppend) != 0;
    entry.nonblock = (fdflags & kFdflagNonblock) != 0;
  }
  uint32_t opened = 0;
  if (!AddFd(entry, &opened)) {
    wacc_host_wasi_filesystem_types_resource_drop_descriptor(rep);
    return kNfile;
  }
  if (!StoreU32(fdOut, opened)) {
    CloseFd(opened);
    return kFault;
  }
  return kSuccess;
}

extern "C" uint32_t wacc_p1_path_create_directory(uint32_t fd, uint32_t path, uint32_t pathLen) {
  return ForwardAt(fd, path, pathLen, wacc_host_wasi_filesystem_types_method_descriptor_create_directory_at);
}

extern "C" uint32_t wacc_p1_path_remove_directory(uint32_t fd, uint32_t path, uint32_t pathLen) {
  return ForwardAt(fd, path, pathLen, wacc_host_wasi_filesystem_types_method_descriptor_remove_directory_at);
}

extern "C" uint32_t wacc_p1_path_unlink_file(uint32_t fd, uint32_t path, uint32_t pathLen) {
  return ForwardAt(fd, path, pathLen, wacc_host_wasi_filesystem_types_method_descriptor_unlink_file_at);
}

extern "C" uint32_t wacc_p1_path_filestat_get(uint32_t fd, uint32_t flags, uint32_t path, uint32_t pathLen,
                                              uint32_t statOut) {
  Filestat stat{};
  uint32_t error = PathFilestat(fd, flags, path, pathLen, &stat);
  if (error != kSuccess) return error;
  return StoreFilestat(statOut, stat) ? kSuccess : kFault;
}

extern "C" uint32_t wacc_p1_path_filestat_set_times(uint32_t fd, uint32_t flags, uint32_t path, uint32_t pathLen,
                                                    uint64_t atim, uint64_t mtim, uint32_t fstFlags) {
  if ((flags & ~kLookupSymlinkFollow) || (fstFlags & ~kAllFstflags)) return kInval;
  uint64_t access[3], modify[3];
  uint32_t error = NewTimestamp(fstFlags & kFstAtim, atim, fstFlags & kFstAtimNow, access);
  if (error == kSuccess) error = NewTimestamp(fstFlags & kFstMtim, mtim, fstFlags & kFstMtimNow, modify);
  if (error != kSuccess) return error;
  At at = Resolve(fd, path, pathLen);
  if (at.error != kSuccess) return at.error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_set_times_at(
      at.rep, flags & kLookupSymlinkFollow, at.path.text, at.path.length, (uint32_t)access[0], access[1],
      (uint32_t)access[2], (uint32_t)modify[0], modify[1], (uint32_t)modify[2], results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_path_link(uint32_t oldFd, uint32_t oldFlags, uint32_t oldPath, uint32_t oldPathLen,
                                      uint32_t newFd, uint32_t newPath, uint32_t newPathLen) {
  if (oldFlags & ~kLookupSymlinkFollow) return kInval;
  uint32_t error = kSuccess;
  FdEntry* from = DirectoryFd(oldFd, &error);
  if (from == nullptr) return error;
  FdEntry* to = DirectoryFd(newFd, &error);
  if (to == nullptr) return error;
  GuestString source = GuestPath(oldPath, oldPathLen);
  if (source.error != kSuccess) return source.error;
  GuestString target = GuestPath(newPath, newPathLen);
  if (target.error != kSuccess) return target.error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_link_at(from->rep, oldFlags & kLookupSymlinkFollow, source.text,
                                                            source.length, to->rep, target.text, target.length,
                                                            results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_path_rename(uint32_t fd, uint32_t oldPath, uint32_t oldPathLen, uint32_t newFd,
                                        uint32_t newPath, uint32_t newPathLen) {
  uint32_t error = kSuccess;
  FdEntry* from = DirectoryFd(fd, &error);
  if (from == nullptr) return error;
  FdEntry* to = DirectoryFd(newFd, &error);
  if (to == nullptr) return error;
  GuestString source = GuestPath(oldPath, oldPathLen);
  if (source.error != kSuccess) return source.error;
  GuestString target = GuestPath(newPath, newPathLen);
  if (target.error != kSuccess) return target.error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_rename_at(from->rep, source.text, source.length, to->rep,
                                                              target.text, target.length, results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_path_symlink(uint32_t oldPath, uint32_t oldPathLen, uint32_t fd, uint32_t newPath,
                                         uint32_t newPathLen) {
  At at = Resolve(fd, newPath, newPathLen);
  if (at.error != kSuccess) return at.error;
  GuestString target = GuestPath(oldPath, oldPathLen);
  if (target.error != kSuccess) return target.error;
  uint64_t results[2];
  wacc_host_wasi_filesystem_types_method_descriptor_symlink_at(at.rep, target.text, target.length, at.path.text,
                                                               at.path.length, results);
  return Status(results);
}

extern "C" uint32_t wacc_p1_path_readlink(uint32_t fd, uint32_t path, uint32_t pathLen, uint32_t buf, uint32_t bufLen,
                                          uint32_t bufusedOut) {
  At at = Resolve(fd, path, pathLen);
  if (at.error != kSuccess) return at.error;
  uint64_t results[3];
  wacc_host_wasi_filesystem_types_method_descriptor_readlink_at(at.rep, at.path.text, at.path.length, results);
  if (results[0] != 0) return ErrnoOfErrorCode(results[1]);
  // As Wasmtime: a target longer than the buffer is cut short, silently.
  uint32_t length = results[2] < bufLen ? (uint32_t)results[2] : bufLen;
  if (!StoreBytes(buf, reinterpret_cast<const void*>(results[1]), length)) return kFault;
  return StoreU32(bufusedOut, length) ? kSuccess : kFault;
}
