// wasi:filesystem/types: descriptors are open file descriptors; every path
// is resolved beneath the descriptor (wasi/FilesystemPaths.h). Results use
// the slot layouts of wacc/WasiHostFunctions.h: a result<_, error-code> is
// [0] 0 ok / 1 err, [1] the error-code case when err.
#include "core/HostObjects.h"
#include "core/PageAllocator.h"
#include "core/ResultArena.h"
#include "core/Trap.h"
#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/FilesystemPaths.h"
#include "wasi/Linux.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

constexpr uint64_t kMaxDirectRead = 1024 * 1024;  // one read returns at most this
constexpr uint32_t kPathSymlinkFollow = 1;
enum OpenFlag : uint32_t { kOpenFlagCreate = 1, kOpenFlagDirectory = 2, kOpenFlagExclusive = 4, kOpenFlagTruncate = 8 };

DescriptorState& descriptor(uint32_t rep) { return hostObject<DescriptorState>(rep, HostKind::kDescriptor); }

// result<_, error-code> from a system call's result.
void SetStatus(uint64_t* results, long status) {
  results[0] = status < 0 ? 1 : 0;
  results[1] = status < 0 ? FilesystemErrorCode((int32_t)-status) : 0;
}
void SetError(uint64_t* results, int error) { SetStatus(results, -error); }

uint32_t TypeOfMode(uint16_t mode) {
  switch (mode & kModeTypeMask) {
    case kModeBlock: return kTypeBlockDevice;
    case kModeChar: return kTypeCharacterDevice;
    case kModeDirectory: return kTypeDirectory;
    case kModeFifo: return kTypeFifo;
    case kModeSymlink: return kTypeSymbolicLink;
    case kModeRegular: return kTypeRegularFile;
    case kModeSocket: return kTypeSocket;
    default: return kTypeUnknown;
  }
}

long StatFd(int fd, Statx* stat) {
  return Sys(arch::kSysStatx, fd, (long)"", kAtEmptyPath | kAtSymlinkNoFollow, kStatxBasicStats, (long)stat);
}

// Opens `path` beneath the descriptor only to look at it (O_PATH).
long OpenPathOnly(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length) {
  return OpenBeneath(descriptor(self).fd, path, length, kOpenPath, 0, (pathFlags & kPathSymlinkFollow) != 0);
}

void PutTimestamp(uint64_t* slots, const StatxTimestamp& time) {
  slots[0] = 1;
  slots[1] = (uint64_t)time.seconds;
  slots[2] = time.nanoseconds;
}

// result<descriptor-stat, error-code>: [0] disc, [1] type, [2] link-count,
// [3] size, then three option<datetime> of 3 slots each.
void SetStat(uint64_t* results, const Statx& stat) {
  results[0] = 0;
  results[1] = TypeOfMode(stat.mode);
  results[2] = stat.linkCount;
  results[3] = stat.size;
  PutTimestamp(results + 4, stat.accessTime);
  PutTimestamp(results + 7, stat.modificationTime);
  PutTimestamp(results + 10, stat.changeTime);
}

void StatResult(long fd, bool closeAfter, uint64_t* results) {
  if (fd < 0) return SetStatus(results, fd);
  Statx stat{};
  long status = StatFd((int)fd, &stat);
  if (closeAfter) CloseFd((int)fd);
  if (status < 0) return SetStatus(results, status);
  SetStat(results, stat);
}

uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// result<metadata-hash-value, error-code>: [0] disc, [1] lower, [2] upper.
// Equal for the same file (device and inode), changes when it is modified.
void HashResult(long fd, bool closeAfter, uint64_t* results) {
  if (fd < 0) return SetStatus(results, fd);
  Statx stat{};
  long status = StatFd((int)fd, &stat);
  if (closeAfter) CloseFd((int)fd);
  if (status < 0) return SetStatus(results, status);
  uint64_t device = ((uint64_t)stat.devMajor << 32) | stat.devMinor;
  uint64_t modified = (uint64_t)stat.modificationTime.seconds * 1000000000u + stat.modificationTime.nanoseconds;
  results[0] = 0;
  results[1] = Mix(device ^ Mix(stat.inode));
  results[2] = Mix(stat.inode ^ Mix(modified ^ Mix(stat.size)));
}

