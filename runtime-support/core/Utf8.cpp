// wacc_rt_check_utf8: strings crossing a component boundary must be valid
// UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
#include "core/Utf8.h"

#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace {

// Length of the sequence starting at bytes[0..available), or 0 if invalid.
uint32_t ValidSequenceLength(const uint8_t* bytes, uint32_t available) {
  uint8_t lead = bytes[0];
  if (lead < 0x80) return 1;
  uint32_t length;
  uint8_t secondMin = 0x80, secondMax = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) secondMin = 0xA0;  // overlong
    if (lead == 0xED) secondMax = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) secondMin = 0x90;  // overlong
    if (lead == 0xF4) secondMax = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (available < length) return 0;
  if (bytes[1] < secondMin || bytes[1] > secondMax) return 0;
  for (uint32_t i = 2; i < length; ++i) {
    if ((bytes[i] & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

namespace wacc_rt {

bool IsValidUtf8(const uint8_t* bytes, uint32_t len) {
  uint32_t offset = 0;
  while (offset < len) {
    // Skip ASCII quickly: it is by far the common case.
    if (bytes[offset] < 0x80) {
      ++offset;
      continue;
    }
    uint32_t length = ValidSequenceLength(bytes + offset, len - offset);
    if (length == 0) return false;
    offset += length;
  }
  return true;
}

}  // namespace wacc_rt

extern "C" void wacc_rt_check_utf8(const uint8_t* bytes, uint32_t len) {
  if (!wacc_rt::IsValidUtf8(bytes, len)) wacc_rt::Trap(WACC_TRAP_INVALID_UTF8, nullptr);
}
