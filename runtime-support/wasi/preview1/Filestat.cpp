// fd_filestat_get / path_filestat_get, for both snapshots' layouts.
#include "wasi/preview1/Filestat.h"

#include "wasi/preview1/Descriptors.h"
#include "wasi/preview1/FdTable.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {

uint32_t FdFilestat(uint32_t fd, Filestat* stat) {
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind != FdKind::kFile && entry->kind != FdKind::kDirectory) {
    *stat = Filestat{};
    stat->filetype = entry->isatty ? kFiletypeCharacterDevice : kFiletypeUnknown;
    return kSuccess;
  }
  return StatDescriptor(entry->rep, stat);
}

uint32_t PathFilestat(uint32_t fd, uint32_t lookupFlags, uint32_t path, uint32_t pathLen, Filestat* stat) {
  if (lookupFlags & ~kLookupSymlinkFollow) return kInval;
  uint32_t error = kSuccess;
  FdEntry* directory = DirectoryFd(fd, &error);
  if (directory == nullptr) return error;
  GuestString name = GuestPath(path, pathLen);
  if (name.error != kSuccess) return name.error;
  return StatPath(directory->rep, lookupFlags, name.text, name.length, stat);
}

bool StoreFilestat(uint32_t out, const Filestat& stat) {
  uint8_t record[kFilestatSize] = {};
  __builtin_memcpy(record + 0, &stat.dev, 8);
  __builtin_memcpy(record + 8, &stat.ino, 8);
  record[16] = stat.filetype;
  __builtin_memcpy(record + 24, &stat.nlink, 8);
  __builtin_memcpy(record + 32, &stat.size, 8);
  __builtin_memcpy(record + 40, &stat.atim, 8);
  __builtin_memcpy(record + 48, &stat.mtim, 8);
  __builtin_memcpy(record + 56, &stat.ctim, 8);
  return StoreBytes(out, record, sizeof record);
}

bool StoreFilestat0(uint32_t out, const Filestat& stat) {
  uint8_t record[56] = {};
  uint32_t nlink = stat.nlink > 0xffffffffu ? 0xffffffffu : (uint32_t)stat.nlink;
  __builtin_memcpy(record + 0, &stat.dev, 8);
  __builtin_memcpy(record + 8, &stat.ino, 8);
  record[16] = stat.filetype;
  __builtin_memcpy(record + 20, &nlink, 4);
  __builtin_memcpy(record + 24, &stat.size, 8);
  __builtin_memcpy(record + 32, &stat.atim, 8);
  __builtin_memcpy(record + 40, &stat.mtim, 8);
  __builtin_memcpy(record + 48, &stat.ctim, 8);
  return StoreBytes(out, record, sizeof record);
}

}  // namespace wacc_rt::p1