// new-timestamp (no-change | now | timestamp(datetime)) as a timespec.
Timespec ToTimespec(uint32_t kind, uint64_t seconds, uint32_t nanoseconds) {
  if (kind == 0) return Timespec{0, kUtimeOmit};
  if (kind == 1) return Timespec{0, kUtimeNow};
  return Timespec{(int64_t)seconds, (int64_t)nanoseconds};
}

bool NeedsMutation(uint32_t flags, uint32_t openFlags) {
  return (flags & (kFlagWrite | kFlagMutateDirectory)) != 0 || (openFlags & (kOpenFlagCreate | kOpenFlagTruncate)) != 0;
}

int OpenFlagsFor(uint32_t openFlags, uint32_t flags) {
  int access = (flags & kFlagWrite) == 0 ? kOpenReadOnly : (flags & kFlagRead) != 0 ? kOpenReadWrite : kOpenWriteOnly;
  int result = access | kOpenNoCtty;
  if (openFlags & kOpenFlagCreate) result |= kOpenCreate;
  if (openFlags & kOpenFlagDirectory) result |= kOpenDirectory;
  if (openFlags & kOpenFlagExclusive) result |= kOpenExclusive;
  if (openFlags & kOpenFlagTruncate) result |= kOpenTruncate;
  if (flags & (kFlagFileIntegritySync | kFlagRequestedWriteSync)) result |= kOpenSync;
  if (flags & kFlagDataIntegritySync) result |= kOpenDsync;
  return result;
}

// How a trailing slash on the path reaches the system call (OpenParent).
enum class TrailingSlash { kDrop, kKeep };

// Runs `operation(parentFd, name)` on the directory holding `path`.
template <typename Operation>
long AtParent(uint32_t self, const char* path, uint32_t length, TrailingSlash slash, Operation operation) {
  ParentPath parent;
  long status = OpenParent(descriptor(self).fd, path, length, &parent, slash == TrailingSlash::kKeep);
  if (status >= 0) status = operation(parent.fd, parent.name);
  ReleaseParent(&parent);
  return status;
}

bool MayMutate(uint32_t self) { return (descriptor(self).granted & kFlagMutateDirectory) != 0; }

// Directory entry streams read with getdents64 into a page of their own.
constexpr size_t kDirectoryBufferSize = 32 * 1024;
struct DirectoryEntryStream {
  int32_t fd;
  uint32_t position;
  uint32_t filled;
  uint32_t finished;
  uint8_t* buffer;
};

DirectoryEntryStream& entryStream(uint32_t rep) {
  return hostObject<DirectoryEntryStream>(rep, HostKind::kDirectoryEntryStream);
}

uint32_t TypeOfDirent(uint8_t type) {
  switch (type) {
    case kDtFifo: return kTypeFifo;
    case kDtChar: return kTypeCharacterDevice;
    case kDtDir: return kTypeDirectory;
    case kDtBlock: return kTypeBlockDevice;
    case kDtRegular: return kTypeRegularFile;
    case kDtLink: return kTypeSymbolicLink;
    case kDtSocket: return kTypeSocket;
    default: return kTypeUnknown;
  }
}

// The next entry other than "." and "..", or null at the end; -errno in *error.
const Dirent64* NextEntry(DirectoryEntryStream& stream, long* error) {
  for (;;) {
    if (stream.position >= stream.filled) {
      if (stream.finished) return nullptr;
      long got = Sys(arch::kSysGetdents64, stream.fd, (long)stream.buffer, kDirectoryBufferSize);
      if (got < 0) {
        *error = got;
        return nullptr;
      }
      if (got == 0) {
        stream.finished = 1;
        return nullptr;
      }
      stream.position = 0;
      stream.filled = (uint32_t)got;
    }
    auto* entry = reinterpret_cast<const Dirent64*>(stream.buffer + stream.position);
    stream.position += entry->recordLength;
    const char* n = entry->name;
    bool dots = n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'));
    if (!dots) return entry;
  }
}

}  // namespace

uint32_t NewDescriptor(int32_t fd, uint32_t flags, uint32_t type) {
  uint32_t rep = CreateHostObject(HostKind::kDescriptor);
  descriptor(rep) = DescriptorState{fd, flags, type, flags & kFlagMutateDirectory};
  return rep;
}

}  // namespace wacc_rt

using namespace wacc_rt;
using namespace wacc_rt::linux_abi;

