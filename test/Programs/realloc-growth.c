// Grows buffers with realloc one element at a time and by doubling, up to
// several megabytes, checking that contents survive every move.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
// The plain preview1 module, compiled directly: built without
// --initial-memory, so its heap grows memory from the default two pages.
// RUN: %c-module %s %t.module.wasm
// RUN: %wacc %t.module.wasm -o %t.module.x86_64
// RUN: %diff-run -- %t.native -- %t.module.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.module.wasm -o %t.module.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.module.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  // One element at a time: 200000 reallocs.
  uint32_t *v = NULL;
  size_t n = 0;
  for (uint32_t i = 0; i < 200000; ++i) {
    uint32_t *grown = realloc(v, (n + 1) * sizeof *v);
    if (!grown) return 1;
    v = grown;
    v[n++] = i * 2654435761u;
  }
  uint32_t bad = 0;
  for (uint32_t i = 0; i < n; ++i) bad += v[i] != i * 2654435761u;
  printf("one-by-one: %zu elements, %u bad\n", n, bad);

  // Doubling, interleaved with shrinking a second buffer.
  size_t cap = 16;
  char *s = malloc(cap), *t = malloc(1 << 20);
  size_t len = 0, tlen = 1 << 20;
  for (size_t i = 0; i < tlen; ++i) t[i] = (char)i;
  for (int i = 0; i < 3000000; ++i) {
    if (len + 1 > cap) {
      cap *= 2;
      s = realloc(s, cap);
      if (!s) return 1;
      tlen /= 2;
      t = realloc(t, tlen ? tlen : 1);
    }
    s[len++] = (char)('a' + i % 26);
  }
  bad = 0;
  for (size_t i = 0; i < len; ++i) bad += s[i] != (char)('a' + i % 26);
  for (size_t i = 0; i < tlen; ++i) bad += t[i] != (char)i;
  printf("doubling: len %zu, cap %zu, tlen %zu, %u bad\n", len, cap, tlen, bad);
  // realloc(NULL, n) is malloc; realloc to a smaller size keeps the prefix.
  char *p = realloc(NULL, 10);
  for (int i = 0; i < 10; ++i) p[i] = (char)(i + 1);
  p = realloc(p, 3);
  printf("shrunk: %d %d %d\n", p[0], p[1], p[2]);
  free(p);
  free(s);
  free(t);
  free(v);
  return 0;
}
