// wasi:io/streams. Output streams write synchronously (the runtime keeps no
// buffers), so every write is already flushed, check-write always grants
// kWritePermit and an output stream's pollable is always ready. Input
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

StreamState& outputStream(uint32_t rep) {
  return hostObject<StreamState>(rep, HostKind::kOutputStream);
}
StreamState& inputStream(uint32_t rep) {
  return hostObject<StreamState>(rep, HostKind::kInputStream);
}

void setOk(uint64_t* results, uint64_t value = 0, uint64_t extra = 0) {
  results[0] = kResultOk;
  results[1] = value;
  results[2] = extra;
}

void setClosed(uint64_t* results) {
  results[0] = kResultErr;
  results[1] = kClosed;
  results[2] = 0;
}

void setFailed(uint64_t* results, int code) {
  results[0] = kResultErr;
  results[1] = kLastOperationFailed;
  results[2] = newIoError(code);
}

// Writes everything; 0 or a positive errno.
int writeStream(StreamState& stream, const void* bytes, uint64_t size) {
  if (stream.kind != StreamKind::kFile) return writeAll(stream.fd, bytes, size);
  const auto* cursor = static_cast<const uint8_t*>(bytes);
  while (size > 0) {
    long written;
    if (stream.append) {
      struct { const void* base; uint64_t length; } iov{cursor, size};
      written = retryInterrupted(
          [&] { return sys(arch::kSysPwritev2, stream.fd, (long)&iov, 1, -1, -1, kRwfAppend); });
      if (written == -kEnosys || written == -kEopnotsupp) {
        // Kernels before 4.16 and qemu-user lack pwritev2/RWF_APPEND: write
        // at the current end instead (not atomic against other writers).
        long end = sys(arch::kSysLseek, stream.fd, 0, 2 /* SEEK_END */);
        written = end < 0 ? end
                          : retryInterrupted([&] {
                              return sys(arch::kSysPwrite64, stream.fd, (long)cursor, (long)size, end);
                            });
      }
    } else {
      written = retryInterrupted(
          [&] { return sys(arch::kSysPwrite64, stream.fd, (long)cursor, (long)size, (long)stream.offset); });
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
void writeContents(StreamState& stream, const void* contents, uint64_t length,
                   uint64_t* results) {
  if (stream.closed) return setClosed(results);
  int error = writeStream(stream, contents, length);
  if (error == kEpipe || error == kEconnreset) {
    stream.closed = 1;
    return setClosed(results);
  }
  if (error != 0) return setFailed(results, error);
  setOk(results);
}

// One read of at most `limit` bytes into `buffer`: the count, 0 at end of
// input, -EAGAIN when nothing is available and !blocking, or -errno.
long readOnce(StreamState& stream, void* buffer, uint64_t limit, bool blocking) {
  if (stream.kind == StreamKind::kFile) {
    long got = retryInterrupted(
        [&] { return sys(arch::kSysPread64, stream.fd, (long)buffer, (long)limit, (long)stream.offset); });
    if (got > 0) stream.offset += (uint64_t)got;
    return got;
  }
  for (;;) {
    if (!blocking && !descriptorReady(stream.fd, kPollIn)) return -kEagain;
    long got = retryInterrupted([&] { return sysRead(stream.fd, buffer, limit); });
    if (got != -kEagain || !blocking) return got;
    if (!waitForDescriptor(stream.fd, kPollIn)) return -kEio;
  }
}

// Reads into the result arena and fills result<list<u8>, stream-error>.
void readContents(uint32_t self, uint64_t length, bool blocking, uint64_t* results) {
  StreamState& stream = inputStream(self);
  resetResultArena();
  if (stream.closed) return setClosed(results);
  uint64_t limit = length < kReadChunk ? length : kReadChunk;
  void* buffer = allocateResult(limit == 0 ? 1 : limit);
  if (limit == 0) return setOk(results, reinterpret_cast<uintptr_t>(buffer), 0);
  long got = readOnce(stream, buffer, limit, blocking);
  if (got == -kEagain) return setOk(results, reinterpret_cast<uintptr_t>(buffer), 0);
  if (got == 0 || got == -kEpipe || got == -kEconnreset) {
    stream.closed = 1;
    return setClosed(results);
  }
  if (got < 0) return setFailed(results, (int)-got);
  setOk(results, reinterpret_cast<uintptr_t>(buffer), (uint64_t)got);
}

// Reads and discards; fills result<u64, stream-error>.
void skipContents(uint32_t self, uint64_t length, bool blocking, uint64_t* results) {
  uint64_t read[3];
  readContents(self, length, blocking, read);
  if (read[0] != kResultOk) {
    results[0] = read[0], results[1] = read[1], results[2] = read[2];
    return;
  }
  setOk(results, read[2]);
}

alignas(8) const uint8_t kZeroes[64 * 1024] = {};

void writeZeroes(uint32_t self, uint64_t length, uint64_t* results) {
  StreamState& stream = outputStream(self);
  do {
    uint64_t chunk = length < sizeof(kZeroes) ? length : sizeof(kZeroes);
    writeContents(stream, kZeroes, chunk, results);
    length -= chunk;
  } while (length > 0 && results[0] == kResultOk);
}

// Moves up to `length` bytes from `source` to `self`; result<u64, stream-error>.
void splice(uint32_t self, uint32_t source, uint64_t length, bool blocking,
            uint64_t* results) {
  outputStream(self);  // checks the handle before reading anything
  uint64_t read[3];
  readContents(source, length, blocking, read);
  if (read[0] != kResultOk) {
    results[0] = read[0], results[1] = read[1], results[2] = read[2];
    return;
  }
  writeContents(outputStream(self), reinterpret_cast<const void*>(read[1]), read[2], results);
  if (results[0] == kResultOk) results[1] = read[2];
}

uint32_t newStream(HostKind kind, const StreamState& state) {
  uint32_t rep = createHostObject(kind);
  hostObject<StreamState>(rep, kind) = state;
  return rep;
}

void dropStream(uint32_t rep, HostKind kind) {
  StreamState& stream = hostObject<StreamState>(rep, kind);
  if (stream.ownsFd) {
    if (stream.kind == StreamKind::kSocket && kind == HostKind::kOutputStream)
      sys(arch::kSysShutdown, stream.fd, kShutWrite);
    closeFd(stream.fd);
  }
  destroyHostObject(rep, kind);
}

}  // namespace

uint32_t newOutputStream(int32_t fd) {
  return newStream(HostKind::kOutputStream, StreamState{fd, 0, 0, StreamKind::kPipe, 0, 0});
}
uint32_t newInputStream(int32_t fd) {
  return newStream(HostKind::kInputStream, StreamState{fd, 0, 0, StreamKind::kPipe, 0, 0});
}
uint32_t newFileInputStream(int32_t fd, uint64_t offset) {
  return newStream(HostKind::kInputStream, StreamState{fd, 0, 1, StreamKind::kFile, 0, offset});
}
uint32_t newFileOutputStream(int32_t fd, uint64_t offset, bool append) {
  return newStream(HostKind::kOutputStream,
                   StreamState{fd, 0, 1, StreamKind::kFile, (uint8_t)(append ? 1 : 0), offset});
}
uint32_t newSocketInputStream(int32_t fd) {
  return newStream(HostKind::kInputStream, StreamState{fd, 0, 1, StreamKind::kSocket, 0, 0});
}
uint32_t newSocketOutputStream(int32_t fd) {
  return newStream(HostKind::kOutputStream, StreamState{fd, 0, 1, StreamKind::kSocket, 0, 0});
}

}  // namespace wacc_rt

using namespace wacc_rt;

// ---- output-stream ----------------------------------------------------------

extern "C" void wacc_host_wasi_io_streams_method_output_stream_check_write(uint32_t self,
                                                                          uint64_t* results) {
  if (outputStream(self).closed) return setClosed(results);
  setOk(results, kWritePermit);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_write(uint32_t self,
                                                                    const void* contents,
                                                                    uint32_t length,
                                                                    uint64_t* results) {
  writeContents(outputStream(self), contents, length, results);
}

// WASI limits a blocking write to 4096 bytes; wacc accepts any length.
extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(
    uint32_t self, const void* contents, uint32_t length, uint64_t* results) {
  writeContents(outputStream(self), contents, length, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_flush(uint32_t self,
                                                                    uint64_t* results) {
  if (outputStream(self).closed) return setClosed(results);
  setOk(results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_flush(uint32_t self,
                                                                             uint64_t* results) {
  wacc_host_wasi_io_streams_method_output_stream_flush(self, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_subscribe(uint32_t self,
                                                                        uint64_t* results) {
  outputStream(self);
  results[0] = newReadyPollable();
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_write_zeroes(uint32_t self,
                                                                           uint64_t length,
                                                                           uint64_t* results) {
  writeZeroes(self, length, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_write_zeroes_and_flush(
    uint32_t self, uint64_t length, uint64_t* results) {
  writeZeroes(self, length, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_splice(uint32_t self,
                                                                     uint32_t source,
                                                                     uint64_t length,
                                                                     uint64_t* results) {
  splice(self, source, length, false, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_splice(
    uint32_t self, uint32_t source, uint64_t length, uint64_t* results) {
  splice(self, source, length, true, results);
}

// Streams on the standard descriptors never close them; file and socket
// streams own a descriptor of their own.
extern "C" void wacc_host_wasi_io_streams_resource_drop_output_stream(uint32_t rep) {
  dropStream(rep, HostKind::kOutputStream);
}

// ---- input-stream ------------------------------------------------------------

extern "C" void wacc_host_wasi_io_streams_method_input_stream_read(uint32_t self,
                                                                  uint64_t length,
                                                                  uint64_t* results) {
  readContents(self, length, false, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_blocking_read(uint32_t self,
                                                                           uint64_t length,
                                                                           uint64_t* results) {
  readContents(self, length, true, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_skip(uint32_t self,
                                                                  uint64_t length,
                                                                  uint64_t* results) {
  skipContents(self, length, false, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_blocking_skip(uint32_t self,
                                                                           uint64_t length,
                                                                           uint64_t* results) {
  skipContents(self, length, true, results);
}

extern "C" void wacc_host_wasi_io_streams_method_input_stream_subscribe(uint32_t self,
                                                                       uint64_t* results) {
  StreamState& stream = inputStream(self);
  results[0] = stream.kind == StreamKind::kFile ? newReadyPollable()
                                                : newDescriptorPollable(stream.fd, kPollIn);
}

extern "C" void wacc_host_wasi_io_streams_resource_drop_input_stream(uint32_t rep) {
  dropStream(rep, HostKind::kInputStream);
}
