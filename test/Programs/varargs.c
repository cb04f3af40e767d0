// Variadic functions: a hand-written formatter over va_list, va_copy,
// forwarding to vsnprintf/vprintf, and mixed int/double/pointer arguments.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double average(int count, ...) {
  va_list ap;
  va_start(ap, count);
  double sum = 0;
  for (int i = 0; i < count; ++i) sum += va_arg(ap, double);
  va_end(ap);
  return count ? sum / count : 0;
}

// A tiny formatter: %i int, %l int64, %f double, %s string, %c char.
static int format(char *out, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t n = 0;
  for (const char *p = fmt; *p && n + 32 < size; ++p) {
    if (*p != '%') { out[n++] = *p; continue; }
    switch (*++p) {
      case 'i': n += (size_t)sprintf(out + n, "%d", va_arg(ap, int)); break;
      case 'l': n += (size_t)sprintf(out + n, "%lld", (long long)va_arg(ap, int64_t)); break;
      case 'f': n += (size_t)sprintf(out + n, "%.3f", va_arg(ap, double)); break;
      case 'c': out[n++] = (char)va_arg(ap, int); break;
      case 's': {
        const char *s = va_arg(ap, const char *);
        size_t len = strlen(s);
        if (n + len >= size) len = size - n - 1;
        memcpy(out + n, s, len);
        n += len;
        break;
      }
      default: out[n++] = '?';
    }
  }
  out[n] = 0;
  va_end(ap);
  return (int)n;
}

static void log_twice(const char *fmt, ...) {
  va_list ap, again;
  va_start(ap, fmt);
  va_copy(again, ap);
  char buf[128];
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  printf("vsnprintf (%d): %s\n", n, buf);
  printf("vprintf: ");
  vprintf(fmt, again);
  printf("\n");
  va_end(again);
  va_end(ap);
}

static int64_t sum_mixed(int count, ...) {
  va_list ap;
  va_start(ap, count);
  int64_t total = 0;
  for (int i = 0; i < count; ++i) {
    if (i % 3 == 0) total += va_arg(ap, int);
    else if (i % 3 == 1) total += va_arg(ap, int64_t);
    else total += (int64_t)va_arg(ap, double);
  }
  va_end(ap);
  return total;
}

int main(void) {
  printf("average %.4f %.4f %.4f\n", average(3, 1.0, 2.0, 4.5), average(0), average(1, -7.25));
  char buf[256];
  int n = format(buf, sizeof buf, "i=%i l=%l f=%f s=%s c=%c bad=%x", -42, (int64_t)1 << 50, 3.14159,
                 "str", 'Z');
  printf("format (%d): %s\n", n, buf);
  log_twice("%s has %d items costing %.2f (%c) %lld", "cart", 3, 19.999, '$', -123456789012LL);
  printf("sum_mixed %lld\n", (long long)sum_mixed(7, 1, (int64_t)10000000000LL, 2.9, -4,
                                                 (int64_t)-5, 1e3, 100));
  return 0;
}
