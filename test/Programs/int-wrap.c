// Integer wrap-around and conversions with defined results: unsigned
// overflow, narrowing casts, shifts by large (masked) amounts, and signed
// arithmetic built with -fwrapv so overflow wraps in both builds.
// RUN: %native-cc -fwrapv %s -lm -o %t.native
// RUN: %c-component %s %t.wasm -fwrapv
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static volatile int32_t big = INT32_MAX;
static volatile int64_t big64 = INT64_MAX;

int main(void) {
  uint32_t u = UINT32_MAX;
  u += 2;
  printf("uint32 max+2 = %u\n", u);
  uint8_t b = 250;
  b += 10;
  uint16_t h = 0;
  h -= 1;
  printf("uint8 250+10 = %u, uint16 0-1 = %u\n", b, h);
  printf("int32 max+1 = %d, min-1 = %d, max*2 = %d\n", big + 1, -big - 2, big * 2);
  printf("int64 max+1 = %" PRId64 "\n", big64 + 1);
  printf("-INT32_MIN = %d, abs via negate = %d\n", -(big + 1), -(-big - 1));
  printf("narrowing: %d %d %u %d\n", (int8_t)300, (int16_t)40000, (uint8_t)-1, (int32_t)0x89abcdef12ULL);
  printf("sign extension: %" PRId64 " %" PRIu64 "\n", (int64_t)(int32_t)0x80000000u,
         (uint64_t)(uint32_t)-1);
  volatile unsigned s = 35;
  printf("masked shifts: %u %u\n", 1u << (s & 31), 0x80000000u >> (s & 31));
  uint32_t hash = 2166136261u;
  for (int i = 0; i < 100000; ++i) hash = (hash ^ (uint32_t)i) * 16777619u;
  printf("fnv wraps to %08x\n", hash);
  int32_t acc = 1;
  for (int i = 0; i < 100; ++i) acc = acc * 31 + i;
  printf("signed accumulate wraps to %d\n", acc);
  uint64_t x = 1;
  for (int i = 0; i < 80; ++i) x *= 3;
  printf("3^80 mod 2^64 = %" PRIu64 "\n", x);
  printf("char arithmetic: %d %d\n", (char)('z' + 10), (signed char)(unsigned char)200);
  printf("float to int: %d %d %u\n", (int)-3.99, (int)3.99, (unsigned)(double)4000000000.0);
  return 0;
}
