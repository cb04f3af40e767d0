// abort() ends the program abnormally: natively by SIGABRT (status 134 as a
// shell sees it), in the component by a wasm trap, which a wacc executable
// reports with status 134 too. Output flushed before the abort survives.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdio.h>
#include <stdlib.h>

static void check(int condition, const char *what) {
  if (!condition) {
    printf("check failed: %s\n", what);
    fflush(stdout);
    abort();
  }
  printf("check passed: %s\n", what);
}

int main(void) {
  check(1 + 1 == 2, "arithmetic");
  check(sizeof(char) == 1, "char size");
  volatile int zero = 0;
  check(zero != 0, "zero is not zero");
  printf("unreachable\n");
  return 0;
}
