// Interleaved stdout and stderr with different buffering modes (setvbuf),
// putchar/puts/fputs/fwrite and explicit fflush. Only stdout is compared;
// stderr must not leak into it.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
// RUN: %t.x86_64 2>&1 >/dev/null | %FileCheck %s --check-prefix=STDERR
// STDERR: stderr 0
// STDERR: stderr 99
// STDERR: unbuffered stderr tail
#include <stdio.h>
#include <string.h>

int main(void) {
  static char buffer[256];
  for (int i = 0; i < 100; ++i) {
    printf("stdout %d\n", i);
    fprintf(stderr, "stderr %d\n", i);
    if (i % 10 == 0) fflush(stdout);
  }
  puts("puts adds a newline");
  fputs("fputs does not", stdout);
  putchar('\n');
  fwrite("fwrite\0with a zero\n", 1, 19, stdout);
  // Fully buffered with a small buffer: flushes happen mid-line.
  fflush(stdout);
  setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  for (int i = 0; i < 50; ++i) printf("[%02d:%s]", i, i % 7 ? "x" : "a somewhat longer chunk");
  printf("\n");
  fflush(stdout);
  setvbuf(stderr, NULL, _IONBF, 0);
  fputs("unbuffered stderr tail\n", stderr);
  // Character output crossing the buffer size many times.
  for (int i = 0; i < 5000; ++i) putchar(i % 80 == 79 ? '\n' : '0' + i % 10);
  printf("\nend\n");
  return 0;
}
