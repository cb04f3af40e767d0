// core/FloatText.h, driven by float-text.py: for each argument "KIND TEXT"
// (KIND: p64 or p32 parses TEXT; f64 or f32 formats the number whose bits
// TEXT gives in hexadecimal), prints one line: the parsed number's bits in
// hexadecimal and its formatted text, "invalid" when TEXT is not a number.
#include "TestSupport.h"
#include "core/FloatText.h"

using namespace wacc_rt;

extern "C" const struct wacc_capabilities wacc_capabilities = {0, 0, nullptr, nullptr, 0, 0};

namespace {

uint64_t ParseHexBits(const char* text) {
  uint64_t value = 0;
  for (; *text; ++text) value = value * 16 + (uint64_t)(*text <= '9' ? *text - '0' : *text - 'a' + 10);
  return value;
}

void PrintResult(uint64_t bits, const char* text) {
  char line[kFloatTextCapacity + 40];
  size_t n = 0;
  for (int shift = 60; shift >= 0; shift -= 4) line[n++] = "0123456789abcdef"[bits >> shift & 15];
  line[n++] = ' ';
  for (; *text; ++text) line[n++] = *text;
  line[n++] = '\n';
  line[n] = 0;
  test_print(line);
}

void Run(const char* kind, const char* text) {
  char formatted[kFloatTextCapacity];
  bool wide = kind[1] == '6';
  if (kind[0] == 'p') {
    double d;
    float f;
    if (wide ? !ParseFloat64(text, &d) : !ParseFloat32(text, &f)) {
      test_print("invalid\n");
      return;
    }
    uint64_t bits = 0;
    if (wide) {
      __builtin_memcpy(&bits, &d, 8);
      FormatFloat64(d, formatted);
    } else {
      __builtin_memcpy(&bits, &f, 4);
      FormatFloat32(f, formatted);
    }
    PrintResult(bits, formatted);
    return;
  }
  uint64_t bits = ParseHexBits(text);
  if (wide) {
    double d;
    __builtin_memcpy(&d, &bits, 8);
    FormatFloat64(d, formatted);
  } else {
    uint32_t narrow = (uint32_t)bits;
    float f;
    __builtin_memcpy(&f, &narrow, 4);
    FormatFloat32(f, formatted);
  }
  PrintResult(bits, formatted);
}

}  // namespace

extern "C" int32_t wacc_main(void) {
  const char* const* argv = wacc_rt_argv();
  for (int i = 1; i + 1 < wacc_rt_argc(); i += 2) Run(argv[i], argv[i + 1]);
  return 0;
}