#define WASI_FS(name) extern "C" void wacc_host_wasi_filesystem_types_method_descriptor_##name

// ---- streams ------------------------------------------------------------------

// result<stream, error-code>: [0] disc, [1] the stream's rep or the error.
static void StreamResult(uint32_t self, uint32_t needed, uint64_t* results,
                         uint32_t (*make)(int32_t fd, uint64_t offset), uint64_t offset) {
  DescriptorState& state = descriptor(self);
  if ((state.flags & needed) == 0) return SetError(results, kEbadf);
  if (state.type == kTypeDirectory) return SetError(results, kEisdir);
  long fd = Sys(arch::kSysFcntl, state.fd, 1030 /* F_DUPFD_CLOEXEC */, 0);
  if (fd < 0) return SetStatus(results, fd);
  results[0] = 0;
  results[1] = make((int32_t)fd, offset);
}

WASI_FS(read_via_stream)(uint32_t self, uint64_t offset, uint64_t* results) {
  StreamResult(self, kFlagRead, results, NewFileInputStream, offset);
}

WASI_FS(write_via_stream)(uint32_t self, uint64_t offset, uint64_t* results) {
  StreamResult(
      self, kFlagWrite, results, [](int32_t fd, uint64_t at) { return NewFileOutputStream(fd, at, false); }, offset);
}

WASI_FS(append_via_stream)(uint32_t self, uint64_t* results) {
  StreamResult(
      self, kFlagWrite, results, [](int32_t fd, uint64_t) { return NewFileOutputStream(fd, 0, true); }, 0);
}

// ---- the descriptor itself -----------------------------------------------------

WASI_FS(advise)(uint32_t self, uint64_t offset, uint64_t length, uint32_t advice, uint64_t* results) {
  // WIT order: normal, sequential, random, will-need, dont-need, no-reuse.
  static const int kLinuxAdvice[] = {0, 2, 1, 3, 4, 5};
  if (advice > 5) Trap(WACC_TRAP_INVALID_DISCRIMINANT, nullptr);
  SetStatus(results, Sys(arch::kSysFadvise64, descriptor(self).fd, (long)offset, (long)length, kLinuxAdvice[advice]));
}

WASI_FS(sync_data)(uint32_t self, uint64_t* results) {
  SetStatus(results, Sys(arch::kSysFdatasync, descriptor(self).fd));
}

WASI_FS(sync)(uint32_t self, uint64_t* results) { SetStatus(results, Sys(arch::kSysFsync, descriptor(self).fd)); }

WASI_FS(get_flags)(uint32_t self, uint64_t* results) {
  results[0] = 0;
  results[1] = descriptor(self).flags;
}

WASI_FS(get_type)(uint32_t self, uint64_t* results) {
  Statx stat{};
  long status = StatFd(descriptor(self).fd, &stat);
  if (status < 0) return SetStatus(results, status);
  results[0] = 0;
  results[1] = TypeOfMode(stat.mode);
}

WASI_FS(set_size)(uint32_t self, uint64_t size, uint64_t* results) {
  if ((descriptor(self).flags & kFlagWrite) == 0) return SetError(results, kEbadf);
  SetStatus(results, Sys(arch::kSysFtruncate, descriptor(self).fd, (long)size));
}

WASI_FS(set_times)
(uint32_t self, uint32_t accessKind, uint64_t accessSeconds, uint32_t accessNanoseconds, uint32_t modifyKind,
 uint64_t modifySeconds, uint32_t modifyNanoseconds, uint64_t* results) {
  Timespec times[2] = {ToTimespec(accessKind, accessSeconds, accessNanoseconds),
                       ToTimespec(modifyKind, modifySeconds, modifyNanoseconds)};
  SetStatus(results, Sys(arch::kSysUtimensat, descriptor(self).fd, (long)"", (long)times, kAtEmptyPath));
}

// result<tuple<list<u8>, bool>, error-code>: [0] disc, [1] pointer or the
// error, [2] length, [3] 1 at end of file.
WASI_FS(read)(uint32_t self, uint64_t length, uint64_t offset, uint64_t* results) {
  DescriptorState& state = descriptor(self);
  if ((state.flags & kFlagRead) == 0) return SetError(results, kEbadf);
  ResetResultArena();
  uint64_t limit = length < kMaxDirectRead ? length : kMaxDirectRead;
  void* buffer = AllocateResult(limit + 1);
  long got =
      RetryInterrupted([&] { return Sys(arch::kSysPread64, state.fd, (long)buffer, (long)limit, (long)offset); });
  if (got < 0) return SetStatus(results, got);
  results[0] = 0;
  results[1] = reinterpret_cast<uintptr_t>(buffer);
  results[2] = (uint64_t)got;
  results[3] = (uint64_t)got < limit || (got == 0 && length != 0) ? 1 : 0;
}

