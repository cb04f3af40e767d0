// filestat as each snapshot lays it out, and the lookups behind
// fd_filestat_get / path_filestat_get (shared with wasi_unstable).
#pragma once

#include <stdint.h>

#include "wasi/preview1/Types.h"

namespace wacc_rt::p1 {

// The filestat of an fd (stdio: all zero but the type, as Wasmtime).
uint32_t FdFilestat(uint32_t fd, Filestat* stat);
// The filestat of `path` beneath directory fd `fd`.
uint32_t PathFilestat(uint32_t fd, uint32_t lookupFlags, uint32_t path, uint32_t pathLen, Filestat* stat);

// Stores the 64-byte preview1 record; false when out of bounds.
bool StoreFilestat(uint32_t out, const Filestat& stat);
// Stores the 56-byte wasi_unstable record (32-bit nlink).
bool StoreFilestat0(uint32_t out, const Filestat& stat);

// A 0.2 new-timestamp ([0] case, [1] seconds, [2] nanoseconds) for one of
// fst_flags' pairs; EINVAL when both "set" and "now" are asked for.
uint32_t NewTimestamp(bool set, uint64_t time, bool now, uint64_t* slots);

}  // namespace wacc_rt::p1
