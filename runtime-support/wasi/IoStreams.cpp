// wasi:io/streams. Output streams write synchronously (the runtime keeps no
// buffers, but for memory streams whose owner has `flush`), so every write
// is already flushed, check-write grants
// kWritePermit and an output stream's pollable is always ready (but for a
// memory stream whose owner says otherwise: Streams.h MemoryStreamOps). Input
// streams read into the result arena: `read` returns what is available now
// (possibly nothing), `blocking-read` waits for at least one byte. End of
// input, and a reader that went away (EPIPE; SIGPIPE is ignored at
// start-up), are reported as `closed`, from then on.
#include "core/HostObjects.h"
#include "core/Output.h"
#include "core/ResultArena.h"
#include "core/Syscall.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Linux.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

using namespace linux_abi;

// What check-write permits per write; writes are synchronous, so this only
// bounds how much a guest hands over at once.
constexpr uint64_t kWritePermit = 1024 * 1024;
// The most one read returns (WASI allows fewer bytes than asked for).
constexpr uint64_t kReadChunk = 256 * 1024;

enum : uint64_t { kResultOk = 0, kResultErr = 1 };
enum : uint64_t { kLastOperationFailed = 0, kClosed = 1 };

StreamState& outputStream(uint32_t rep) { return hostObject<StreamState>(rep, HostKind::kOutputStream); }
StreamState& inputStream(uint32_t rep) { return hostObject<StreamState>(rep, HostKind::kInputStream); }

void SetOk(uint64_t* results, uint64_t value = 0, uint64_t extra = 0) {
  results[0] = kResultOk;
  results[1] = value;
  results[2] = extra;
}

void SetClosed(uint64_t* results) {
  results[0] = kResultErr;
  results[1] = kClosed;
  results[2] = 0;
}

void SetFailed(uint64_t* results, int code) {
  results[0] = kResultErr;
  results[1] = kLastOperationFailed;
  results[2] = NewIoError(code);
}

// Writes everything; 0 or a positive errno.
int WriteStream(StreamState& stream, const void* bytes, uint64_t size) {
  if (stream.kind == StreamKind::kMemory) return stream.ops->write(stream.owner, bytes, size);
  if (stream.kind != StreamKind::kFile) return WriteAll(stream.fd, bytes, size);
  const auto* cursor = static_cast<const uint8_t*>(bytes);
  while (size > 0) {
    long written;
    if (stream.append) {
      struct {
        const void* base;
        uint64_t length;
      } iov{cursor, size};
      written = RetryInterrupted([&] { return Sys(arch::kSysPwritev2, stream.fd, (long)&iov, 1, -1, -1, kRwfAppend); });
      if (written == -kEnosys || written == -kEopnotsupp) {
        // Kernels before 4.16 and qemu-user lack pwritev2/RWF_APPEND: write
        // at the current end instead (not atomic against other writers).
        long end = Sys(arch::kSysLseek, stream.fd, 0, 2 /* SEEK_END */);
        written = end < 0 ? end : RetryInterrupted([&] {
          return Sys(arch::kSysPwrite64, stream.fd, (long)cursor, (long)size, end);
        });
      }
    } else {
      written = RetryInterrupted(
          [&] { return Sys(arch::kSysPwrite64, stream.fd, (long)cursor, (long)size, (long)stream.offset); });
    }
    if (written < 0) return (int)-written;
    if (written == 0) return kEio;
    if (!stream.append) stream.offset += (uint64_t)written;
    cursor += written;
    size -= (uint64_t)written;
  }
  return 0;
}

// Writes and reports the outcome in result<_, stream-error> slots.
void WriteContents(StreamState& stream, const void* contents, uint64_t length, uint64_t* results) {
  if (stream.closed) return SetClosed(results);
  int error = WriteStream(stream, contents, length);
  if (error == kEpipe || error == kEconnreset) {
    stream.closed = 1;
    return SetClosed(results);
  }
  if (error != 0) return SetFailed(results, error);
  SetOk(results);
}

// One read of at most `limit` bytes into `buffer`: the count, 0 at end of
// input, -EAGAIN when nothing is available and !blocking, or -errno.
long ReadOnce(StreamState& stream, void* buffer, uint64_t limit, bool blocking) {
  if (stream.kind == StreamKind::kMemory) {
    for (;;) {
      long got = stream.ops->read(stream.owner, buffer, limit, stream.offset);
      if (got > 0) stream.offset += (uint64_t)got;
      if (got != -kEagain || !blocking || !stream.ops->wait) return got;
      if (!stream.ops->wait(stream.owner)) return -kEio;
    }
  }
  if (stream.kind == StreamKind::kFile) {
    long got = RetryInterrupted(
        [&] { return Sys(arch::kSysPread64, stream.fd, (long)buffer, (long)limit, (long)stream.offset); });
    if (got > 0) stream.offset += (uint64_t)got;
    return got;
  }
  for (;;) {
    if (!blocking && !DescriptorReady(stream.fd, kPollIn)) return -kEagain;
    long got = RetryInterrupted([&] { return SysRead(stream.fd, buffer, limit); });
    if (got != -kEagain || !blocking) return got;
    if (!WaitForDescriptor(stream.fd, kPollIn)) return -kEio;
  }
}

