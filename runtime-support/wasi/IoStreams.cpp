// wasi:io/streams: output-stream writes go straight to the file descriptor,
// so every write is already flushed and "blocking" and non-blocking variants
// behave alike. A stream whose reader went away (EPIPE; SIGPIPE is ignored
// at start-up) reports `closed` from then on.
#include "core/HostObjects.h"
#include "core/Output.h"
#include "core/Syscall.h"
#include "wacc/WasiHost.h"
#include "wasi/Streams.h"

namespace wacc_rt {
namespace {

// What check-write permits per write; writes are synchronous, so this only
// bounds how much a guest hands over at once.
constexpr uint64_t kWritePermit = 1024 * 1024;

enum : uint64_t { kResultOk = 0, kResultErr = 1 };
enum : uint64_t { kLastOperationFailed = 0, kClosed = 1 };

StreamState& outputStream(uint32_t rep) {
  return hostObject<StreamState>(rep, HostKind::kOutputStream);
}

void setOk(uint64_t* results) {
  results[0] = kResultOk;
  results[1] = 0;
  results[2] = 0;
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

void writeContents(uint32_t self, const void* contents, uint32_t length, uint64_t* results) {
  StreamState& stream = outputStream(self);
  if (stream.closed) return setClosed(results);
  int error = writeAll(stream.fd, contents, length);
  if (error == kEpipe) {
    stream.closed = 1;
    return setClosed(results);
  }
  if (error != 0) return setFailed(results, error);
  setOk(results);
}

void flush(uint32_t self, uint64_t* results) {
  if (outputStream(self).closed) return setClosed(results);
  setOk(results);
}

uint32_t newStream(HostKind kind, int32_t fd) {
  uint32_t rep = createHostObject(kind);
  hostObject<StreamState>(rep, kind) = StreamState{fd, 0};
  return rep;
}

}  // namespace

uint32_t newOutputStream(int32_t fd) { return newStream(HostKind::kOutputStream, fd); }
uint32_t newInputStream(int32_t fd) { return newStream(HostKind::kInputStream, fd); }

}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_host_wasi_io_streams_method_output_stream_check_write(uint32_t self,
                                                                          uint64_t* results) {
  if (outputStream(self).closed) return setClosed(results);
  setOk(results);
  results[1] = kWritePermit;
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_write(uint32_t self,
                                                                    const void* contents,
                                                                    uint32_t length,
                                                                    uint64_t* results) {
  writeContents(self, contents, length, results);
}

// WASI limits a blocking write to 4096 bytes; wacc accepts any length.
extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(
    uint32_t self, const void* contents, uint32_t length, uint64_t* results) {
  writeContents(self, contents, length, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_flush(uint32_t self,
                                                                    uint64_t* results) {
  flush(self, results);
}

extern "C" void wacc_host_wasi_io_streams_method_output_stream_blocking_flush(uint32_t self,
                                                                             uint64_t* results) {
  flush(self, results);
}

// The standard streams belong to the process; dropping a stream object
// never closes its descriptor.
extern "C" void wacc_host_wasi_io_streams_resource_drop_output_stream(uint32_t rep) {
  destroyHostObject(rep, HostKind::kOutputStream);
}

extern "C" void wacc_host_wasi_io_streams_resource_drop_input_stream(uint32_t rep) {
  destroyHostObject(rep, HostKind::kInputStream);
}
