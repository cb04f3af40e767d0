// qsort and bsearch through comparison function pointers: records sorted by
// several keys (always a total order, so the unstable sorts of the two libcs
// agree), then searched.
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

struct person {
  char name[12];
  int32_t age;
  uint32_t id;
};

static int by_id(const void *a, const void *b) {
  uint32_t x = ((const struct person *)a)->id, y = ((const struct person *)b)->id;
  return (x > y) - (x < y);
}
static int by_age_then_id(const void *a, const void *b) {
  const struct person *p = a, *q = b;
  if (p->age != q->age) return p->age < q->age ? -1 : 1;
  return by_id(a, b);
}
static int by_name_then_id(const void *a, const void *b) {
  int c = strcmp(((const struct person *)a)->name, ((const struct person *)b)->name);
  return c ? c : by_id(a, b);
}
static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int main(void) {
  enum { N = 2000 };
  static struct person people[N];
  uint32_t x = 99;
  for (int i = 0; i < N; ++i) {
    x = x * 1664525u + 1013904223u;
    people[i].id = x;
    people[i].age = (int32_t)(x >> 25);
    for (int j = 0; j < 5; ++j) people[i].name[j] = (char)('a' + (x >> (j * 3)) % 4);
    people[i].name[5] = 0;
  }
  int (*orders[])(const void *, const void *) = {by_id, by_age_then_id, by_name_then_id};
  const char *names[] = {"id", "age", "name"};
  for (int o = 0; o < 3; ++o) {
    qsort(people, N, sizeof people[0], orders[o]);
    uint32_t h = 0;
    for (int i = 0; i < N; ++i) h = h * 33 ^ people[i].id;
    printf("by %-4s first %s/%d last %s/%d hash %08x\n", names[o], people[0].name,
           people[0].age, people[N - 1].name, people[N - 1].age, h);
  }
  qsort(people, N, sizeof people[0], by_id);
  int found = 0;
  for (int i = 0; i < N; i += 7) {
    struct person key = {.id = people[i].id};
    struct person *p = bsearch(&key, people, N, sizeof people[0], by_id);
    found += p == &people[i];
  }
  int absent = 0;
  for (uint32_t id = 0; id < 100000; id += 37) {
    struct person key = {.id = id};
    struct person *p = bsearch(&key, people, N, sizeof people[0], by_id);
    absent += p == NULL;
    if (p && p->id != id) printf("bsearch returned the wrong record\n");
  }
  printf("bsearch found %d of %d, %d small ids absent\n", found, (N + 6) / 7, absent);
  int small[] = {5, -3, 9, 0, 9, -100, 42};
  qsort(small, 7, sizeof small[0], cmp_int);
  for (int i = 0; i < 7; ++i) printf("%d ", small[i]);
  printf("\n");
  return 0;
}
