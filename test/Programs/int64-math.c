// 64-bit integer arithmetic on a 32-bit guest: multiplication, division and
// remainder with signs, shifts, comparisons, 128-bit products, modular
// exponentiation and a gcd table.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

// Double-and-add, as 128-bit division would need compiler-rt's __umodti3,
// which Debian builds with a stack protector wasi-libc does not provide.
static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
  uint64_t result = 0;
  a %= m;
  while (b) {
    if (b & 1) result = result >= m - a ? result - (m - a) : result + a;
    a = a >= m - a ? a - (m - a) : a + a;
    b >>= 1;
  }
  return result;
}
static uint64_t powmod(uint64_t base, uint64_t exp, uint64_t m) {
  uint64_t result = 1;
  base %= m;
  while (exp) {
    if (exp & 1) result = mulmod(result, base, m);
    base = mulmod(base, base, m);
    exp >>= 1;
  }
  return result;
}
static int is_prime(uint64_t n) {  // deterministic Miller-Rabin for 64 bits
  if (n < 2) return 0;
  static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (int i = 0; i < 12; ++i) if (n % bases[i] == 0) return n == bases[i];
  uint64_t d = n - 1;
  int r = 0;
  while (!(d & 1)) d >>= 1, ++r;
  for (int i = 0; i < 12; ++i) {
    uint64_t x = powmod(bases[i], d, n);
    if (x == 1 || x == n - 1) continue;
    int composite = 1;
    for (int k = 1; k < r && composite; ++k) {
      x = mulmod(x, x, n);
      if (x == n - 1) composite = 0;
    }
    if (composite) return 0;
  }
  return 1;
}
static uint64_t gcd(uint64_t a, uint64_t b) { while (b) { uint64_t t = a % b; a = b; b = t; } return a; }

int main(void) {
  const int64_t xs[] = {0, 1, -1, 7, -7, 1000000007, -999999999999LL, INT64_MAX, INT64_MIN + 1};
  const int64_t ys[] = {1, -1, 3, -3, 64, 1000000000000LL};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i)
    for (unsigned j = 0; j < sizeof ys / sizeof ys[0]; ++j)
      printf("%" PRId64 " %" PRId64 ": / %" PRId64 " %% %" PRId64 " * %" PRIu64 "\n", xs[i], ys[j],
             xs[i] / ys[j], xs[i] % ys[j], (uint64_t)xs[i] * (uint64_t)ys[j]);
  uint64_t v = 0x0123456789abcdefULL;
  for (int s = 0; s < 64; s += 13)
    printf("shift %2d: << %016" PRIx64 " >> %016" PRIx64 " sar %016" PRIx64 "\n", s, v << s,
           v >> s, (uint64_t)((int64_t)~v >> s));
  unsigned __int128 p = (unsigned __int128)UINT64_MAX * 0xfedcba9876543210ULL;
  printf("128-bit product hi %016" PRIx64 " lo %016" PRIx64 "\n", (uint64_t)(p >> 64), (uint64_t)p);
  printf("2^1000 mod 1e9+7 = %" PRIu64 "\n", powmod(2, 1000, 1000000007));
  int primes = 0;
  uint64_t last = 0;
  for (uint64_t n = (1ULL << 61) - 1000; n < (1ULL << 61); ++n)
    if (is_prime(n)) ++primes, last = n;
  printf("primes just below 2^61: %d, largest %" PRIu64 "\n", primes, last);
  uint64_t g = 0;
  for (uint64_t a = 1; a < 300; ++a)
    for (uint64_t b = 1; b < 300; ++b) g += gcd(a * 1000003, b * 999983);
  printf("gcd sum %" PRIu64 "\n", g);
  printf("compare: %d %d %d\n", (int64_t)-1 < 0, (uint64_t)-1 > 0, INT64_MIN < INT64_MAX);
  return 0;
}
