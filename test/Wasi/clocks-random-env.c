// wasi:clocks (sleeping through a monotonic-clock pollable and wasi:io/poll),
// wasi:random, wasi:cli/environment with the capability flags: arguments
// always pass through, the environment only as granted.
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.none
// RUN: env WACC_T_PASS=passed %t.none one "two words" | %FileCheck %s --check-prefixes=CHECK,NONE
// RUN: %wacc %t.wasm -o %t.env --env WACC_T_BAKED=baked=value --env WACC_T_PASS --env WACC_T_UNSET
// RUN: env WACC_T_PASS=passed %t.env one "two words" | %FileCheck %s --check-prefixes=CHECK,GRANTED
// RUN: %wacc %t.wasm -o %t.all --inherit-env
// RUN: env WACC_T_PASS=passed %t.all one "two words" | %FileCheck %s --check-prefixes=CHECK,ALL
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 --env WACC_T_BAKED=baked=value --env WACC_T_PASS
// RUN: %if qemu-aarch64 %{ env WACC_T_PASS=passed %run-aarch64 %t.aarch64 one "two words" | %FileCheck %s --check-prefixes=CHECK,GRANTED %}
// CHECK: argc 3
// CHECK-NEXT: argv[1] one
// CHECK-NEXT: argv[2] two words
// NONE-NEXT: environ 0
// GRANTED-NEXT: environ 2
// GRANTED-NEXT: WACC_T_BAKED=baked=value
// GRANTED-NEXT: WACC_T_PASS=passed
// ALL-NEXT: WACC_T_PASS=passed
// CHECK: slept enough 1
// CHECK-NEXT: wall clock after 2024 1
// CHECK-NEXT: random differs 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

int main(int argc, char** argv) {
  printf("argc %d\n", argc);
  for (int i = 1; i < argc; ++i) printf("argv[%d] %s\n", i, argv[i]);
  int count = 0;
  for (char** e = environ; *e; ++e) ++count;
  if (getenv("WACC_T_BAKED") || count == 0) printf("environ %d\n", count);
  for (char** e = environ; *e; ++e)
    if (strncmp(*e, "WACC_T_", 7) == 0) printf("%s\n", *e);
  struct timespec before, after, wall;
  clock_gettime(CLOCK_MONOTONIC, &before);
  struct timespec nap = {0, 50 * 1000 * 1000};
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &after);
  long long elapsed = (after.tv_sec - before.tv_sec) * 1000000000ll + (after.tv_nsec - before.tv_nsec);
  printf("slept enough %d\n", elapsed >= 50 * 1000 * 1000);
  clock_gettime(CLOCK_REALTIME, &wall);
  printf("wall clock after 2024 %d\n", wall.tv_sec > 1704067200);
  unsigned char a[32], b[32];
  getentropy(a, sizeof a);
  getentropy(b, sizeof b);
  printf("random differs %d\n", memcmp(a, b, sizeof a) != 0);
  return 0;
}
