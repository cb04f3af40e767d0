#include "compiler/embed/ByteWriter.h"

namespace wacc::embed {

void ByteWriter::u32(uint32_t value) {
  do {
    uint8_t b = value & 0x7f;
    value >>= 7;
    if (value) b |= 0x80;
    bytes_.push_back(b);
  } while (value);
}

void ByteWriter::s33(uint32_t value) {
  uint64_t v = value;
  while (true) {
    uint8_t b = v & 0x7f;
    v >>= 7;
    // Done once the rest is zero and the sign bit of this byte is clear.
    if (v == 0 && !(b & 0x40)) {
      bytes_.push_back(b);
      return;
    }
    bytes_.push_back(b | 0x80);
  }
}

void ByteWriter::name(std::string_view text) {
  u32(static_cast<uint32_t>(text.size()));
  bytes_.insert(bytes_.end(), text.begin(), text.end());
}

void ByteWriter::section(uint8_t id, const ByteWriter& contents) {
  byte(id);
  u32(static_cast<uint32_t>(contents.size()));
  append(contents);
}

void ByteWriter::vectorSection(uint8_t id, uint32_t count, const ByteWriter& items) {
  ByteWriter contents;
  contents.u32(count);
  contents.append(items);
  section(id, contents);
}

}  // namespace wacc::embed
