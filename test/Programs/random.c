// Random bytes from getentropy: prints only properties that hold for any
// good source (not all zero, two draws differ, many distinct byte values,
// a roughly balanced bit count).
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  unsigned char a[256], b[256];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  int ok = getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0;
  printf("getentropy succeeded: %d\n", ok);
  int nonzero = 0, distinct = 0, seen[256] = {0};
  long bits = 0;
  for (int i = 0; i < 256; ++i) {
    nonzero |= a[i];
    if (!seen[a[i]]++) ++distinct;
    for (int k = 0; k < 8; ++k) bits += (a[i] >> k) & 1;
  }
  printf("not all zero: %d\n", nonzero != 0);
  printf("two draws differ: %d\n", memcmp(a, b, sizeof a) != 0);
  printf("more than 100 distinct byte values: %d\n", distinct > 100);
  printf("bit count within 1024 +- 200: %d\n", bits > 824 && bits < 1224);
  // Many small draws fill every byte they are asked to.
  int filled = 1;
  for (int round = 0; round < 100; ++round) {
    unsigned char one[1] = {0}, sixteen[16];
    memset(sixteen, 0, sizeof sixteen);
    (void)getentropy(one, 1);
    if (getentropy(sixteen, sizeof sixteen) != 0) filled = 0;
    int any = 0;
    for (int i = 0; i < 16; ++i) any |= sixteen[i];
    if (!any) filled = 0;
  }
  printf("small draws ok: %d\n", filled);
  return 0;
}
