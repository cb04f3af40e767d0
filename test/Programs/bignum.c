// Arbitrary-precision decimal arithmetic: 1000! and 2^4000 in base 10^9
// limbs, Fibonacci(5000) by repeated addition, and digit statistics.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BASE 1000000000u
#define LIMBS 1200

struct big { uint32_t limb[LIMBS]; int n; };

static void set(struct big *b, uint32_t v) { memset(b, 0, sizeof *b); b->limb[0] = v; b->n = 1; }
static void mul_small(struct big *b, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < b->n; ++i) {
    uint64_t t = (uint64_t)b->limb[i] * m + carry;
    b->limb[i] = (uint32_t)(t % BASE);
    carry = t / BASE;
  }
  while (carry) { b->limb[b->n++] = (uint32_t)(carry % BASE); carry /= BASE; }
}
static void add(struct big *r, const struct big *a, const struct big *b) {
  uint32_t carry = 0;
  int n = a->n > b->n ? a->n : b->n;
  for (int i = 0; i < n; ++i) {
    uint32_t t = (i < a->n ? a->limb[i] : 0) + (i < b->n ? b->limb[i] : 0) + carry;
    carry = t >= BASE;
    r->limb[i] = carry ? t - BASE : t;
  }
  r->n = n;
  if (carry) r->limb[r->n++] = 1;
}
static void show(const char *label, const struct big *b) {
  char digits[LIMBS * 9 + 1];
  int len = sprintf(digits, "%u", b->limb[b->n - 1]);
  for (int i = b->n - 2; i >= 0; --i) len += sprintf(digits + len, "%09u", b->limb[i]);
  int count[10] = {0};
  for (int i = 0; i < len; ++i) ++count[digits[i] - '0'];
  printf("%s: %d digits, starts %.20s, ends %s\n", label, len, digits, digits + len - 20);
  printf("  digit counts:");
  for (int d = 0; d < 10; ++d) printf(" %d", count[d]);
  printf("\n");
  for (int i = 0; i < len; i += 100) printf("  %.100s\n", digits + i);
}

static struct big a, b, c;

int main(void) {
  set(&a, 1);
  for (uint32_t i = 2; i <= 1000; ++i) mul_small(&a, i);
  show("1000!", &a);
  set(&a, 1);
  for (int i = 0; i < 4000; ++i) mul_small(&a, 2);
  show("2^4000", &a);
  set(&a, 0);
  set(&b, 1);
  for (int i = 0; i < 5000; ++i) {
    add(&c, &a, &b);
    a = b;
    b = c;
  }
  show("fib(5000)", &a);
  return 0;
}
