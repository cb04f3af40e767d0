// Calls through function pointers: an operator table, callbacks with
// context, a pointer returned from a function and a state machine whose
// states are functions (indirect calls in wasm).
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>

typedef int32_t (*binop)(int32_t, int32_t);
static int32_t add(int32_t a, int32_t b) { return a + b; }
static int32_t sub(int32_t a, int32_t b) { return a - b; }
static int32_t mul(int32_t a, int32_t b) { return a * b; }
static int32_t maxi(int32_t a, int32_t b) { return a > b ? a : b; }
static const struct { char symbol; binop fn; } ops[] = {{'+', add}, {'-', sub}, {'*', mul}, {'M', maxi}};

static binop lookup(char symbol) {
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; ++i)
    if (ops[i].symbol == symbol) return ops[i].fn;
  return NULL;
}

static void for_each(const int32_t *v, int n, void (*fn)(void *, int32_t), void *ctx) {
  for (int i = 0; i < n; ++i) fn(ctx, v[i]);
}
static void sum_into(void *ctx, int32_t x) { *(int64_t *)ctx += x; }
static void print_one(void *ctx, int32_t x) { printf("%s%d", (const char *)ctx, x); }

struct machine;
typedef void *(*state)(struct machine *, char);
struct machine { int count; };
static void *in_word(struct machine *m, char c);
static void *in_space(struct machine *m, char c) {
  if (c == ' ') return (void *)in_space;
  ++m->count;
  return (void *)in_word;
}
static void *in_word(struct machine *m, char c) {
  (void)m;
  return c == ' ' ? (void *)in_space : (void *)in_word;
}

int main(void) {
  const char *expr = "+-*M+*-M";
  int32_t acc = 1;
  for (const char *p = expr; *p; ++p) {
    binop f = lookup(*p);
    acc = f(acc, (int32_t)(p - expr) + 3);
    printf("%c -> %d\n", *p, acc);
  }
  printf("lookup('/') %s\n", lookup('/') ? "found" : "missing");
  int32_t values[] = {3, 1, 4, 1, 5, 9, 2, 6};
  int64_t sum = 0;
  for_each(values, 8, sum_into, &sum);
  for_each(values, 8, print_one, " ");
  printf(" = %lld\n", (long long)sum);
  struct machine m = {0};
  state s = in_space;
  for (const char *p = "  the quick  brown fox   jumps "; *p; ++p) s = (state)s(&m, *p);
  printf("words: %d\n", m.count);
  return 0;
}