// result<filesize, error-code>: [0] disc, [1] bytes written or the error.
WASI_FS(write)(uint32_t self, const void* buffer, uint32_t length, uint64_t offset, uint64_t* results) {
  DescriptorState& state = descriptor(self);
  if ((state.flags & kFlagWrite) == 0) return SetError(results, kEbadf);
  long written =
      RetryInterrupted([&] { return Sys(arch::kSysPwrite64, state.fd, (long)buffer, (long)length, (long)offset); });
  if (written < 0) return SetStatus(results, written);
  results[0] = 0;
  results[1] = (uint64_t)written;
}

WASI_FS(stat)(uint32_t self, uint64_t* results) { StatResult(descriptor(self).fd, false, results); }

// bool.
WASI_FS(is_same_object)(uint32_t self, uint32_t other, uint64_t* results) {
  Statx a{}, b{};
  bool same = StatFd(descriptor(self).fd, &a) >= 0 && StatFd(descriptor(other).fd, &b) >= 0 && a.inode == b.inode &&
              a.devMajor == b.devMajor && a.devMinor == b.devMinor;
  results[0] = same ? 1 : 0;
}

WASI_FS(metadata_hash)(uint32_t self, uint64_t* results) { HashResult(descriptor(self).fd, false, results); }

// ---- paths ------------------------------------------------------------------------

WASI_FS(stat_at)(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint64_t* results) {
  StatResult(OpenPathOnly(self, pathFlags, path, length), true, results);
}

WASI_FS(metadata_hash_at)(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint64_t* results) {
  HashResult(OpenPathOnly(self, pathFlags, path, length), true, results);
}

WASI_FS(set_times_at)
(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint32_t accessKind, uint64_t accessSeconds,
 uint32_t accessNanoseconds, uint32_t modifyKind, uint64_t modifySeconds, uint32_t modifyNanoseconds,
 uint64_t* results) {
  Timespec times[2] = {ToTimespec(accessKind, accessSeconds, accessNanoseconds),
                       ToTimespec(modifyKind, modifySeconds, modifyNanoseconds)};
  long fd = OpenPathOnly(self, pathFlags, path, length);
  if (fd < 0) return SetStatus(results, fd);
  long status = Sys(arch::kSysUtimensat, fd, (long)"", (long)times, kAtEmptyPath | kAtSymlinkNoFollow);
  CloseFd((int)fd);
  SetStatus(results, status);
}

// result<descriptor, error-code>: [0] disc, [1] rep or the error.
WASI_FS(open_at)
(uint32_t self, uint32_t pathFlags, const char* path, uint32_t length, uint32_t openFlags, uint32_t flags,
 uint64_t* results) {
  if (NeedsMutation(flags, openFlags) && !MayMutate(self)) return SetError(results, kEperm);
  long fd = OpenBeneath(descriptor(self).fd, path, length, OpenFlagsFor(openFlags, flags), 0666,
                        (pathFlags & kPathSymlinkFollow) != 0);
  if (fd < 0) return SetStatus(results, fd);
  Statx stat{};
  StatFd((int)fd, &stat);
  uint32_t type = TypeOfMode(stat.mode);
  // Only directories carry mutate-directory, and only when their parent did.
  if (type != kTypeDirectory) flags &= ~kFlagMutateDirectory;
  // Opened without write, a descriptor is open for reading (O_RDONLY), and
  // says so, as Wasmtime's does.
  if ((flags & kFlagWrite) == 0) flags |= kFlagRead;
  uint32_t rep = NewDescriptor((int32_t)fd, flags, type);
  // A directory keeps what its preopen grants, however it was opened: the
  // preview1 adapter opens directories with no descriptor flags at all
  // (path_open with O_DIRECTORY), and Wasmtime's open_at hands the parent's
  // DirPerms to the new directory.
  if (type == kTypeDirectory) descriptor(rep).granted = descriptor(self).granted;
  results[0] = 0;
  results[1] = rep;
}

