// Host objects behind wasi:io/streams, shared by the interfaces that hand
// streams out (wasi:cli/stdin, stdout, stderr).
#pragma once

#include <stdint.h>

namespace wacc_rt {

struct StreamState {
  int32_t fd;
  uint32_t closed;  // set once the other end went away (EPIPE)
};

// Reps of new stream objects on an already open file descriptor.
uint32_t newOutputStream(int32_t fd);
uint32_t newInputStream(int32_t fd);

// Rep of a new wasi:io/error `error` describing the positive errno `code`.
uint32_t newIoError(int32_t code);

}  // namespace wacc_rt
