// More than a megabyte of stdout in many small printf calls.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>

int main(void) {
  uint32_t state = 12345;
  unsigned long total = 0;
  for (int line = 0; line < 30000; ++line) {
    state = state * 1103515245u + 12345u;
    int n = printf("%6d %08x %-20s|%*s|\n", line, state, line % 3 ? "fizz" : "buzz-buzz-buzz",
                   (int)(state >> 27), "");
    total += (unsigned long)n;
  }
  // One large write as well as many small ones.
  static char block[300000];
  for (unsigned i = 0; i < sizeof block; ++i) block[i] = (char)('a' + i % 26);
  block[sizeof block - 1] = '\n';
  fwrite(block, 1, sizeof block, stdout);
  total += sizeof block;
  printf("total %lu\n", total);
  return 0;
}