// Reads into the result arena and fills result<list<u8>, stream-error>.
void ReadContents(uint32_t self, uint64_t length, bool blocking, uint64_t* results) {
  StreamState& stream = inputStream(self);
  ResetResultArena();
  if (stream.closed) return SetClosed(results);
  uint64_t limit = length < kReadChunk ? length : kReadChunk;
  void* buffer = AllocateResult(limit == 0 ? 1 : limit);
  if (limit == 0) return SetOk(results, reinterpret_cast<uintptr_t>(buffer), 0);
  long got = ReadOnce(stream, buffer, limit, blocking);
  if (got == -kEagain) return SetOk(results, reinterpret_cast<uintptr_t>(buffer), 0);
  if (got == 0 || got == -kEpipe || got == -kEconnreset) {
    stream.closed = 1;
    return SetClosed(results);
  }
  if (got < 0) return SetFailed(results, (int)-got);
  SetOk(results, reinterpret_cast<uintptr_t>(buffer), (uint64_t)got);
}

// Reads and discards; fills result<u64, stream-error>.
void SkipContents(uint32_t self, uint64_t length, bool blocking, uint64_t* results) {
  uint64_t read[3];
  ReadContents(self, length, blocking, read);
  if (read[0] != kResultOk) {
    results[0] = read[0], results[1] = read[1], results[2] = read[2];
    return;
  }
  SetOk(results, read[2]);
}

alignas(8) const uint8_t kZeroes[64 * 1024] = {};

void WriteZeroes(uint32_t self, uint64_t length, uint64_t* results) {
  StreamState& stream = outputStream(self);
  do {
    uint64_t chunk = length < sizeof(kZeroes) ? length : sizeof(kZeroes);
    WriteContents(stream, kZeroes, chunk, results);
    length -= chunk;
  } while (length > 0 && results[0] == kResultOk);
}

// Moves up to `length` bytes from `source` to `self`; result<u64, stream-error>.
void Splice(uint32_t self, uint32_t source, uint64_t length, bool blocking, uint64_t* results) {
  outputStream(self);  // checks the handle before reading anything
  uint64_t read[3];
  ReadContents(source, length, blocking, read);
  if (read[0] != kResultOk) {
    results[0] = read[0], results[1] = read[1], results[2] = read[2];
    return;
  }
  WriteContents(outputStream(self), reinterpret_cast<const void*>(read[1]), read[2], results);
  if (results[0] == kResultOk) results[1] = read[2];
}

uint32_t NewStream(HostKind kind, const StreamState& state) {
  uint32_t rep = CreateHostObject(kind);
  hostObject<StreamState>(rep, kind) = state;
  return rep;
}

void DropStream(uint32_t rep, HostKind kind) {
  StreamState& stream = hostObject<StreamState>(rep, kind);
  if (stream.kind == StreamKind::kMemory) {
    stream.ops->release(stream.owner);
  } else if (stream.ownsFd) {
    if (stream.kind == StreamKind::kSocket && kind == HostKind::kOutputStream)
      Sys(arch::kSysShutdown, stream.fd, kShutWrite);
    CloseFd(stream.fd);
  }
  DestroyHostObject(rep, kind);
}

}  // namespace

uint32_t NewOutputStream(int32_t fd) {
  return NewStream(HostKind::kOutputStream, StreamState{fd, 0, 0, StreamKind::kPipe, 0, 0});
}
uint32_t NewInputStream(int32_t fd) {
  return NewStream(HostKind::kInputStream, StreamState{fd, 0, 0, StreamKind::kPipe, 0, 0});
}
uint32_t NewFileInputStream(int32_t fd, uint64_t offset) {
  return NewStream(HostKind::kInputStream, StreamState{fd, 0, 1, StreamKind::kFile, 0, offset});
}
uint32_t NewFileOutputStream(int32_t fd, uint64_t offset, bool append) {
  return NewStream(HostKind::kOutputStream,
                   StreamState{fd, 0, 1, StreamKind::kFile, (uint8_t)(append ? 1 : 0), offset});
}
uint32_t NewSocketInputStream(int32_t fd) {
  return NewStream(HostKind::kInputStream, StreamState{fd, 0, 1, StreamKind::kSocket, 0, 0});
}
uint32_t NewSocketOutputStream(int32_t fd) {
  return NewStream(HostKind::kOutputStream, StreamState{fd, 0, 1, StreamKind::kSocket, 0, 0});
}
uint32_t NewMemoryInputStream(const MemoryStreamOps* ops, void* owner) {
  return NewStream(HostKind::kInputStream, StreamState{-1, 0, 0, StreamKind::kMemory, 0, 0, ops, owner});
}
uint32_t NewMemoryOutputStream(const MemoryStreamOps* ops, void* owner) {
  return NewStream(HostKind::kOutputStream, StreamState{-1, 0, 0, StreamKind::kMemory, 0, 0, ops, owner});
}

}  // namespace wacc_rt

