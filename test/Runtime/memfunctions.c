// memcpy, memmove, memset and memcmp against a byte-by-byte reference, for
// every small size and alignment, overlapping both ways for memmove.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: %t.x86_64 | %FileCheck %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}

#include <stddef.h>

#include "TestSupport.h"

// CHECK-NOT: FAIL
// CHECK: memcpy ok
// CHECK-NEXT: memmove ok
// CHECK-NEXT: memset ok
// CHECK-NEXT: memcmp ok

void* memcpy(void*, const void*, size_t);
void* memmove(void*, const void*, size_t);
void* memset(void*, int, size_t);
int memcmp(const void*, const void*, size_t);

enum { kSize = 200 };
static volatile uint8_t buffer[kSize], expected[kSize];

static void fill(void) {
  for (int i = 0; i < kSize; ++i) buffer[i] = expected[i] = (uint8_t)(i * 7 + 1);
}

static int same(void) {
  for (int i = 0; i < kSize; ++i)
    if (buffer[i] != expected[i]) return 0;
  return 1;
}

static int test_memcpy(void) {
  for (int n = 0; n < 80; ++n)
    for (int d = 0; d < 9; ++d)
      for (int s = 100; s < 109; ++s) {
        fill();
        for (int i = 0; i < n; ++i) expected[d + i] = expected[s + i];
        if (memcpy((void*)(buffer + d), (const void*)(buffer + s), n) != buffer + d || !same())
          return 0;
      }
  return 1;
}

static int test_memmove(void) {
  for (int n = 0; n < 80; ++n)
    for (int d = 20; d < 40; ++d) {
      int s = 30;
      fill();
      uint8_t copy[80];
      for (int i = 0; i < n; ++i) copy[i] = expected[s + i];
      for (int i = 0; i < n; ++i) expected[d + i] = copy[i];
      if (memmove((void*)(buffer + d), (const void*)(buffer + s), n) != buffer + d || !same())
        return 0;
    }
  return 1;
}

static int test_memset(void) {
  for (int n = 0; n < 80; ++n)
    for (int d = 0; d < 9; ++d) {
      fill();
      for (int i = 0; i < n; ++i) expected[d + i] = 0xAB;
      if (memset((void*)(buffer + d), 0x1AB, n) != buffer + d || !same()) return 0;
    }
  return 1;
}

static int sign(int x) { return x < 0 ? -1 : x > 0; }

static int test_memcmp(void) {
  for (int n = 1; n < 40; ++n)
    for (int at = 0; at < n; ++at) {
      fill();
      for (int i = 0; i < n; ++i) expected[100 + i] = buffer[i];
      if (memcmp((const void*)buffer, (const void*)(expected + 100), n) != 0) return 0;
      expected[100 + at] = 0xFF;  // now buffer < expected at `at`
      buffer[at] = 0x00;
      if (sign(memcmp((const void*)buffer, (const void*)(expected + 100), n)) != -1) return 0;
      if (sign(memcmp((const void*)(expected + 100), (const void*)buffer, n)) != 1) return 0;
      if (memcmp((const void*)buffer, (const void*)(expected + 100), at) != 0) return 0;
    }
  return 1;
}

int32_t wacc_main(void) {
  test_print(test_memcpy() ? "memcpy ok\n" : "FAIL memcpy\n");
  test_print(test_memmove() ? "memmove ok\n" : "FAIL memmove\n");
  test_print(test_memset() ? "memset ok\n" : "FAIL memset\n");
  test_print(test_memcmp() ? "memcmp ok\n" : "FAIL memcmp\n");
  return 0;
}
