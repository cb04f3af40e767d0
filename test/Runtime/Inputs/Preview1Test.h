/* Helpers for preview1 runtime tests: a fake linear memory (two wasm pages
 * over a static buffer) handed to wacc_p1_init, and printing without libc.
 * Guest pointers are offsets into `guest`. */
#ifndef WACC_RUNTIME_PREVIEW1_TEST_H
#define WACC_RUNTIME_PREVIEW1_TEST_H

#include <stdint.h>

#include "TestSupport.h"
#include "wacc/Preview1.h"

#define GUEST_SIZE (2 * 65536)
static uint8_t guest[GUEST_SIZE] __attribute__((aligned(16)));
static struct wacc_memory guest_memory = {guest, 2, 2};

static inline void p1_init(void) { wacc_p1_init(&guest_memory); }

static inline uint32_t load_u32(uint32_t at) {
  uint32_t value;
  __builtin_memcpy(&value, guest + at, 4);
  return value;
}
static inline uint64_t load_u64(uint32_t at) {
  uint64_t value;
  __builtin_memcpy(&value, guest + at, 8);
  return value;
}
static inline void store_u32(uint32_t at, uint32_t value) { __builtin_memcpy(guest + at, &value, 4); }
static inline void store_u64(uint32_t at, uint64_t value) { __builtin_memcpy(guest + at, &value, 8); }

/* Copies a C string into the guest at `at`; returns its length. */
static inline uint32_t put_string(uint32_t at, const char* text) {
  uint32_t n = test_strlen(text);
  for (uint32_t i = 0; i < n; ++i) guest[at + i] = (uint8_t)text[i];
  return n;
}

/* One iovec at `at` naming [buffer, buffer + length). */
static inline void put_iovec(uint32_t at, uint32_t buffer, uint32_t length) {
  store_u32(at, buffer);
  store_u32(at + 4, length);
}

/* "label value\n". */
static inline void show(const char* label, uint64_t value) {
  char text[96];
  uint32_t n = 0;
  while (*label && n < 70) text[n++] = *label++;
  text[n++] = ' ';
  text[n] = 0;
  test_print_u64(text, value);
}

/* Prints guest bytes [at, at + length) between brackets. */
static inline void show_bytes(const char* label, uint32_t at, uint32_t length) {
  char text[200];
  uint32_t n = 0;
  while (*label && n < 60) text[n++] = *label++;
  text[n++] = ' ';
  text[n++] = '[';
  for (uint32_t i = 0; i < length && n < 190; ++i) text[n++] = guest[at + i] ? (char)guest[at + i] : '0';
  text[n++] = ']';
  text[n++] = '\n';
  text[n] = 0;
  test_print(text);
}

#endif
