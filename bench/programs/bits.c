// Integer and bit manipulation on 32-bit words: a bitwise (table-free) CRC-32,
// population counts, leading/trailing zero counts, rotations and a software
// bit reversal, all over a pseudo-random buffer.
#include <stdint.h>
#include <stdio.h>

#define WORDS (1 << 16)
#define ROUNDS 480

static uint32_t buffer[WORDS];

static uint32_t xorshift32(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static uint32_t crc32_word(uint32_t crc, uint32_t word) {
  crc ^= word;
  for (int bit = 0; bit < 32; bit++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
  return crc;
}

static uint32_t reverse_bits(uint32_t x) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
  x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
  return (x >> 16) | (x << 16);
}

static uint32_t rotl(uint32_t x, unsigned k) { return (x << (k & 31)) | (x >> (-k & 31)); }

int main(void) {
  uint32_t state = 2463534242u;
  for (int i = 0; i < WORDS; i++) buffer[i] = xorshift32(&state);
  uint32_t crc = 0xFFFFFFFFu, mix = 0;
  uint64_t pop = 0;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < WORDS; i++) {
      uint32_t w = buffer[i];
      crc = crc32_word(crc, w);
      pop += (uint64_t)__builtin_popcount(w);
      unsigned lz = w ? (unsigned)__builtin_clz(w) : 32, tz = w ? (unsigned)__builtin_ctz(w) : 32;
      mix = rotl(mix ^ reverse_bits(w), lz + tz) + (w >> (tz & 7));
      buffer[i] = w ^ rotl(mix, 7);
    }
  }
  printf("crc %08x popcount %llu mix %08x\n", crc ^ 0xFFFFFFFFu, (unsigned long long)pop, mix);
  return 0;
}
