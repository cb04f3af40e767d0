// wasi:filesystem 0.3 over the 0.2 host (runtime-support/wasi/Filesystem*):
// a 0.3 descriptor is a 0.2 descriptor (resources match by interface and
// name without version, so both share reps and 0.2's resource-drop), and
// each method calls its 0.2 counterpart, whose parameters flatten alike,
// then rewrites the results where 0.3's types differ:
//   - error-code and descriptor-type became variants with a last case
//     `other(option<string>)`: one slot became four (case, option
//     discriminant, pointer, length); 0.2's would-block (1) and unknown (0)
//     become other(none), the other cases shift down by one.
//   - reads and writes go through stream<u8> (host stream ends,
//     core/AsyncHost.h) with a future<result<_, error-code>> for the outcome.
// Every `async func` completes before returning (0: no host subtask):
// the 0.2 host's calls block, as its preview1 layer's do.
#include "wasi/Filesystem.h"
#include "core/AsyncHost.h"
#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"

using namespace wacc_rt;
using namespace wacc_rt::linux_abi;

namespace {

constexpr uint32_t kErrorOther = 36;   // error-code.other
constexpr uint32_t kTypeOther = 7;     // descriptor-type.other
constexpr uint64_t kWouldBlock02 = 1;  // 0.2's error-code.would-block

// 0.2 error-code -> 0.3 error-code case (other's option is none).
uint32_t ErrorCase(uint64_t error02) {
  if (error02 == 0) return 0;
  if (error02 == kWouldBlock02) return kErrorOther;
  return (uint32_t)error02 - 1;
}

uint32_t TypeCase(uint64_t type02) { return type02 == kTypeUnknown ? kTypeOther : (uint32_t)type02 - 1; }

// Writes a variant with an `other(option<string>)` case as 0.3 flattens it.
void PutOtherVariant(uint64_t* out, uint32_t kase) {
  out[0] = kase;
  out[1] = 0;  // option none
  out[2] = 0;
  out[3] = 0;
}

// result<T, error-code>: 0.2's slots `in` -> 0.3's `out`; T's okSlots
// slots are the same in both.
uint32_t Result(const uint64_t* in, uint64_t* out, uint32_t okSlots) {
  out[0] = in[0];
  if (in[0] == 0) {
    for (uint32_t i = 1; i <= okSlots; ++i) out[i] = in[i];
  } else {
    PutOtherVariant(out + 1, ErrorCase(in[1]));
  }
  return 0;
}

DescriptorState& Descriptor(uint32_t rep) { return hostObject<DescriptorState>(rep, HostKind::kDescriptor); }

// 0.3 (as Wasmtime's p3 host) reports a path that is absolute or climbs
// above its directory by `..` as not-permitted, before looking at the
// file system (0.2's host may find "/" or ".." first and say exist).
constexpr uint64_t kNotPermitted02 = 31;  // 0.2's error-code.not-permitted
bool Escapes(const char* path, uint32_t length) {
  if (length > 0 && path[0] == '/') return true;
  int32_t depth = 0;
  uint32_t i = 0;
  while (i < length) {
    uint32_t start = i;
    while (i < length && path[i] != '/') ++i;
    uint32_t n = i - start;
    if (n == 2 && path[start] == '.' && path[start + 1] == '.') {
      if (--depth < 0) return true;
    } else if (n != 0 && !(n == 1 && path[start] == '.')) {
      ++depth;
    }
    ++i;
  }
  return false;
}

// The 0.3 result of a path operation refused for escaping.
uint32_t NotPermitted(uint64_t* out) {
  out[0] = 1;
  PutOtherVariant(out + 1, ErrorCase(kNotPermitted02));
  return 0;
}

// --- Streams over a descriptor ------------------------------------------------

// One read-via-stream / write-via-stream / append-via-stream /
// read-directory (or a future that fails at once). Its slot is the state
// of the host ends it made (the data stream's, the result future's) and is
// free once each has been released: its `closed` call, which comes when the
// guest drops the other end whether or not it read it (a future dropped
// unread, a stream the guest never read from).
struct FileStream {
  int32_t fd;
  uint64_t offset;
  bool append;
  bool ended, failed;
  int32_t error;         // errno when failed (or -1: errorCase02 says)
  uint32_t future;       // readable rep of the result future (0: the guest dropped it)
  uint32_t entries;      // read-directory: the 0.2 directory-entry-stream
  uint64_t errorCase02;  // read-directory: 0.2's error-code when failed
  uint32_t refs;         // host ends not yet released
};

constexpr uint32_t kMaxFileStreams = 256;
FileStream fileStreams[kMaxFileStreams];
uint32_t fileStreamCount = 0;
// The state of futures that report insufficient-memory when every slot is
// taken: never freed (its refs are not counted).
FileStream exhausted{-1, 0, false, true, true, kEnomem, 0, 0, 0, 0};

// A slot for `refs` host ends, or null when all are taken.
FileStream* NewFileStream(int32_t fd, uint64_t offset, bool append, uint32_t refs) {
  FileStream* s = nullptr;
  for (uint32_t i = 0; i < fileStreamCount && !s; ++i)
    if (fileStreams[i].refs == 0) s = &fileStreams[i];
  if (!s) {
    if (fileStreamCount == kMaxFileStreams) return nullptr;
    s = &fileStreams[fileStreamCount++];
  }
  *s = FileStream{fd, offset, append, false, false, 0, 0, 0, 0, refs};
  return s;
}

// One of the slot's host ends was released.
void Release(FileStream* s) {
  if (s != &exhausted && s->refs) --s->refs;
}

// future<result<_, error-code>>: its canonical layout is a u8 discriminant
// at 0 and the error-code variant at 4 (its case a u8 at 4, the option's
// discriminant a u8 at 8): 20 bytes, align 4.
uint32_t FutureReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  FileStream* s = static_cast<FileStream*>(state);
  if (!s->ended) return kHostWouldBlock;
  if (count == 0) return 0;
  buffer[0] = s->failed ? 1 : 0;
  if (s->failed) {
    buffer[4] = (uint8_t)ErrorCase(s->error < 0 ? s->errorCase02 : FilesystemErrorCode(s->error));
    buffer[8] = 0;
  }
  return 1;
}

