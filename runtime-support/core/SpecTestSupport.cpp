// wacc_rt_spectest_report: how the driver wacc-spectest generates tells the
// runner what each command did. One line per command on stdout, parsed by
// compiler/spectest/Outcome.cpp:
//   <command index> <outcome: -1 or trap reason> <result word in hex>...
#include "core/Output.h"
#include "wacc/Runtime.h"

namespace {

constexpr size_t kLineCapacity = 8192;

size_t appendHex(char* out, uint64_t value) {
  char digits[16];
  size_t n = 0;
  do {
    digits[n++] = "0123456789abcdef"[value & 15];
    value >>= 4;
  } while (value != 0);
  for (size_t i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  return n;
}

size_t appendDecimal(char* out, uint64_t value) {
  char digits[20];
  size_t n = 0;
  do {
    digits[n++] = char('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (size_t i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  return n;
}

}  // namespace

extern "C" void wacc_rt_spectest_report(uint32_t command, int32_t outcome, const uint64_t* words, uint32_t count) {
  char line[kLineCapacity];
  size_t size = appendDecimal(line, command);
  line[size++] = ' ';
  if (outcome < 0) {
    line[size++] = '-';
    line[size++] = '1';
  } else {
    size += appendDecimal(line + size, (uint64_t)outcome);
  }
  // 17 bytes per word; a line that would overflow is cut (the runner then
  // reports a result count mismatch rather than the process failing).
  for (uint32_t i = 0; i < count && size + 18 < kLineCapacity; ++i) {
    line[size++] = ' ';
    size += appendHex(line + size, words[i]);
  }
  line[size++] = '\n';
  (void)wacc_rt::WriteAll(1, line, size);
}
