// fd_readdir. preview1 pages through a directory with cookies; 0.2 has only
// a one-shot entry stream. So, as Wasmtime does, each call reads the
// directory afresh through a new 0.2 stream, numbering the entries: "."
// and ".." first (cookies 1 and 2 are what follows them), then the 0.2
// entries in the order the kernel returns them, which is stable while the
// directory is unchanged. An entry whose cookie is below the one asked for
// is skipped. Each entry is a 24-byte dirent (d_next u64, d_ino u64,
// d_namlen u32, d_type u8, padding) followed by its name; the last one
// written may be cut short at the end of the buffer, which then comes back
// full (the guest's cue to call again with a bigger buffer or the cookie).
#include "wacc/Preview1.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/preview1/Descriptors.h"
#include "wasi/preview1/FdTable.h"
#include "wasi/preview1/GuestMemory.h"

namespace wacc_rt::p1 {
namespace {

constexpr uint32_t kMaxName = 256;

class DirentWriter {
 public:
  DirentWriter(uint32_t buffer, uint32_t capacity) : cursor_(buffer), capacity_(capacity) {}

  // Appends one entry (possibly cut short); false once the buffer is full
  // or on a fault (error() says which).
  bool add(uint64_t next, uint64_t inode, uint8_t type, const char* name, uint32_t nameLength) {
    uint8_t record[kDirentSize] = {};
    __builtin_memcpy(record, &next, 8);
    __builtin_memcpy(record + 8, &inode, 8);
    __builtin_memcpy(record + 16, &nameLength, 4);
    record[20] = type;
    return put(record, kDirentSize) && put(name, nameLength);
  }

  uint32_t used() const { return used_; }
  uint32_t error() const { return error_; }

 private:
  bool put(const void* bytes, uint32_t length) {
    uint32_t room = capacity_ - used_;
    uint32_t n = length < room ? length : room;
    if (!StoreBytes(cursor_, bytes, n)) {
      error_ = kFault;
      return false;
    }
    cursor_ += n;
    used_ += n;
    return used_ < capacity_;
  }

  uint32_t cursor_;
  uint32_t capacity_;
  uint32_t used_ = 0;
  uint32_t error_ = kSuccess;
};

uint32_t ReadDirectory(uint32_t rep, uint64_t cookie, DirentWriter& writer) {
  uint64_t results[5];
  wacc_host_wasi_filesystem_types_method_descriptor_read_directory(rep, results);
  if (results[0] != 0) return ErrnoOfErrorCode(results[1]);
  uint32_t stream = (uint32_t)results[1];
  uint32_t error = kSuccess;
  wacc_host_wasi_filesystem_types_method_descriptor_metadata_hash(rep, results);
  if (results[0] != 0) error = ErrnoOfErrorCode(results[1]);
  uint64_t self = results[1];
  // Wasmtime gives ".." the directory's own inode too.
  bool room = error == kSuccess;
  if (room && cookie < 1) room = writer.add(1, self, kFiletypeDirectory, ".", 1);
  if (room && cookie < 2) room = writer.add(2, self, kFiletypeDirectory, "..", 2);
  for (uint64_t next = 3; room; ++next) {
    wacc_host_wasi_filesystem_types_method_directory_entry_stream_read_directory_entry(stream, results);
    if (results[0] != 0) {
      error = ErrnoOfErrorCode(results[1]);
      break;
    }
    if (results[1] == 0) break;  // the end
    if (next <= cookie) continue;
    // The name lives in the result arena, which the next host call resets.
    char name[kMaxName];
    uint32_t length = results[4] < kMaxName ? (uint32_t)results[4] : kMaxName;
    const auto* text = reinterpret_cast<const char*>(results[3]);
    for (uint32_t i = 0; i < length; ++i) name[i] = text[i];
    uint8_t type = FiletypeOfDescriptorType(results[2]);
    uint64_t hash[3];
    wacc_host_wasi_filesystem_types_method_descriptor_metadata_hash_at(rep, 0, name, length, hash);
    if (hash[0] != 0) {
      error = ErrnoOfErrorCode(hash[1]);
      break;
    }
    room = writer.add(next, hash[1], type, name, length);
  }
  wacc_host_wasi_filesystem_types_resource_drop_directory_entry_stream(stream);
  return error != kSuccess ? error : writer.error();
}

}  // namespace
}  // namespace wacc_rt::p1

using namespace wacc_rt::p1;

extern "C" uint32_t wacc_p1_fd_readdir(uint32_t fd, uint32_t buf, uint32_t bufLen, uint64_t cookie,
                                       uint32_t bufusedOut) {
  uint32_t error = kSuccess;
  FdEntry* directory = DirectoryFd(fd, &error);
  if (directory == nullptr) return error;
  DirentWriter writer(buf, bufLen);
  if (bufLen > 0) error = ReadDirectory(directory->rep, cookie, writer);
  if (error != kSuccess) return error;
  return StoreU32(bufusedOut, writer.used()) ? kSuccess : kFault;
}
