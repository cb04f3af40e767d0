// Integer formatting through printf: widths, flags, bases, lengths.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
  const int32_t values[] = {0, 1, -1, 42, -42, 255, 65535, INT32_MAX, INT32_MIN, 1000000007};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    int32_t v = values[i];
    printf("[%d] [%5d] [%-6d] [%+d] [% d] [%06d] [%x] [%X] [%#x] [%o] [%#o] [%u]\n",
           v, v, v, v, v, v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
           (unsigned)v, (unsigned)v);
  }
  const int64_t wide[] = {0, INT64_MAX, INT64_MIN, -1234567890123LL, 1LL << 40};
  for (unsigned i = 0; i < sizeof wide / sizeof wide[0]; ++i)
    printf("%" PRId64 " %" PRIx64 " %20" PRIu64 "|\n", wide[i], (uint64_t)wide[i],
           (uint64_t)wide[i]);
  printf("%hhd %hhu %hd %hu\n", (signed char)200, (unsigned char)300, (short)70000,
         (unsigned short)70000);
  printf("%.3d|%.0d|%*d|%-*d|\n", 7, 0, 8, 123, 8, 123);
  printf("%c%c%c %5s|%-5s|%.2s\n", 'w', 'a', 'c', "ab", "cd", "efgh");
  printf("%%done %zu\n", sizeof(int64_t));
  return 0;
}
