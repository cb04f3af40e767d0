// UTF-8 validation shared by the canonical ABI (which traps on invalid
// strings) and preview1 (which reports EILSEQ).
#pragma once

#include <stdint.h>

namespace wacc_rt {

// Whether bytes[0..length) is valid UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(const uint8_t* bytes, uint32_t length);

}  // namespace wacc_rt
