#include "compiler/binary/ByteReader.h"

namespace wacc::binary {

absl::StatusOr<uint8_t> ByteReader::readU8() {
  if (atEnd()) return error("unexpected end of input, expected a byte");
  return bytes_[pos_++];
}

absl::StatusOr<uint8_t> ByteReader::peekU8() const {
  if (atEnd()) return error("unexpected end of input, expected a byte");
  return bytes_[pos_];
}

absl::StatusOr<uint32_t> ByteReader::readU32LE() {
  if (remaining() < 4) return error("unexpected end of input, expected 4 bytes");
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(bytes_[pos_ + i]) << (8 * i);
  pos_ += 4;
  return v;
}

absl::StatusOr<uint64_t> ByteReader::readU64LE() {
  if (remaining() < 8) return error("unexpected end of input, expected 8 bytes");
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t(bytes_[pos_ + i]) << (8 * i);
  pos_ += 8;
  return v;
}

// LEB128 as the core spec restricts it: at most ceil(bits/7) bytes, and the
// unused bits of the last byte must be zero (unsigned) or a sign extension.
absl::StatusOr<uint64_t> ByteReader::readVarUnsigned(unsigned bits, const char* what) {
  size_t start = offset();
  uint64_t result = 0;
  unsigned shift = 0;
  const unsigned maxBytes = (bits + 6) / 7;
  for (unsigned i = 0;; ++i) {
    if (atEnd()) return InputError(start, "unexpected end of input in LEB128 %s", what);
    if (i == maxBytes) return InputError(start, "malformed LEB128 %s: integer representation too long", what);
    uint8_t byte = bytes_[pos_++];
    if (i == maxBytes - 1) {
      unsigned usedBits = bits - shift;
      if (usedBits < 7 && (byte & 0x7f) >> usedBits)
        return InputError(start, "malformed LEB128 %s: integer too large", what);
    }
    result |= uint64_t(byte & 0x7f) << shift;
    shift += 7;
    if (!(byte & 0x80)) break;
  }
  return result;
}

absl::StatusOr<int64_t> ByteReader::readVarSigned(unsigned bits, const char* what) {
  size_t start = offset();
  int64_t result = 0;
  unsigned shift = 0;
  const unsigned maxBytes = (bits + 6) / 7;
  uint8_t byte = 0;
  for (unsigned i = 0;; ++i) {
    if (atEnd()) return InputError(start, "unexpected end of input in LEB128 %s", what);
    if (i == maxBytes) return InputError(start, "malformed LEB128 %s: integer representation too long", what);
    byte = bytes_[pos_++];
    if (i == maxBytes - 1) {
      // The bits beyond `bits` must all equal the sign bit.
      unsigned usedBits = bits - shift;
      if (usedBits < 7) {
        int signBit = (byte >> (usedBits - 1)) & 1;
        uint8_t upper = (byte & 0x7f) >> usedBits;
        uint8_t expected = signBit ? (0x7f >> usedBits) : 0;
        if (upper != expected) return InputError(start, "malformed LEB128 %s: integer too large", what);
      }
    }
    if (shift < 64) result |= int64_t(uint64_t(byte & 0x7f) << shift);
    shift += 7;
    if (!(byte & 0x80)) break;
  }
  if (shift < 64 && (byte & 0x40)) result |= int64_t(~uint64_t(0) << shift);
  return result;
}

absl::StatusOr<uint32_t> ByteReader::readVarU32() {
  WACC_ASSIGN_OR_RETURN(uint64_t v, readVarUnsigned(32, "u32"));
  return uint32_t(v);
}
absl::StatusOr<uint64_t> ByteReader::readVarU64() { return readVarUnsigned(64, "u64"); }
absl::StatusOr<int32_t> ByteReader::readVarS32() {
  WACC_ASSIGN_OR_RETURN(int64_t v, readVarSigned(32, "s32"));
  return int32_t(v);
}
absl::StatusOr<int64_t> ByteReader::readVarS64() { return readVarSigned(64, "s64"); }
absl::StatusOr<int64_t> ByteReader::readVarS33() { return readVarSigned(33, "s33"); }

absl::StatusOr<std::span<const uint8_t>> ByteReader::readBytes(size_t n) {
  if (remaining() < n) return error("unexpected end of input: expected %u bytes, only %u left", n, remaining());
  auto span = bytes_.subspan(pos_, n);
  pos_ += n;
  return span;
}

absl::StatusOr<std::string> ByteReader::readName() {
  WACC_ASSIGN_OR_RETURN(uint32_t length, readVarU32());
  size_t start = offset();
  WACC_ASSIGN_OR_RETURN(auto bytes, readBytes(length));
  if (!IsValidUtf8(bytes)) return InputError(start, "malformed UTF-8 encoding in name");
  return std::string(bytes.begin(), bytes.end());
}

absl::StatusOr<ByteReader> ByteReader::subReader(size_t n) {
  size_t start = offset();
  WACC_ASSIGN_OR_RETURN(auto bytes, readBytes(n));
  return ByteReader(bytes, start);
}

bool IsValidUtf8(std::span<const uint8_t> s) {
  size_t i = 0;
  while (i < s.size()) {
    uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    unsigned n;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      n = 1;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3;
      cp = c & 0x07;
    } else
      return false;
    if (i + n >= s.size()) return false;  // truncated sequence
    for (unsigned k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace wacc::binary
