// Sorting: a hand-written quicksort (median of three, insertion sort for
// small ranges) of pseudo-random 32-bit keys, then a binary-search pass.
// Branchy, data-dependent integer code with recursion.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT 1000000
#define ROUNDS 12

static void insertion_sort(uint32_t *v, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    uint32_t key = v[i];
    int j = i - 1;
    while (j >= lo && v[j] > key) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = key;
  }
}

static void swap(uint32_t *v, int i, int j) {
  uint32_t t = v[i];
  v[i] = v[j];
  v[j] = t;
}

static void quicksort(uint32_t *v, int lo, int hi) {
  while (hi - lo > 16) {
    int mid = lo + (hi - lo) / 2;
    if (v[mid] < v[lo]) swap(v, mid, lo);
    if (v[hi] < v[lo]) swap(v, hi, lo);
    if (v[hi] < v[mid]) swap(v, hi, mid);
    uint32_t pivot = v[mid];
    int i = lo, j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) swap(v, i++, j--);
    }
    // Recurse into the smaller side, loop on the larger: depth stays O(log n).
    if (j - lo < hi - i) {
      quicksort(v, lo, j);
      lo = i;
    } else {
      quicksort(v, i, hi);
      hi = j;
    }
  }
  insertion_sort(v, lo, hi);
}

static int lower_bound(const uint32_t *v, int n, uint32_t key) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (v[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

int main(void) {
  uint32_t *v = malloc(COUNT * sizeof *v);
  if (!v) return 1;
  uint32_t seed = 1;
  uint64_t checksum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < COUNT; i++) {
      seed ^= seed << 13;
      seed ^= seed >> 17;
      seed ^= seed << 5;
      v[i] = seed;
    }
    quicksort(v, 0, COUNT - 1);
    for (int i = 1; i < COUNT; i++)
      if (v[i - 1] > v[i]) {
        printf("not sorted at %d\n", i);
        return 1;
      }
    for (int i = 0; i < COUNT; i += 3) checksum += (uint64_t)lower_bound(v, COUNT, v[i] ^ 0x55u);
    checksum = checksum * 1000003u + v[COUNT / 2];
  }
  printf("checksum %llu\n", (unsigned long long)checksum);
  free(v);
  return 0;
}
