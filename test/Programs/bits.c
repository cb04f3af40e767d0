// Bit manipulation: popcount, leading/trailing zeros, rotations, byte
// swaps, bit reversal, Gray codes, next permutation of bits, parity.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint32_t rotl(uint32_t x, unsigned r) { return (x << (r & 31)) | (x >> ((32 - r) & 31)); }
static uint64_t rotr64(uint64_t x, unsigned r) { return (x >> (r & 63)) | (x << ((64 - r) & 63)); }
static uint32_t reverse(uint32_t x) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
  return __builtin_bswap32(x);
}
static int popcount_slow(uint64_t x) { int n = 0; while (x) { x &= x - 1; ++n; } return n; }

int main(void) {
  volatile uint64_t inputs[] = {1, 0x80000000u, 0xdeadbeefULL, 0x0123456789abcdefULL, UINT64_MAX,
                                0x8000000000000000ULL, 12345, 0x00ff00ff00ff00ffULL};
  for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; ++i) {
    uint64_t x = inputs[i];
    uint32_t lo = (uint32_t)x;
    printf("%016" PRIx64 ": pop %d/%d clz %d ctz %d clz32 %d ctz32 %d parity %d\n", x,
           __builtin_popcountll(x), popcount_slow(x), __builtin_clzll(x), __builtin_ctzll(x),
           lo ? __builtin_clz(lo) : 32, lo ? __builtin_ctz(lo) : 32, __builtin_parityll(x));
    printf("    rotl7 %08x rotr64-13 %016" PRIx64 " bswap %016" PRIx64 " rev %08x\n", rotl(lo, 7),
           rotr64(x, 13), __builtin_bswap64(x), reverse(lo));
  }
  printf("gray codes:");
  for (uint32_t i = 0; i < 16; ++i) printf(" %x", i ^ (i >> 1));
  printf("\n5-of-8 subsets: ");
  uint32_t v = 0x1f, count = 0;
  while (v < 0x100) {
    if (count < 6) printf("%02x ", v);
    ++count;
    uint32_t t = v | (v - 1);
    v = (t + 1) | (((~t & -~t) - 1) >> (__builtin_ctz(v) + 1));
  }
  printf("... %u in all\n", count);
  uint64_t mix = 0;
  for (uint32_t i = 0; i < 1000000; ++i) {
    uint32_t y = i * 0x9e3779b9u;
    mix += (uint64_t)__builtin_popcount(y) << (i & 7);
    mix ^= rotl(y, i) ^ ((uint64_t)reverse(y) << 17);
  }
  printf("mix %016" PRIx64 "\n", mix);
  uint32_t lowest = 0xb8u & -0xb8u, cleared = 0xb8u & (0xb8u - 1);
  printf("lowest bit %x, cleared %x, is power of two %d %d\n", lowest, cleared,
         (64 & 63) == 0, (96 & 95) == 0);
  return 0;
}
