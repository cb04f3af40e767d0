// The auxiliary vector: the (type, value) words the kernel leaves on the
// initial stack after envp's terminating null (core/Process.cpp finds it),
// which is how a program without libc learns the vDSO's address
// (core/Clock.h) and the page size (core/LinearMemory.h).
#pragma once

#include <stdint.h>

namespace wacc_rt {

inline constexpr uintptr_t kAtNull = 0, kAtPageSize = 6, kAtSysinfoEhdr = 33;

// The value of the first entry of `type`; 0 when there is none or no vector.
inline uintptr_t AuxvValue(const uintptr_t* auxv, uintptr_t type) {
  if (!auxv) return 0;
  for (const uintptr_t* entry = auxv; entry[0] != kAtNull; entry += 2)
    if (entry[0] == type) return entry[1];
  return 0;
}

}  // namespace wacc_rt
