/* Helpers for runtime tests: there is no libc, so print with the runtime's
 * own stdout stream. */
#ifndef WACC_RUNTIME_TEST_SUPPORT_H
#define WACC_RUNTIME_TEST_SUPPORT_H

#include <stdint.h>

#include "wacc/Runtime.h"
#include "wacc/WasiHostFunctions.h"

static inline uint32_t test_strlen(const char* text) {
  uint32_t length = 0;
  while (text[length]) ++length;
  return length;
}

static inline void test_write(uint32_t stream, const char* text) {
  uint64_t results[3];
  wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(
      stream, text, test_strlen(text), results);
}

static inline void test_print(const char* text) {
  uint64_t results[3];
  wacc_host_wasi_cli_stdout_get_stdout(results);
  test_write((uint32_t)results[0], text);
  wacc_host_wasi_io_streams_resource_drop_output_stream((uint32_t)results[0]);
}

static inline void test_eprint(const char* text) {
  uint64_t results[3];
  wacc_host_wasi_cli_stderr_get_stderr(results);
  test_write((uint32_t)results[0], text);
  wacc_host_wasi_io_streams_resource_drop_output_stream((uint32_t)results[0]);
}

static inline void test_print_u64(const char* label, uint64_t value) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = (char)('0' + value % 10);
    value /= 10;
  } while (value);
  char text[96];
  uint32_t length = 0;
  while (*label && length < 60) text[length++] = *label++;
  while (count) text[length++] = digits[--count];
  text[length++] = '\n';
  text[length] = 0;
  test_print(text);
}

#endif