using namespace wacc_rt;

// ---- output-stream ----------------------------------------------------------

extern "C" void wacc_host_wasi_io_streams_method_output_stream_check_write(uint32_t self, uint64_t* results) {
  StreamState& stream = outputStream(self);
  if (stream.closed) return SetClosed(results);
  if (stream.kind == StreamKind::kMemory && stream.ops->checkWrite) {
    long permit = stream.ops->checkWrite(stream.owner);
    if (permit == -kEpipe) {
      stream.closed = 1;
      return SetClosed(results);
    }
    if (permit < 0) return SetFailed(results, (int)-permit);
    return SetOk(results, (uint64_t)permit);
  }
  SetOk(results, kWritePermit);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_write(uint32_t self, const void* contents,
                                                                     uint32_t length, uint64_t* results) {
  WriteContents(outputStream(self), contents, length, results);
}

// WASI limits a blocking write to 4096 bytes; wacc accepts any length.
extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(uint32_t self,
                                                                                        const void* contents,
                                                                                        uint32_t length,
                                                                                        uint64_t* results) {
  WriteContents(outputStream(self), contents, length, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_flush(uint32_t self, uint64_t* results) {
  StreamState& stream = outputStream(self);
  if (stream.closed) return SetClosed(results);
  if (stream.kind == StreamKind::kMemory && stream.ops->flush) {
    int error = stream.ops->flush(stream.owner);
    if (error == kEpipe || error == kEconnreset) {
      stream.closed = 1;
      return SetClosed(results);
    }
    if (error != 0) return SetFailed(results, error);
  }
  SetOk(results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_flush(uint32_t self, uint64_t* results) {
  wacc_host_wasi_io_streams_method_output_stream_flush(self, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_subscribe(uint32_t self, uint64_t* results) {
  StreamState& stream = outputStream(self);
  if (stream.kind == StreamKind::kMemory && stream.ops->subscribe && !stream.closed) {
    results[0] = stream.ops->subscribe(stream.owner);
    return;
  }
  results[0] = NewReadyPollable();
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_write_zeroes(uint32_t self, uint64_t length,
                                                                            uint64_t* results) {
  WriteZeroes(self, length, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_write_zeroes_and_flush(uint32_t self,
                                                                                               uint64_t length,
                                                                                               uint64_t* results) {
  WriteZeroes(self, length, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_splice(uint32_t self, uint32_t source, uint64_t length,
                                                                      uint64_t* results) {
  Splice(self, source, length, false, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_splice(uint32_t self, uint32_t source,
                                                                               uint64_t length, uint64_t* results) {
  Splice(self, source, length, true, results);
}

// Streams on the standard descriptors never close them; file and socket
// streams own a descriptor of their own.
extern "C" void wacc_host_wasi_io_streams_resource_drop_output_stream(uint32_t rep) {
  DropStream(rep, HostKind::kOutputStream);
}

// ---- input-stream ------------------------------------------------------------

extern "C" void wacc_host_wasi_io_streams_method_input_stream_read(uint32_t self, uint64_t length, uint64_t* results) {
  ReadContents(self, length, false, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_blocking_read(uint32_t self, uint64_t length,
                                                                            uint64_t* results) {
  ReadContents(self, length, true, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_skip(uint32_t self, uint64_t length, uint64_t* results) {
  SkipContents(self, length, false, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_blocking_skip(uint32_t self, uint64_t length,
                                                                            uint64_t* results) {
  SkipContents(self, length, true, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_subscribe(uint32_t self, uint64_t* results) {
  StreamState& stream = inputStream(self);
  // File streams never wait; memory streams when their owner says so.
  if (stream.kind == StreamKind::kMemory && stream.ops->subscribe && !stream.closed) {
    results[0] = stream.ops->subscribe(stream.owner);
    return;
  }
  results[0] = stream.kind == StreamKind::kFile || stream.kind == StreamKind::kMemory
                   ? NewReadyPollable()
                   : NewDescriptorPollable(stream.fd, kPollIn);
}

extern "C" void wacc_host_wasi_io_streams_resource_drop_input_stream(uint32_t rep) {
  DropStream(rep, HostKind::kInputStream);
}
