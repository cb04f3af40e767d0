// Error handling without setjmp: status codes threaded through a parser of
// "key=value" lines, goto-cleanup chains that free partial allocations,
// errno from strtol overflow and a failing huge malloc.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum status { OK, ERR_SYNTAX, ERR_RANGE, ERR_DUPLICATE, ERR_NOMEM };
static const char *describe(enum status s) {
  static const char *const names[] = {"ok", "syntax error", "out of range", "duplicate key",
                                      "out of memory"};
  return names[s];
}

struct entry { char *key; int32_t value; };
struct table { struct entry *entries; int count; };

static enum status parse_value(const char *text, int32_t *out) {
  char *end;
  errno = 0;
  long long v = strtoll(text, &end, 10);
  if (end == text || *end) return ERR_SYNTAX;
  if (errno == ERANGE || v < INT32_MIN || v > INT32_MAX) return ERR_RANGE;
  *out = (int32_t)v;
  return OK;
}

static enum status add_line(struct table *t, const char *line) {
  enum status s = OK;
  const char *eq = strchr(line, '=');
  if (!eq || eq == line) return ERR_SYNTAX;
  char *key = malloc((size_t)(eq - line) + 1);
  if (!key) return ERR_NOMEM;
  memcpy(key, line, (size_t)(eq - line));
  key[eq - line] = 0;
  int32_t value;
  if ((s = parse_value(eq + 1, &value)) != OK) goto free_key;
  for (int i = 0; i < t->count; ++i)
    if (strcmp(t->entries[i].key, key) == 0) { s = ERR_DUPLICATE; goto free_key; }
  struct entry *grown = realloc(t->entries, sizeof *grown * (size_t)(t->count + 1));
  if (!grown) { s = ERR_NOMEM; goto free_key; }
  t->entries = grown;
  t->entries[t->count++] = (struct entry){key, value};
  return OK;
free_key:
  free(key);
  return s;
}

int main(void) {
  const char *lines[] = {"a=1", "b=-20", "c=abc", "=5", "d", "a=3", "big=99999999999",
                         "huge=999999999999999999999999", "e=2147483647", "f=-2147483648",
                         "g=12x"};
  struct table t = {0};
  int failures = 0;
  for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; ++i) {
    enum status s = add_line(&t, lines[i]);
    failures += s != OK;
    printf("%-32s -> %s\n", lines[i], describe(s));
  }
  int64_t sum = 0;
  for (int i = 0; i < t.count; ++i) {
    sum += t.entries[i].value;
    free(t.entries[i].key);
  }
  free(t.entries);
  printf("%d entries, %d failures, sum %lld\n", t.count, failures, (long long)sum);
  void *huge = malloc(SIZE_MAX - 4096);
  printf("huge malloc %s\n", huge ? "succeeded?!" : "failed as expected");
  errno = 0;
  long r = strtol("99999999999999999999999", NULL, 10);
  printf("strtol overflow: erange=%d saturated=%d\n", errno == ERANGE, r == LONG_MAX);
  return failures == 7 ? 0 : 1;
}