// The guest dropped the result future (read or not): its rep is gone with it.
void FutureClosed(void* state) {
  FileStream* s = static_cast<FileStream*>(state);
  if (s != &exhausted) s->future = 0;
  Release(s);
}

uint32_t ReadReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  FileStream* s = static_cast<FileStream*>(state);
  if (count == 0) return 0;
  long n = RetryInterrupted([&] { return Sys(arch::kSysPread64, s->fd, (long)buffer, count, (long)s->offset); });
  if (n <= 0) {
    s->failed = n < 0;
    s->error = (int32_t)-n;
    s->ended = true;
    if (s->future) HostStreamWake(s->future);
    return kHostClosed;
  }
  s->offset += (uint64_t)n;
  return (uint32_t)n;
}

uint32_t WriteReady(void* state, uint8_t* buffer, uint32_t count, uint32_t) {
  FileStream* s = static_cast<FileStream*>(state);
  uint32_t done = 0;
  while (done < count && !s->failed) {
    long n;
    if (s->append) {
      n = RetryInterrupted([&] { return Sys(arch::kSysWrite, s->fd, (long)(buffer + done), count - done); });
    } else {
      n = RetryInterrupted(
          [&] { return Sys(arch::kSysPwrite64, s->fd, (long)(buffer + done), count - done, (long)s->offset); });
    }
    if (n < 0) {
      s->failed = true;
      s->error = (int32_t)-n;
      break;
    }
    done += (uint32_t)n;
    s->offset += (uint64_t)n;
  }
  return done;
}

// The data stream's `closed`: the guest dropped its end.
void Ended(void* state) {
  FileStream* s = static_cast<FileStream*>(state);
  s->ended = true;
  if (s->future) HostStreamWake(s->future);
  Release(s);
}

// A slot whose streams report `error` (errno) at once, for `refs` ends.
FileStream* FailedStream(int32_t error, uint32_t refs) {
  FileStream* s = NewFileStream(-1, 0, false, refs);
  if (!s) return &exhausted;
  s->ended = s->failed = true;
  s->error = error;
  return s;
}

uint32_t NoBytes(void*, uint8_t*, uint32_t, uint32_t) { return kHostClosed; }

// The released end of a stream that never had bytes.
void NothingEnded(void* state) { Release(static_cast<FileStream*>(state)); }

