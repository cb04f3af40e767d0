// A bounds-checked cursor over the bytes of a wasm binary.
//
// Every read reports errors with the absolute file offset, so a reader for a
// nested structure (a core module inside a component, a section body) keeps
// offsets meaningful by sub-ranging with `SubReader`.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "compiler/support/Status.h"

namespace wacc::binary {

class ByteReader {
 public:
  // `baseOffset` is the file offset of bytes[0].
  explicit ByteReader(std::span<const uint8_t> bytes, size_t baseOffset = 0) : bytes_(bytes), base_(baseOffset) {}

  size_t offset() const { return base_ + pos_; }  // absolute file offset
  size_t remaining() const { return bytes_.size() - pos_; }
  bool atEnd() const { return pos_ == bytes_.size(); }
  std::span<const uint8_t> rest() const { return bytes_.subspan(pos_); }

  absl::StatusOr<uint8_t> readU8();
  absl::StatusOr<uint8_t> peekU8() const;
  absl::StatusOr<uint32_t> readU32LE();  // fixed-width little endian
  absl::StatusOr<uint64_t> readU64LE();
  absl::StatusOr<uint32_t> readVarU32();
  absl::StatusOr<uint64_t> readVarU64();
  absl::StatusOr<int32_t> readVarS32();
  absl::StatusOr<int64_t> readVarS64();
  // A signed 33-bit LEB128 (block types), returned widened.
  absl::StatusOr<int64_t> readVarS33();
  // `n` raw bytes, as a view into the underlying buffer.
  absl::StatusOr<std::span<const uint8_t>> readBytes(size_t n);
  // A vec(byte) holding valid UTF-8 (wasm `name`).
  absl::StatusOr<std::string> readName();
  // Splits off the next `n` bytes as their own reader and skips them here.
  absl::StatusOr<ByteReader> subReader(size_t n);

  // An error at the current offset.
  template <typename... Args>
  absl::Status error(const absl::FormatSpec<Args...>& format, const Args&... args) const {
    return InputError(offset(), format, args...);
  }

 private:
  absl::StatusOr<uint64_t> readVarUnsigned(unsigned bits, const char* what);
  absl::StatusOr<int64_t> readVarSigned(unsigned bits, const char* what);

  std::span<const uint8_t> bytes_;
  size_t base_;
  size_t pos_ = 0;
};

// True when `bytes` is well-formed UTF-8 (no surrogates, no overlongs).
bool IsValidUtf8(std::span<const uint8_t> bytes);

}  // namespace wacc::binary