// result<string, error-code>: [0] disc, [1] pointer or the error, [2] length.
WASI_FS(readlink_at)(uint32_t self, const char* path, uint32_t length, uint64_t* results) {
  ResetResultArena();
  char* target = AllocateResults<char>(kMaxPathLength + 1);
  long got = AtParent(self, path, length, TrailingSlash::kDrop, [&](int parent, const char* name) {
    return Sys(arch::kSysReadlinkat, parent, (long)name, (long)target, kMaxPathLength);
  });
  if (got < 0) return SetStatus(results, got);
  results[0] = 0;
  results[1] = reinterpret_cast<uintptr_t>(target);
  results[2] = (uint64_t)got;
}

WASI_FS(create_directory_at)(uint32_t self, const char* path, uint32_t length, uint64_t* results) {
  if (!MayMutate(self)) return SetError(results, kEperm);
  SetStatus(results, AtParent(self, path, length, TrailingSlash::kKeep, [](int parent, const char* name) {
              return Sys(arch::kSysMkdirat, parent, (long)name, 0777);
            }));
}

// A trailing slash asks for the directory a final symlink points to, so a
// symlink leading outside the sandbox ("up/" with up -> ..) is not-permitted,
// as Wasmtime (cap-std) resolves it, before the kernel's own answer
// (unlinkat does not follow it: not-directory) applies.
bool TrailingSlashEscapes(uint32_t self, const char* path, uint32_t length) {
  if (length == 0 || path[length - 1] != '/') return false;
  long fd = OpenBeneath(descriptor(self).fd, path, length, kOpenPath | kOpenDirectory, 0, /*followFinal=*/true);
  if (fd >= 0) Sys(arch::kSysClose, fd);
  return fd == -kEperm;
}

WASI_FS(remove_directory_at)(uint32_t self, const char* path, uint32_t length, uint64_t* results) {
  if (!MayMutate(self)) return SetError(results, kEperm);
  if (TrailingSlashEscapes(self, path, length)) return SetError(results, kEperm);
  SetStatus(results, AtParent(self, path, length, TrailingSlash::kKeep, [](int parent, const char* name) {
              return Sys(arch::kSysUnlinkat, parent, (long)name, kAtRemoveDir);
            }));
}

WASI_FS(unlink_file_at)(uint32_t self, const char* path, uint32_t length, uint64_t* results) {
  if (!MayMutate(self)) return SetError(results, kEperm);
  SetStatus(results, AtParent(self, path, length, TrailingSlash::kKeep, [](int parent, const char* name) {
              return Sys(arch::kSysUnlinkat, parent, (long)name, 0);
            }));
}

WASI_FS(symlink_at)
(uint32_t self, const char* target, uint32_t targetLength, const char* path, uint32_t length, uint64_t* results) {
  if (!MayMutate(self)) return SetError(results, kEperm);
  // A link to an absolute path could never be followed inside the sandbox.
  if (targetLength == 0) return SetError(results, kEnoent);
  if (targetLength > kMaxPathLength) return SetError(results, kEnametoolong);
  if (target[0] == '/') return SetError(results, kEperm);
  char targetText[kMaxPathLength + 1];
  for (uint32_t i = 0; i < targetLength; ++i) {
    if (target[i] == '\0') return SetError(results, kEilseq);
    targetText[i] = target[i];
  }
  targetText[targetLength] = '\0';
  SetStatus(results, AtParent(self, path, length, TrailingSlash::kKeep, [&](int parent, const char* name) {
              return Sys(arch::kSysSymlinkat, (long)targetText, parent, (long)name);
            }));
}

