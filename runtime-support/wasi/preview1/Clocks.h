// Shared by clocks and poll_oneoff.
#pragma once

#include <stdint.h>

#include "wasi/preview1/Types.h"

namespace wacc_rt::p1 {

// A 0.2 datetime ([0] seconds, [1] nanoseconds) as preview1 nanoseconds;
// EOVERFLOW past 2^64.
uint32_t DatetimeNanoseconds(const uint64_t* datetime, uint64_t* nanoseconds);

}  // namespace wacc_rt::p1
