// Sorting a big array: a million 32-bit keys with a hand-written merge sort,
// an in-place heap sort and libc's qsort, checked against each other.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1000000

static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n) {
  // Bottom-up, so no recursion at all.
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
}

static void sift_down(uint32_t *a, size_t root, size_t n) {
  for (;;) {
    size_t child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && a[child + 1] > a[child]) ++child;
    if (a[root] >= a[child]) return;
    uint32_t t = a[root]; a[root] = a[child]; a[child] = t;
    root = child;
  }
}
static void heap_sort(uint32_t *a, size_t n) {
  for (size_t i = n / 2; i-- > 0;) sift_down(a, i, n);
  for (size_t end = n; end-- > 1;) {
    uint32_t t = a[0]; a[0] = a[end]; a[end] = t;
    sift_down(a, 0, end);
  }
}
static int compare(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return (a > b) - (a < b);
}

int main(void) {
  uint32_t *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), *c = malloc(N * sizeof *c),
           *tmp = malloc(N * sizeof *tmp);
  uint64_t x = 88172645463325252ULL;
  for (size_t i = 0; i < N; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    a[i] = (uint32_t)(x >> 32) % 5000000u;  // with duplicates
  }
  memcpy(b, a, N * sizeof *a);
  memcpy(c, a, N * sizeof *a);
  merge_sort(a, tmp, N);
  heap_sort(b, N);
  qsort(c, N, sizeof *c, compare);
  size_t unsorted = 0, distinct = 1;
  for (size_t i = 1; i < N; ++i) {
    unsorted += a[i - 1] > a[i];
    distinct += a[i - 1] != a[i];
  }
  printf("merge sort: %zu out of order, %zu distinct\n", unsorted, distinct);
  printf("heap sort agrees: %d, qsort agrees: %d\n", memcmp(a, b, N * sizeof *a) == 0,
         memcmp(a, c, N * sizeof *a) == 0);
  printf("min %u median %u max %u\n", a[0], a[N / 2], a[N - 1]);
  for (size_t i = 0; i < N; i += N / 10) printf("a[%zu] = %u\n", i, a[i]);
  free(a); free(b); free(c); free(tmp);
  return 0;
}
