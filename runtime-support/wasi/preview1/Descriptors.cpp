// Stat and flags of the 0.2 descriptors behind preview1 fds, as Wasmtime's
// preview1 layer builds its filestat: dev is always 1 and ino is the low
// half of the 0.2 metadata hash (what fd_readdir reports as d_ino too).
#include "wasi/preview1/Descriptors.h"

#include "core/HostObjects.h"
#include "wacc/WasiHostFunctions.h"
#include "wasi/Filesystem.h"
#include "wasi/preview1/Clocks.h"

namespace wacc_rt::p1 {
namespace {

DescriptorState& State(uint32_t rep) { return hostObject<DescriptorState>(rep, HostKind::kDescriptor); }

// An option<datetime> of 3 slots as nanoseconds (none is 0).
uint32_t Timestamp(const uint64_t* slots, uint64_t* nanoseconds) {
  *nanoseconds = 0;
  return slots[0] == 0 ? kSuccess : DatetimeNanoseconds(slots + 1, nanoseconds);
}

// descriptor-stat slots ([0] disc, [1] type, [2] links, [3] size, then
// three option<datetime>) and metadata-hash slots ([0] disc, [1] lower).
uint32_t ToFilestat(const uint64_t* stat, const uint64_t* hash, Filestat* out) {
  if (stat[0] != 0) return ErrnoOfErrorCode(stat[1]);
  if (hash[0] != 0) return ErrnoOfErrorCode(hash[1]);
  out->dev = 1;
  out->ino = hash[1];
  out->filetype = FiletypeOfDescriptorType(stat[1]);
  out->nlink = stat[2];
  out->size = stat[3];
  uint32_t error = Timestamp(stat + 4, &out->atim);
  if (error == kSuccess) error = Timestamp(stat + 7, &out->mtim);
  if (error == kSuccess) error = Timestamp(stat + 10, &out->ctim);
  return error;
}

}  // namespace

uint32_t DescriptorFlags(uint32_t rep) { return State(rep).flags; }
int32_t DescriptorHostFd(uint32_t rep) { return State(rep).fd; }

uint32_t StatDescriptor(uint32_t rep, Filestat* out) {
  uint64_t stat[13], hash[3];
  wacc_host_wasi_filesystem_types_method_descriptor_stat(rep, stat);
  wacc_host_wasi_filesystem_types_method_descriptor_metadata_hash(rep, hash);
  return ToFilestat(stat, hash, out);
}

uint32_t StatPath(uint32_t rep, uint32_t lookupFlags, const char* path, uint32_t length, Filestat* out) {
  uint32_t pathFlags = lookupFlags & kLookupSymlinkFollow;  // the same bit in 0.2
  uint64_t stat[13], hash[3];
  wacc_host_wasi_filesystem_types_method_descriptor_stat_at(rep, pathFlags, path, length, stat);
  if (stat[0] != 0) return ErrnoOfErrorCode(stat[1]);
  wacc_host_wasi_filesystem_types_method_descriptor_metadata_hash_at(rep, pathFlags, path, length, hash);
  return ToFilestat(stat, hash, out);
}

uint32_t DescriptorSize(uint32_t rep, uint64_t* size) {
  uint64_t stat[13];
  wacc_host_wasi_filesystem_types_method_descriptor_stat(rep, stat);
  if (stat[0] != 0) return ErrnoOfErrorCode(stat[1]);
  *size = stat[3];
  return kSuccess;
}

}  // namespace wacc_rt::p1
