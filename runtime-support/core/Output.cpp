#include "core/Output.h"

#include "core/Syscall.h"

namespace wacc_rt {

static int WaitUntilWritable(int fd) {
  PollFd poll = {fd, kPollOut, 0};
  long result = SysPollForever(&poll, 1);
  return IsSyscallError(result) && result != -kEintr ? (int)-result : 0;
}

int WriteAll(int fd, const void* bytes, size_t size) {
  const char* next = static_cast<const char*>(bytes);
  while (size > 0) {
    long written = SysWrite(fd, next, size);
    if (written == -kEintr) continue;
    if (written == -kEagain) {
      if (int error = WaitUntilWritable(fd)) return error;
      continue;
    }
    if (IsSyscallError(written)) return (int)-written;
    next += written;
    size -= (size_t)written;
  }
  return 0;
}

size_t StringLength(const char* text) {
  size_t length = 0;
  while (text[length] != '\0') ++length;
  return length;
}

MessageBuffer& MessageBuffer::append(const char* text, size_t length) {
  for (size_t i = 0; i < length && size_ < kCapacity; ++i) text_[size_++] = text[i];
  return *this;
}

MessageBuffer& MessageBuffer::append(const char* text) { return append(text, StringLength(text)); }

MessageBuffer& MessageBuffer::appendDecimal(uint64_t value) {
  char digits[20];
  size_t count = 0;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0 && size_ < kCapacity) text_[size_++] = digits[--count];
  return *this;
}

void MessageBuffer::writeTo(int fd) const { (void)WriteAll(fd, text_, size_); }

}  // namespace wacc_rt
