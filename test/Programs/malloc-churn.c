// Heavy malloc/free churn: a pool of live blocks of random sizes is replaced
// at random, each block filled with a pattern that is verified before free.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096
#define ROUNDS 300000

static uint32_t rng = 2463534242u;
static uint32_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

struct block {
  unsigned char *data;
  uint32_t size;
  unsigned char tag;
};

static int verify(const struct block *b) {
  for (uint32_t i = 0; i < b->size; ++i)
    if (b->data[i] != (unsigned char)(b->tag + i)) return 0;
  return 1;
}

int main(void) {
  static struct block pool[SLOTS];
  uint64_t allocated = 0, peak = 0, live = 0;
  unsigned bad = 0, calloc_bad = 0;
  for (int round = 0; round < ROUNDS; ++round) {
    struct block *b = &pool[next() % SLOTS];
    if (b->data) {
      bad += !verify(b);
      live -= b->size;
      free(b->data);
      b->data = NULL;
    }
    uint32_t r = next();
    // Mostly small blocks, sometimes large ones (up to 64 KiB).
    b->size = (r & 15) == 0 ? r % (64u << 10) : 1 + r % 200;
    if (round % 7 == 0) {
      b->data = calloc(b->size, 1);
      for (uint32_t i = 0; i < b->size; ++i) calloc_bad += b->data[i] != 0;
    } else {
      b->data = malloc(b->size);
    }
    if (!b->data && b->size) { printf("out of memory at round %d\n", round); return 1; }
    b->tag = (unsigned char)r;
    for (uint32_t i = 0; i < b->size; ++i) b->data[i] = (unsigned char)(b->tag + i);
    allocated += b->size;
    live += b->size;
    if (live > peak) peak = live;
  }
  for (int i = 0; i < SLOTS; ++i) {
    if (pool[i].data) bad += !verify(&pool[i]);
    free(pool[i].data);
  }
  printf("allocated %llu bytes, peak live %llu, corrupt %u, calloc non-zero %u\n",
         (unsigned long long)allocated, (unsigned long long)peak, bad, calloc_bad);
  return 0;
}
