// Writing the WebAssembly binary encoding: LEB128 numbers, names, and
// sections, for the component and the two small core modules the embed
// stage synthesises (Binary.md of the component model, and the core spec's
// binary format).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace wacc::embed {

class ByteWriter {
 public:
  void byte(uint8_t b) { bytes_.push_back(b); }
  void u32(uint32_t value);  // unsigned LEB128
  // A type index where a `valtype` may stand: signed LEB128 (s33), so 64 is
  // two bytes, not one.
  void s33(uint32_t value);
  void name(std::string_view text);  // length-prefixed UTF-8
  void append(std::span<const uint8_t> data) { bytes_.insert(bytes_.end(), data.begin(), data.end()); }
  void append(const ByteWriter& other) { append(std::span<const uint8_t>(other.bytes_)); }
  // `id` then the size of `contents` then `contents`.
  void section(uint8_t id, const ByteWriter& contents);
  // A section holding a vector: the count then the items.
  void vectorSection(uint8_t id, uint32_t count, const ByteWriter& items);

  const std::vector<uint8_t>& bytes() const { return bytes_; }
  std::vector<uint8_t> take() { return std::move(bytes_); }
  size_t size() const { return bytes_.size(); }

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace wacc::embed
