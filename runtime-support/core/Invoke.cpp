// `--invoke NAME` (wacc and wacc run, as `wasmtime run --invoke`): the
// wacc_main of a core module compiled with it calls the export NAME with
// the command line's arguments, one per parameter, and prints its results,
// one per line, as Wasmtime does: integers in decimal (an i32 or i64 argument
// may also be hexadecimal after "0x"), floats in Rust's shortest form
// (core/FloatText.h), a v128 as one unsigned 128-bit decimal, references as
// "<funcref>", "<null funcref>", ... Wasmtime's two warnings (arguments,
// results) go to stderr at the same points. A missing or unreadable
// argument ends the program with status 1 before the call, as Wasmtime's
// error does.
#include "core/FloatText.h"
#include "core/Output.h"
#include "core/Syscall.h"
#include "wacc/Runtime.h"

namespace wacc_rt {
namespace {

const char* gInvokedName = "";

[[noreturn]] void BadArgument(uint32_t index, const char* expected) {
  MessageBuffer message;
  message.append("wacc: invalid argument '").append(wacc_rt_argv()[index + 1]).append("' for `");
  message.append(gInvokedName).append("`: expected ").append(expected).append("\n");
  message.writeTo(2);
  SysExitGroup(1);
}

// Rust's parse of an integer of `bits` bits (an optional sign, decimal
// digits), or Wasmtime's hexadecimal after "0x" / "0X" (from_str_radix,
// which also takes a sign after the prefix).
bool ParseInteger(const char* text, unsigned bits, int64_t* out) {
  unsigned radix = 10;
  if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    radix = 16;
    text += 2;
  }
  bool negative = *text == '-';
  if (*text == '-' || *text == '+') ++text;
  if (*text == 0) return false;
  uint64_t limit = negative ? (uint64_t)1 << (bits - 1) : ((uint64_t)1 << (bits - 1)) - 1;
  uint64_t value = 0;
  for (; *text; ++text) {
    char c = *text;
    unsigned digit = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 99;
    if (digit >= radix) return false;
    if (value > (limit - digit) / radix) return false;  // past the type's range
    value = value * radix + digit;
  }
  *out = negative ? (int64_t)(0 - value) : (int64_t)value;
  return true;
}

void PrintLine(const char* text) {
  MessageBuffer line;
  line.append(text).append("\n");
  WriteAll(1, line.data(), line.size());
}

void PrintSigned(int64_t value) {
  MessageBuffer line;
  if (value < 0) line.append("-");
  line.appendDecimal(value < 0 ? 0 - (uint64_t)value : (uint64_t)value).append("\n");
  WriteAll(1, line.data(), line.size());
}

}  // namespace
}  // namespace wacc_rt

using namespace wacc_rt;

extern "C" void wacc_rt_invoke_begin(const char* name, uint32_t params) {
  gInvokedName = name;
  if (params > 0) {
    static const char kWarning[] =
        "warning: using `--invoke` with a function that takes arguments is experimental and may break in the future\n";
    WriteAll(2, kWarning, sizeof kWarning - 1);
  }
  if ((uint32_t)wacc_rt_argc() - 1 < params) {
    MessageBuffer message;
    message.append("wacc: not enough arguments for `").append(name).append("`: it takes ");
    message.appendDecimal(params).append("\n");
    message.writeTo(2);
    SysExitGroup(1);
  }
}

extern "C" int32_t wacc_rt_invoke_arg_i32(uint32_t index) {
  int64_t value;
  if (!ParseInteger(wacc_rt_argv()[index + 1], 32, &value)) BadArgument(index, "an i32");
  return (int32_t)value;
}

extern "C" int64_t wacc_rt_invoke_arg_i64(uint32_t index) {
  int64_t value;
  if (!ParseInteger(wacc_rt_argv()[index + 1], 64, &value)) BadArgument(index, "an i64");
  return value;
}

extern "C" float wacc_rt_invoke_arg_f32(uint32_t index) {
  float value;
  if (!ParseFloat32(wacc_rt_argv()[index + 1], &value)) BadArgument(index, "an f32");
  return value;
}

extern "C" double wacc_rt_invoke_arg_f64(uint32_t index) {
  double value;
  if (!ParseFloat64(wacc_rt_argv()[index + 1], &value)) BadArgument(index, "an f64");
  return value;
}

extern "C" void wacc_rt_invoke_results(void) {
  static const char kWarning[] =
      "warning: using `--invoke` with a function that returns values is experimental and may break in the future\n";
  WriteAll(2, kWarning, sizeof kWarning - 1);
}

extern "C" void wacc_rt_invoke_print_i32(int32_t value) { PrintSigned(value); }

extern "C" void wacc_rt_invoke_print_i64(int64_t value) { PrintSigned(value); }

extern "C" void wacc_rt_invoke_print_f32(float value) {
  char text[kFloatTextCapacity];
  FormatFloat32(value, text);
  PrintLine(text);
}

extern "C" void wacc_rt_invoke_print_f64(double value) {
  char text[kFloatTextCapacity];
  FormatFloat64(value, text);
  PrintLine(text);
}

extern "C" void wacc_rt_invoke_print_v128(uint64_t low, uint64_t high) {
  // The 128-bit value's decimal digits: the four 32-bit words divided by
  // ten, most significant first, until nothing is left.
  uint32_t words[4] = {(uint32_t)(high >> 32), (uint32_t)high, (uint32_t)(low >> 32), (uint32_t)low};
  char digits[48];
  int count = 0;
  do {
    uint64_t remainder = 0;
    for (uint32_t& word : words) {
      uint64_t part = remainder << 32 | word;
      word = (uint32_t)(part / 10);
      remainder = part % 10;
    }
    digits[count++] = (char)('0' + (int)remainder);
  } while (words[0] | words[1] | words[2] | words[3]);
  char text[48];
  for (int i = 0; i < count; ++i) text[i] = digits[count - 1 - i];
  text[count] = 0;
  PrintLine(text);
}

extern "C" void wacc_rt_invoke_print_ref(uint32_t externref, uint32_t isNull) {
  PrintLine(externref ? (isNull ? "<null externref>" : "<externref>") : (isNull ? "<null funcref>" : "<funcref>"));
}
