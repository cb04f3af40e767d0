// Memory-bound copying: memcpy and overlapping memmove of buffers larger
// than the caches, a strided gather and a byte-wise copy loop.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE (8u << 20)
#define ROUNDS 96

int main(void) {
  uint8_t *a = malloc(SIZE), *b = malloc(SIZE);
  uint32_t *words = malloc(SIZE);
  if (!a || !b || !words) return 1;
  for (uint32_t i = 0; i < SIZE; i++) a[i] = (uint8_t)(i * 2654435761u >> 24);
  uint64_t sum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    memcpy(b, a, SIZE);
    memmove(b + 1 + (round & 31), b, SIZE - 64);  // stays inside b
    memmove(a, a + 3, SIZE - 3);
    // A gather with a large odd stride: every access misses the cache line
    // the previous one used.
    uint32_t n = SIZE / 4, index = (uint32_t)round;
    for (uint32_t i = 0; i < n; i++) {
      words[i] = b[index];
      index = (index + 4099) & (SIZE - 1);
    }
    for (uint32_t i = 0; i < SIZE; i += 4096) sum += a[i] + b[i] + words[i / 4];
    for (uint32_t i = 0; i < SIZE / 4; i++) a[i] = b[SIZE - 1 - i];
    sum = sum * 31 + a[round * 77];
  }
  printf("checksum %llu\n", (unsigned long long)sum);
  free(words);
  free(b);
  free(a);
  return 0;
}