// The result future of `s` (one of its ends).
uint32_t ResultFuture(FileStream* s) {
  uint32_t future = HostStreamWithWriter(1, HostEnd{FutureReady, s, -1, 0, FutureClosed, nullptr, 0});
  if (s != &exhausted) s->future = future;
  return future;
}

// read-directory's stream<directory-entry>: one entry per call (a name
// stays valid only until the 0.2 host is called again), as 0.3 flattens
// it: descriptor-type (case, option, ptr, len), then the name (ptr, len).
constexpr uint32_t kEntrySlots = 6;
uint32_t ProduceEntries(void* state, uint64_t* slots, uint32_t count) {
  FileStream* s = static_cast<FileStream*>(state);
  if (count == 0) return 0;
  if (s->ended) return kHostClosed;
  uint64_t r[5];
  wacc_host_wasi_filesystem_types_method_directory_entry_stream_read_directory_entry(s->entries, r);
  if (r[0] != 0 || r[1] == 0) {
    if (r[0] != 0) {
      s->failed = true;
      s->error = -1;
      s->errorCase02 = r[1];
    }
    s->ended = true;
    wacc_host_wasi_filesystem_types_resource_drop_directory_entry_stream(s->entries);
    if (s->future) HostStreamWake(s->future);
    return kHostClosed;
  }
  PutOtherVariant(slots, TypeCase(r[2]));
  slots[4] = r[3];
  slots[5] = r[4];
  return 1;
}

void EntriesEnded(void* state) {
  FileStream* s = static_cast<FileStream*>(state);
  if (!s->ended && s->entries) wacc_host_wasi_filesystem_types_resource_drop_directory_entry_stream(s->entries);
  s->ended = true;
  if (s->future) HostStreamWake(s->future);
  Release(s);
}

uint32_t WriteStream(uint32_t self, uint32_t data, uint64_t offset, bool append) {
  DescriptorState& d = Descriptor(self);
  FileStream* s = d.flags & kFlagWrite ? NewFileStream(d.fd, offset, append, 2) : nullptr;
  if (!s) {
    // The data stream is not read: closed, so the guest's writes see
    // DROPPED (and the pair is freed once the guest drops its end).
    HostStreamClose(data);
    return ResultFuture(FailedStream(d.flags & kFlagWrite ? kEnomem : kEbadf, 1));
  }
  uint32_t future = ResultFuture(s);
  HostStreamAttachReader(data, HostEnd{WriteReady, s, d.fd, 4 /* POLLOUT */, Ended, nullptr, 0});
  return future;
}

}  // namespace

