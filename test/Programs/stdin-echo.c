// Copies stdin to stdout in odd-sized blocks with fread/fwrite, then prints a
// checksum; the input is a generated file of a few hundred kilobytes.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %t.native generate > %t.input
// RUN: %diff-run --stdin %t.input -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --stdin %t.input -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "generate") == 0) {
    uint32_t x = 7;
    for (int i = 0; i < 400000; ++i) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      putchar(i % 64 == 63 ? '\n' : (int)(' ' + x % 95));
    }
    return 0;
  }
  char buf[777];
  size_t n, total = 0;
  uint32_t sum = 0;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
    for (size_t i = 0; i < n; ++i) sum = sum * 31 + (unsigned char)buf[i];
    if (fwrite(buf, 1, n, stdout) != n) return 2;
    total += n;
  }
  printf("\n--- %zu bytes, checksum %08x\n", total, sum);
  return 0;
}