WASI_FS(link_at)
(uint32_t self, uint32_t oldPathFlags, const char* oldPath, uint32_t oldLength, uint32_t newDirectory,
 const char* newPath, uint32_t newLength, uint64_t* results) {
  if (!MayMutate(newDirectory)) return SetError(results, kEperm);
  // Following a symlink here would let the kernel resolve it unconfined.
  if (oldPathFlags & kPathSymlinkFollow) return SetError(results, kEinval);
  // linkat would follow a symlink named "link/": decide "old/" here, as the
  // kernel would without following (a directory cannot be linked).
  if (oldLength > 0 && oldPath[oldLength - 1] == '/') {
    return SetStatus(
        results, AtParent(self, oldPath, oldLength, TrailingSlash::kDrop, [](int parent, const char* name) {
          Statx stat{};
          long status = Sys(arch::kSysStatx, parent, (long)name, kAtSymlinkNoFollow, kStatxBasicStats, (long)&stat);
          if (status < 0) return status;
          return (long)((stat.mode & kModeTypeMask) == kModeDirectory ? -kEperm : -kEnotdir);
        }));
  }
  SetStatus(results, AtParent(self, oldPath, oldLength, TrailingSlash::kDrop, [&](int oldParent, const char* oldName) {
              return AtParent(newDirectory, newPath, newLength, TrailingSlash::kKeep,
                              [&](int newParent, const char* newName) {
                                return Sys(arch::kSysLinkat, oldParent, (long)oldName, newParent, (long)newName, 0);
                              });
            }));
}

WASI_FS(rename_at)
(uint32_t self, const char* oldPath, uint32_t oldLength, uint32_t newDirectory, const char* newPath, uint32_t newLength,
 uint64_t* results) {
  if (!MayMutate(self) || !MayMutate(newDirectory)) return SetError(results, kEperm);
  SetStatus(results, AtParent(self, oldPath, oldLength, TrailingSlash::kKeep, [&](int oldParent, const char* oldName) {
              return AtParent(newDirectory, newPath, newLength, TrailingSlash::kKeep,
                              [&](int newParent, const char* newName) {
                                return Sys(arch::kSysRenameat2, oldParent, (long)oldName, newParent, (long)newName, 0);
                              });
            }));
}

// ---- directories ------------------------------------------------------------------

// result<directory-entry-stream, error-code>: [0] disc, [1] rep or the error.
WASI_FS(read_directory)(uint32_t self, uint64_t* results) {
  long fd = RetryInterrupted([&] {
    return Sys(arch::kSysOpenat, descriptor(self).fd, (long)".", kOpenReadOnly | kOpenDirectory | kOpenCloexec);
  });
  if (fd < 0) return SetStatus(results, fd);
  auto* buffer = static_cast<uint8_t*>(AllocatePages(kDirectoryBufferSize));
  if (buffer == nullptr) Trap(WACC_TRAP_OUT_OF_MEMORY, nullptr);
  uint32_t rep = CreateHostObject(HostKind::kDirectoryEntryStream);
  entryStream(rep) = DirectoryEntryStream{(int32_t)fd, 0, 0, 0, buffer};
  results[0] = 0;
  results[1] = rep;
}

// result<option<directory-entry>, error-code>: [0] disc, [1] 0 none / 1 some
// or the error, [2] type, [3] name pointer, [4] name length.
extern "C" void wacc_host_wasi_filesystem_types_method_directory_entry_stream_read_directory_entry(uint32_t self,
                                                                                                   uint64_t* results) {
  DirectoryEntryStream& stream = entryStream(self);
  long error = 0;
  const Dirent64* entry = NextEntry(stream, &error);
  if (error < 0) return SetStatus(results, error);
  results[0] = 0;
  results[1] = entry != nullptr ? 1 : 0;
  if (entry == nullptr) return;
  ResetResultArena();
  size_t length = 0;
  while (entry->name[length] != '\0') ++length;
  char* name = AllocateResults<char>(length + 1);
  for (size_t i = 0; i < length; ++i) name[i] = entry->name[i];
  uint32_t type = TypeOfDirent(entry->type);
  if (type == kTypeUnknown) {
    Statx stat{};
    if (Sys(arch::kSysStatx, stream.fd, (long)name, kAtSymlinkNoFollow, kStatxBasicStats, (long)&stat) >= 0)
      type = TypeOfMode(stat.mode);
  }
  results[2] = type;
  results[3] = reinterpret_cast<uintptr_t>(name);
  results[4] = length;
}

extern "C" void wacc_host_wasi_filesystem_types_resource_drop_directory_entry_stream(uint32_t rep) {
  DirectoryEntryStream& stream = entryStream(rep);
  CloseFd(stream.fd);
  FreePages(stream.buffer, kDirectoryBufferSize);
  DestroyHostObject(rep, HostKind::kDirectoryEntryStream);
}

extern "C" void wacc_host_wasi_filesystem_types_resource_drop_descriptor(uint32_t rep) {
  CloseFd(descriptor(rep).fd);
  DestroyHostObject(rep, HostKind::kDescriptor);
}
