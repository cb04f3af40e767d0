/* Picking a test case by name from argv[1], without libc. */
#ifndef WACC_RUNTIME_TEST_ARGS_H
#define WACC_RUNTIME_TEST_ARGS_H

#include "wacc/Runtime.h"

static inline int test_streq(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}

/* True if the program was started as `prog <name>`. */
static inline int test_case(const char* name) {
  return wacc_rt_argc() > 1 && test_streq(wacc_rt_argv()[1], name);
}

#endif
