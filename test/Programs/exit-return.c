// main returns 3 after printing. WASI 0.2's wasi:cli/exit carries only ok or
// err, so the component exits with status 1 where the native build exits 3
// (diff-run --wasi-exit); stdout must still be complete.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run --wasi-exit -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --wasi-exit -- %t.native -- %run-aarch64 %t.aarch64 %}
// RUN: %diff-run -- %t.native ok -- %t.x86_64 ok
#include <stdio.h>

int main(int argc, char **argv) {
  (void)argv;
  // Buffered output, never flushed explicitly: returning from main flushes.
  for (int i = 0; i < 100; ++i) printf("line %d\n", i);
  return argc > 1 ? 0 : 3;
}
