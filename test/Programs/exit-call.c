// exit(7) from deep inside calls, with atexit handlers and buffered output.
// The component reports any non-zero status as 1 (diff-run --wasi-exit).
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run --wasi-exit -- %t.native -- %t.x86_64
// RUN: %diff-run -- %t.native 0 -- %t.x86_64 0
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --wasi-exit -- %t.native -- %run-aarch64 %t.aarch64 %}
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native 0 -- %run-aarch64 %t.aarch64 0 %}
// The plain preview1 module, compiled directly: proc_exit carries the exact
// status, so no --wasi-exit.
// RUN: %c-module %s %t.module.wasm
// RUN: %wacc %t.module.wasm -o %t.module.x86_64
// RUN: %diff-run -- %t.native -- %t.module.x86_64
// RUN: %diff-run -- %t.native 0 -- %t.module.x86_64 0
// RUN: %wacc --target=aarch64-linux-gnu %t.module.wasm -o %t.module.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.module.aarch64 %}
#include <stdio.h>
#include <stdlib.h>

static int status = 7;

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

static void descend(int depth) {
  if (depth == 0) {
    printf("exiting with %d\n", status);
    exit(status);
  }
  printf("depth %d\n", depth);
  descend(depth - 1);
  printf("never printed\n");
}

int main(int argc, char **argv) {
  if (argc > 1) status = atoi(argv[1]);
  atexit(first);
  atexit(second);
  descend(5);
  return 99;
}
