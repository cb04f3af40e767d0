// Writing bytes to file descriptors without libc, and building the short
// diagnostic messages the runtime prints (traps, fatal signals).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wacc_rt {

// Writes all `size` bytes to `fd`, looping on partial writes, retrying on
// EINTR and waiting with ppoll on EAGAIN (a non-blocking descriptor).
// Returns 0, or the positive errno of the first failure. Async-signal-safe.
int WriteAll(int fd, const void* bytes, size_t size);

size_t StringLength(const char* text);

// A fixed-size text buffer that silently truncates: messages must never
// fail to print because a function name is long.
class MessageBuffer {
 public:
  MessageBuffer& append(const char* text);
  MessageBuffer& append(const char* text, size_t length);
  MessageBuffer& appendDecimal(uint64_t value);
  const char* data() const { return text_; }
  size_t size() const { return size_; }
  // Writes the text to `fd` (errors ignored: there is nowhere to report them).
  void writeTo(int fd) const;

 private:
  static constexpr size_t kCapacity = 512;
  char text_[kCapacity];
  size_t size_ = 0;
};

}  // namespace wacc_rt
