// String transcoding between the canonical ABI's encodings and UTF-8
// (Runtime.h: wacc_rt_utf16_to_utf8 and friends). UTF-16 is little endian
// and read byte-wise, since guest pointers need only 2-byte alignment.
#include "core/Trap.h"
#include "wacc/Runtime.h"

namespace {

uint32_t LoadUnit(const uint8_t* p, uint32_t i) { return uint32_t(p[2 * i]) | uint32_t(p[2 * i + 1]) << 8; }

void StoreUnit(uint8_t* p, uint32_t i, uint32_t unit) {
  p[2 * i] = uint8_t(unit);
  p[2 * i + 1] = uint8_t(unit >> 8);
}

uint32_t Utf8Length(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

uint8_t* PutUtf8(uint8_t* out, uint32_t cp) {
  if (cp < 0x80) {
    *out++ = uint8_t(cp);
  } else if (cp < 0x800) {
    *out++ = uint8_t(0xc0 | cp >> 6);
    *out++ = uint8_t(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    *out++ = uint8_t(0xe0 | cp >> 12);
    *out++ = uint8_t(0x80 | (cp >> 6 & 0x3f));
    *out++ = uint8_t(0x80 | (cp & 0x3f));
  } else {
    *out++ = uint8_t(0xf0 | cp >> 18);
    *out++ = uint8_t(0x80 | (cp >> 12 & 0x3f));
    *out++ = uint8_t(0x80 | (cp >> 6 & 0x3f));
    *out++ = uint8_t(0x80 | (cp & 0x3f));
  }
  return out;
}

// Decodes the code point at utf8[*i] (valid UTF-8) and advances *i.
uint32_t NextCodePoint(const uint8_t* s, uint32_t* i) {
  uint32_t c = s[(*i)++];
  if (c < 0x80) return c;
  uint32_t extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
  uint32_t cp = c & (0x3f >> extra);
  while (extra--) cp = cp << 6 | (s[(*i)++] & 0x3f);
  return cp;
}

// Decodes the code point at units[*i], trapping on unpaired surrogates.
uint32_t NextUtf16(const uint8_t* units, uint32_t count, uint32_t* i) {
  uint32_t u = LoadUnit(units, (*i)++);
  if (u < 0xd800 || u > 0xdfff) return u;
  if (u > 0xdbff || *i == count) wacc_rt::Trap(WACC_TRAP_INVALID_UTF16, nullptr);
  uint32_t low = LoadUnit(units, (*i)++);
  if (low < 0xdc00 || low > 0xdfff) wacc_rt::Trap(WACC_TRAP_INVALID_UTF16, nullptr);
  return 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
}

}  // namespace

extern "C" const uint8_t* wacc_rt_utf16_to_utf8(const uint8_t* units, uint32_t count, uint32_t* utf8_length) {
  uint64_t length = 0;
  for (uint32_t i = 0; i < count;) length += Utf8Length(NextUtf16(units, count, &i));
  auto* out = static_cast<uint8_t*>(wacc_rt_scratch_alloc(length ? length : 1));
  uint8_t* p = out;
  for (uint32_t i = 0; i < count;) p = PutUtf8(p, NextUtf16(units, count, &i));
  *utf8_length = uint32_t(length);
  return out;
}

extern "C" const uint8_t* wacc_rt_latin1_to_utf8(const uint8_t* bytes, uint32_t count, uint32_t* utf8_length) {
  uint64_t length = 0;
  for (uint32_t i = 0; i < count; ++i) length += Utf8Length(bytes[i]);
  auto* out = static_cast<uint8_t*>(wacc_rt_scratch_alloc(length ? length : 1));
  uint8_t* p = out;
  for (uint32_t i = 0; i < count; ++i) p = PutUtf8(p, bytes[i]);
  *utf8_length = uint32_t(length);
  return out;
}

extern "C" uint32_t wacc_rt_utf8_utf16_length(const uint8_t* utf8, uint32_t length) {
  uint32_t units = 0;
  for (uint32_t i = 0; i < length;) units += NextCodePoint(utf8, &i) >= 0x10000 ? 2 : 1;
  return units;
}

extern "C" void wacc_rt_utf8_to_utf16(const uint8_t* utf8, uint32_t length, uint8_t* out) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < length;) {
    uint32_t cp = NextCodePoint(utf8, &i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      StoreUnit(out, n++, 0xd800 + (cp >> 10));
      StoreUnit(out, n++, 0xdc00 + (cp & 0x3ff));
    } else {
      StoreUnit(out, n++, cp);
    }
  }
}

extern "C" uint32_t wacc_rt_utf8_latin1_length(const uint8_t* utf8, uint32_t length) {
  uint32_t count = 0;
  for (uint32_t i = 0; i < length; ++count)
    if (NextCodePoint(utf8, &i) > 0xff) return 0xffffffffu;
  return count;
}

extern "C" void wacc_rt_utf8_to_latin1(const uint8_t* utf8, uint32_t length, uint8_t* out) {
  for (uint32_t i = 0; i < length;) *out++ = uint8_t(NextCodePoint(utf8, &i));
}
