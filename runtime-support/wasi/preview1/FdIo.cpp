// fd_read, fd_pread, fd_write, fd_pwrite, fd_seek, fd_tell. Files are
// positional: each preview1 file keeps its own position, as in Wasmtime,
// and reads/writes at it through the 0.2 descriptor. As Wasmtime, one call
// transfers only the first non-empty buffer of the iovec array (a short
// read or write, which every libc loops over), stdio is not seekable
// (ESPIPE), and directories cannot be read or written (EBADF).
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/Linux.h"
#include "wasi/preview1/Descriptors.h"
#include "wasi/preview1/FdTable.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {
namespace {

using namespace linux_abi;

uint32_t Count(uint32_t out, uint64_t count) { return StoreU32(out, (uint32_t)count) ? kSuccess : kFault; }

// Reads into the buffer at `offset` (the host descriptor needs the read
// flag, as the kernel would insist).
uint32_t ReadFileAt(const FdEntry& file, const GuestBuffer& buffer, uint64_t offset, uint64_t* got) {
  if ((DescriptorFlags(file.rep) & kFlagRead) == 0) return kBadf;
  int32_t fd = DescriptorHostFd(file.rep);
  long result = RetryInterrupted(
      [&] { return Sys(arch::kSysPread64, fd, (long)buffer.bytes, (long)buffer.length, (long)offset); });
  if (result < 0) return ErrnoOfLinux((int32_t)-result);
  *got = (uint64_t)result;
  return kSuccess;
}

// Writes the buffer at `offset`, or at the end when the file appends (as
// Linux pwrite does on an O_APPEND file, and Wasmtime mirrors).
uint32_t WriteFileAt(const FdEntry& file, const GuestBuffer& buffer, uint64_t offset, uint64_t* written) {
  uint64_t results[3];
  if (file.append) {
    wacc_host_wasi_filesystem_types_method_descriptor_append_via_stream(file.rep, results);
    if (results[0] != 0) return ErrnoOfErrorCode(results[1]);
    uint32_t stream = (uint32_t)results[1];
    wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(stream, buffer.bytes, buffer.length,
                                                                            results);
    wacc_host_wasi_io_streams_resource_drop_output_stream(stream);
    if (results[0] != 0) return ErrnoOfStreamError(results);
    *written = buffer.length;
    return kSuccess;
  }
  wacc_host_wasi_filesystem_types_method_descriptor_write(file.rep, buffer.bytes, buffer.length, offset, results);
  if (results[0] != 0) return ErrnoOfErrorCode(results[1]);
  *written = results[1];
  return kSuccess;
}

uint32_t WriteStdio(const FdEntry& entry, const GuestBuffer& buffer, uint64_t* written) {
  uint64_t results[3];
  wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(entry.rep, buffer.bytes, buffer.length,
                                                                          results);
  if (results[0] != 0) return ErrnoOfStreamError(results);
  *written = buffer.length;
  return kSuccess;
}

uint32_t Write(uint32_t fd, uint32_t iovs, uint32_t count, bool positional, uint64_t offset, uint32_t writtenOut) {
  GuestBuffer buffer = FirstNonEmptyBuffer(iovs, count);
  if (buffer.error != kSuccess) return buffer.error;
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind != FdKind::kFile && entry->kind != FdKind::kStdout && entry->kind != FdKind::kStderr) return kBadf;
  if (entry->kind != FdKind::kFile && positional) return kSpipe;
  uint64_t written = 0;
  if (entry->kind != FdKind::kFile) {
    error = WriteStdio(*entry, buffer, &written);
  } else {
    error = WriteFileAt(*entry, buffer, positional ? offset : entry->position, &written);
    if (error == kSuccess && !positional) {
      if (entry->append)
        error = DescriptorSize(entry->rep, &entry->position);
      else
        entry->position += written;
    }
  }
  if (error != kSuccess) return error;
  return Count(writtenOut, written);
}

}  // namespace
}  // namespace wacc_rt::p1

using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p1_fd_read(uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint32_t nreadOut) {
  GuestBuffer buffer = FirstNonEmptyBuffer(iovs, iovsLen);
  if (buffer.error != kSuccess) return buffer.error;
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind != FdKind::kFile && entry->kind != FdKind::kStdin) return kBadf;
  uint64_t got = 0;
  if (entry->kind == FdKind::kFile) {
    error = ReadFileAt(*entry, buffer, entry->position, &got);
    if (error != kSuccess) return error;
    entry->position += got;
    return Count(nreadOut, got);
  }
  uint64_t results[3];
  wacc_host_wasi_io_streams_method_input_stream_blocking_read(entry->rep, buffer.length, results);
  if (results[0] != 0) {
    if (results[1] == 1) return Count(nreadOut, 0);  // closed: end of input
    return ErrnoOfStreamError(results);
  }
  // Wasmtime: a blocking read that returns nothing was interrupted.
  if (results[2] == 0) return kIntr;
  const auto* bytes = reinterpret_cast<const uint8_t*>(results[1]);
  for (uint64_t i = 0; i < results[2]; ++i) buffer.bytes[i] = bytes[i];
  return Count(nreadOut, results[2]);
}

extern "C" uint32_t wacc_p1_fd_pread(uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint64_t offset, uint32_t nreadOut) {
  GuestBuffer buffer = FirstNonEmptyBuffer(iovs, iovsLen);
  if (buffer.error != kSuccess) return buffer.error;
  uint32_t error = kSuccess;
  FdEntry* entry = AnyFd(fd, &error);
  if (entry == nullptr) return error;
  if (entry->kind == FdKind::kStdin) return kSpipe;
  if (entry->kind != FdKind::kFile) return kBadf;
  uint64_t got = 0;
  error = ReadFileAt(*entry, buffer, offset, &got);
  if (error != kSuccess) return error;
  return Count(nreadOut, got);
}

extern "C" uint32_t wacc_p1_fd_write(uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint32_t nwrittenOut) {
  return Write(fd, iovs, iovsLen, false, 0, nwrittenOut);
}

extern "C" uint32_t wacc_p1_fd_pwrite(uint32_t fd, uint32_t iovs, uint32_t iovsLen, uint64_t offset,
                                      uint32_t nwrittenOut) {
  return Write(fd, iovs, iovsLen, true, offset, nwrittenOut);
}

extern "C" uint32_t wacc_p1_fd_seek(uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoffsetOut) {
  if (whence > kWhenceEnd) return kInval;
  uint32_t error = kSuccess;
  FdEntry* file = SeekableFd(fd, &error);
  if (file == nullptr) return error;
  int64_t delta = (int64_t)offset;
  uint64_t base = 0;
  if (whence == kWhenceSet) {
    if (delta < 0) return kInval;
  } else if (whence == kWhenceCur) {
    base = file->position;
  } else {
    error = DescriptorSize(file->rep, &base);
    if (error != kSuccess) return error;
  }
  uint64_t position = base + offset;
  // checked_add_signed: no wrap-around either way.
  if (delta < 0 ? position > base : position < base) return kInval;
  file->position = position;
  return StoreU64(newoffsetOut, position) ? kSuccess : kFault;
}

extern "C" uint32_t wacc_p1_fd_tell(uint32_t fd, uint32_t offsetOut) {
  uint32_t error = kSuccess;
  FdEntry* file = SeekableFd(fd, &error);
  if (file == nullptr) return error;
  return StoreU64(offsetOut, file->position) ? kSuccess : kFault;
}
