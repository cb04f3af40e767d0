// wasi:io/streams on pipes through wasi-libc: 100 MB from stdin to stdout
// byte for byte, and a writer whose reader goes away early sees `closed`
// (EPIPE in C) instead of dying of SIGPIPE or crashing.
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t
// RUN: head -c 100000000 /dev/urandom > %t.in
// RUN: %t cat < %t.in > %t.out
// RUN: cmp %t.in %t.out
// RUN: rm -f %t.in %t.out
// lit's own pipes keep the read end open in lit itself, so use a real shell.
// RUN: bash -c '%t yes 2> %t.err | head -c 100 > %t.head'
// RUN: %FileCheck %s --check-prefix=CLOSED < %t.err
// RUN: wc -c < %t.head | %FileCheck %s --check-prefix=HEAD
// HEAD: 100
// CLOSED: write failed: {{Broken pipe|I/O error}}
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buffer[1 << 16];

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "cat") == 0) {
    for (;;) {
      ssize_t n = read(0, buffer, sizeof buffer);
      if (n <= 0) return n < 0;
      for (ssize_t done = 0; done < n;) {
        ssize_t w = write(1, buffer + done, n - done);
        if (w < 0) return 1;
        done += w;
      }
    }
  }
  memset(buffer, 'y', sizeof buffer);
  buffer[sizeof buffer - 1] = '\n';
  for (;;) {
    if (write(1, buffer, sizeof buffer) < 0) {
      fprintf(stderr, "write failed: %s\n", strerror(errno));
      return 0;
    }
  }
}