extern "C" {

void wacc_host_p3_wasi_filesystem_preopens_get_directories(uint64_t* results) {
  wacc_host_wasi_filesystem_preopens_get_directories(results);
}

void wacc_host_p3_wasi_filesystem_types_resource_drop_descriptor(uint32_t rep) {
  wacc_host_wasi_filesystem_types_resource_drop_descriptor(rep);
}

void wacc_host_p3_wasi_filesystem_types_method_descriptor_read_via_stream(uint32_t self, uint64_t offset,
                                                                          uint64_t* results) {
  DescriptorState& d = Descriptor(self);
  FileStream* s = d.flags & kFlagRead ? NewFileStream(d.fd, offset, false, 2) : nullptr;
  if (!s) {
    // A stream that ends at once, and the reason in the future.
    FileStream* failed = FailedStream(d.flags & kFlagRead ? kEnomem : kEbadf, 2);
    results[1] = ResultFuture(failed);
    results[0] = HostStreamWithWriter(0, HostEnd{NoBytes, failed, -1, 0, NothingEnded, nullptr, 0});
    return;
  }
  results[1] = ResultFuture(s);
  results[0] = HostStreamWithWriter(0, HostEnd{ReadReady, s, d.fd, 1 /* POLLIN */, Ended, nullptr, 0});
}

void wacc_host_p3_wasi_filesystem_types_method_descriptor_write_via_stream(uint32_t self, uint32_t data,
                                                                           uint64_t offset, uint64_t* results) {
  results[0] = WriteStream(self, data, offset, false);
}

void wacc_host_p3_wasi_filesystem_types_method_descriptor_append_via_stream(uint32_t self, uint32_t data,
                                                                            uint64_t* results) {
  // Each write goes to the end of the file: seek there first.
  Sys(arch::kSysLseek, Descriptor(self).fd, 0, 2 /* SEEK_END */);
  results[0] = WriteStream(self, data, 0, true);
}

void wacc_host_p3_wasi_filesystem_types_method_descriptor_read_directory(uint32_t self, uint64_t* results) {
  uint64_t r[2];
  wacc_host_wasi_filesystem_types_method_descriptor_read_directory(self, r);
  FileStream* s = NewFileStream(-1, 0, false, 2);
  if (!s) {
    if (r[0] == 0) wacc_host_wasi_filesystem_types_resource_drop_directory_entry_stream((uint32_t)r[1]);
    s = &exhausted;
  } else if (r[0] != 0) {
    s->ended = s->failed = true;
    s->error = -1;
    s->errorCase02 = r[1];
  } else {
    s->entries = (uint32_t)r[1];
  }
  results[1] = ResultFuture(s);
  results[0] = HostStreamWithWriter(0, HostEnd{NoBytes, s, -1, 0, s == &exhausted ? nullptr : EntriesEnded,
                                               s == &exhausted ? nullptr : ProduceEntries, kEntrySlots});
}

#define P3_FS(name) uint32_t wacc_host_p3_wasi_filesystem_types_method_descriptor_##name
#define V2_FS(name) wacc_host_wasi_filesystem_types_method_descriptor_##name

P3_FS(advise)(uint32_t self, uint64_t offset, uint64_t length, uint32_t advice, uint64_t* results) {
  // 0.3 advises files only.
  constexpr uint64_t kBadDescriptor02 = 3;
  if (Descriptor(self).type == kTypeDirectory) {
    uint64_t bad[2] = {1, kBadDescriptor02};
    return Result(bad, results, 0);
  }
  uint64_t r[2];
  V2_FS(advise)(self, offset, length, advice, r);
  return Result(r, results, 0);
}
P3_FS(sync_data)(uint32_t self, uint64_t* results) {
  uint64_t r[2];
  V2_FS(sync_data)(self, r);
  return Result(r, results, 0);
}
P3_FS(sync)(uint32_t self, uint64_t* results) {
  uint64_t r[2];
  V2_FS(sync)(self, r);
  return Result(r, results, 0);
}
P3_FS(get_flags)(uint32_t self, uint64_t* results) {
  uint64_t r[2];
  V2_FS(get_flags)(self, r);
  return Result(r, results, 1);
}
P3_FS(get_type)(uint32_t self, uint64_t* results) {
  uint64_t r[2];
  V2_FS(get_type)(self, r);
  if (r[0] != 0) return Result(r, results, 0);
  results[0] = 0;
  PutOtherVariant(results + 1, TypeCase(r[1]));
  return 0;
}
P3_FS(set_size)(uint32_t self, uint64_t size, uint64_t* results) {
  uint64_t r[2];
  V2_FS(set_size)(self, size, r);
  return Result(r, results, 0);
}
P3_FS(set_times)
(uint32_t self, uint32_t aCase, uint64_t a1, uint32_t a2, uint32_t mCase, uint64_t m1, uint32_t m2, uint64_t* results) {
  uint64_t r[2];
  V2_FS(set_times)(self, aCase, a1, a2, mCase, m1, m2, r);
  return Result(r, results, 0);
}
P3_FS(create_directory_at)(uint32_t self, const char* path, uint32_t pathLength, uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  uint64_t r[2];
  V2_FS(create_directory_at)(self, path, pathLength, r);
  return Result(r, results, 0);
}

// descriptor-stat: 0.2's [type, link-count, size, 3 x (some, s, ns)] ->
// 0.3's [type case, option, ptr, len, link-count, size, 3 x (some, s, ns)].
static uint32_t StatResult(const uint64_t* in, uint64_t* out) {
  if (in[0] != 0) return Result(in, out, 0);
  out[0] = 0;
  PutOtherVariant(out + 1, TypeCase(in[1]));
  for (uint32_t i = 2; i < 13; ++i) out[i + 3] = in[i];
  return 0;
}
P3_FS(stat)(uint32_t self, uint64_t* results) {
  uint64_t r[13];
  V2_FS(stat)(self, r);
  return StatResult(r, results);
}
P3_FS(stat_at)(uint32_t self, uint32_t pathFlags, const char* path, uint32_t pathLength, uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  uint64_t r[13];
  V2_FS(stat_at)(self, pathFlags, path, pathLength, r);
  return StatResult(r, results);
}
P3_FS(set_times_at)
(uint32_t self, uint32_t pathFlags, const char* path, uint32_t pathLength, uint32_t aCase, uint64_t a1, uint32_t a2,
 uint32_t mCase, uint64_t m1, uint32_t m2, uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  uint64_t r[2];
  V2_FS(set_times_at)(self, pathFlags, path, pathLength, aCase, a1, a2, mCase, m1, m2, r);
  return Result(r, results, 0);
}
P3_FS(link_at)
(uint32_t self, uint32_t oldPathFlags, const char* oldPath, uint32_t oldPathLength, uint32_t newDescriptor,
 const char* newPath, uint32_t newPathLength, uint64_t* results) {
  if (Escapes(oldPath, oldPathLength) || Escapes(newPath, newPathLength)) return NotPermitted(results);
  uint64_t r[2];
  V2_FS(link_at)(self, oldPathFlags, oldPath, oldPathLength, newDescriptor, newPath, newPathLength, r);
  return Result(r, results, 0);
}
P3_FS(open_at)
(uint32_t self, uint32_t pathFlags, const char* path, uint32_t pathLength, uint32_t openFlags, uint32_t flags,
 uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  // 0.3 (Wasmtime's p3): neither read nor write means read, and creating
  // a file implies opening it for writing.
  constexpr uint32_t kOpenCreate = 1;
  if (!(flags & (kFlagRead | kFlagWrite))) flags |= kFlagRead;
  if (openFlags & kOpenCreate) flags |= kFlagWrite;
  uint64_t r[2];
  V2_FS(open_at)(self, pathFlags, path, pathLength, openFlags, flags, r);
  return Result(r, results, 1);
}
P3_FS(readlink_at)(uint32_t self, const char* path, uint32_t pathLength, uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  uint64_t r[3];
  V2_FS(readlink_at)(self, path, pathLength, r);
  return Result(r, results, 2);
}
P3_FS(remove_directory_at)(uint32_t self, const char* path, uint32_t pathLength, uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  uint64_t r[2];
  V2_FS(remove_directory_at)(self, path, pathLength, r);
  return Result(r, results, 0);
}
P3_FS(rename_at)
(uint32_t self, const char* oldPath, uint32_t oldPathLength, uint32_t newDescriptor, const char* newPath,
 uint32_t newPathLength, uint64_t* results) {
  if (Escapes(oldPath, oldPathLength) || Escapes(newPath, newPathLength)) return NotPermitted(results);
  uint64_t r[2];
  V2_FS(rename_at)(self, oldPath, oldPathLength, newDescriptor, newPath, newPathLength, r);
  return Result(r, results, 0);
}
P3_FS(symlink_at)
(uint32_t self, const char* oldPath, uint32_t oldPathLength, const char* newPath, uint32_t newPathLength,
 uint64_t* results) {
  if (Escapes(newPath, newPathLength)) return NotPermitted(results);
  uint64_t r[2];
  V2_FS(symlink_at)(self, oldPath, oldPathLength, newPath, newPathLength, r);
  return Result(r, results, 0);
}
P3_FS(unlink_file_at)(uint32_t self, const char* path, uint32_t pathLength, uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  uint64_t r[2];
  V2_FS(unlink_file_at)(self, path, pathLength, r);
  return Result(r, results, 0);
}
P3_FS(is_same_object)(uint32_t self, uint32_t other, uint64_t* results) {
  V2_FS(is_same_object)(self, other, results);
  return 0;
}
P3_FS(metadata_hash)(uint32_t self, uint64_t* results) {
  uint64_t r[3];
  V2_FS(metadata_hash)(self, r);
  return Result(r, results, 2);
}
P3_FS(metadata_hash_at)(uint32_t self, uint32_t pathFlags, const char* path, uint32_t pathLength, uint64_t* results) {
  if (Escapes(path, pathLength)) return NotPermitted(results);
  uint64_t r[3];
  V2_FS(metadata_hash_at)(self, pathFlags, path, pathLength, r);
  return Result(r, results, 2);
}

}  // extern "C"
