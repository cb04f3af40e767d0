// A sort(1)-like filter: reads all of stdin into a growing buffer, splits it
// into lines, sorts them (byte order, then uniq -c) and prints the result.
// The input is this file.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run --stdin %s -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --stdin %s -- %t.native -- %run-aarch64 %t.aarch64 %}
// An empty input gives an empty result.
// RUN: %diff-run --stdin /dev/null -- %t.native -- %t.x86_64
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  int c = strcmp(x, y);
  return c ? c : (x > y) - (x < y);  // identical lines: by position, a total order
}

int main(void) {
  size_t cap = 16, n = 0;
  char *data = malloc(cap);
  size_t got;
  while ((got = fread(data + n, 1, cap - n - 1, stdin)) > 0) {
    n += got;
    if (cap - n - 1 == 0) data = realloc(data, cap *= 2);
  }
  data[n] = 0;
  size_t lines = 0;
  for (size_t i = 0; i < n; ++i) lines += data[i] == '\n';
  char **line = malloc((lines + 1) * sizeof *line);
  size_t count = 0;
  for (char *p = data; *p;) {
    line[count++] = p;
    char *nl = strchr(p, '\n');
    if (!nl) break;
    *nl = 0;
    p = nl + 1;
  }
  qsort(line, count, sizeof *line, compare);
  size_t unique = 0;
  for (size_t i = 0; i < count;) {
    size_t j = i;
    while (j < count && strcmp(line[i], line[j]) == 0) ++j;
    printf("%4zu %s\n", j - i, line[i]);
    ++unique;
    i = j;
  }
  printf("-- %zu bytes, %zu lines, %zu unique\n", n, count, unique);
  free(line);
  free(data);
  return 0;
}
