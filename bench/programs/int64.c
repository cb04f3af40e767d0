// 64-bit arithmetic: a splitmix64 generator, 64-bit multiplicative hashing,
// 64-bit division and remainder by run-time divisors, and Euclid's gcd.
#include <stdint.h>
#include <stdio.h>

#define ITERATIONS 8000000

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

int main(void) {
  uint64_t state = 42, gcd_sum = 0, quotients = 0, hash = 0xCBF29CE484222325ull;
  for (int i = 0; i < ITERATIONS; i++) {
    uint64_t a = splitmix64(&state), b = splitmix64(&state);
    uint64_t d = (b >> 40) | 1;
    quotients += a / d + (a % (d + 12345));
    gcd_sum += gcd(a >> (i & 15), b >> ((i >> 4) & 15));
    hash = (hash ^ (a >> 7)) * 0x100000001B3ull;
    hash += (int64_t)hash >> 13;
  }
  printf("gcd %llu quot %llu hash %016llx\n", (unsigned long long)gcd_sum,
         (unsigned long long)quotients, (unsigned long long)hash);
  return 0;
}
