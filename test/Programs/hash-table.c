// An open-addressing hash table of strings with tombstones and resizing:
// 100000 inserts, lookups, deletes and re-inserts, then word counting.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// Cut into partitions (as a program above 100k IR instructions would be).
// RUN: %wacc --partitions=3 %t.wasm -o %t.parts
// RUN: %diff-run -- %t.native -- %t.parts
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOMBSTONE ((char *)1)

struct table { char **keys; int32_t *values; uint32_t capacity, used, live; };

static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

static void put(struct table *t, const char *key, int32_t value);

static void grow(struct table *t) {
  struct table bigger = {calloc(t->capacity * 2, sizeof(char *)),
                         calloc(t->capacity * 2, sizeof(int32_t)), t->capacity * 2, 0, 0};
  for (uint32_t i = 0; i < t->capacity; ++i)
    if (t->keys[i] && t->keys[i] != TOMBSTONE) {
      put(&bigger, t->keys[i], t->values[i]);
      free(t->keys[i]);
    }
  free(t->keys);
  free(t->values);
  *t = bigger;
}

static uint32_t find(const struct table *t, const char *key) {
  uint32_t i = hash(key) & (t->capacity - 1);
  while (t->keys[i]) {
    if (t->keys[i] != TOMBSTONE && strcmp(t->keys[i], key) == 0) return i;
    i = (i + 1) & (t->capacity - 1);
  }
  return UINT32_MAX;
}

static void put(struct table *t, const char *key, int32_t value) {
  uint32_t at = find(t, key);
  if (at != UINT32_MAX) { t->values[at] = value; return; }
  if ((t->used + 1) * 4 > t->capacity * 3) grow(t);
  uint32_t i = hash(key) & (t->capacity - 1);
  while (t->keys[i] && t->keys[i] != TOMBSTONE) i = (i + 1) & (t->capacity - 1);
  if (!t->keys[i]) ++t->used;
  t->keys[i] = strdup(key);
  t->values[i] = value;
  ++t->live;
}

static int erase(struct table *t, const char *key) {
  uint32_t at = find(t, key);
  if (at == UINT32_MAX) return 0;
  free(t->keys[at]);
  t->keys[at] = TOMBSTONE;
  --t->live;
  return 1;
}

int main(void) {
  struct table t = {calloc(8, sizeof(char *)), calloc(8, sizeof(int32_t)), 8, 0, 0};
  char key[32];
  for (int i = 0; i < 100000; ++i) {
    snprintf(key, sizeof key, "key-%d-%x", i, i * 2654435761u);
    put(&t, key, i);
  }
  printf("after inserts: live %u capacity %u\n", t.live, t.capacity);
  int erased = 0;
  for (int i = 0; i < 100000; i += 3) {
    snprintf(key, sizeof key, "key-%d-%x", i, i * 2654435761u);
    erased += erase(&t, key);
  }
  printf("erased %d, live %u, erase again %d\n", erased, t.live, erase(&t, "key-0-0"));
  int64_t sum = 0;
  int missing = 0;
  for (int i = 0; i < 100000; ++i) {
    snprintf(key, sizeof key, "key-%d-%x", i, i * 2654435761u);
    uint32_t at = find(&t, key);
    if (at == UINT32_MAX) ++missing; else sum += t.values[at];
  }
  printf("lookups: sum %lld missing %d\n", (long long)sum, missing);
  const char *text = "the cat and the hat and the bat sat on the mat with a cat";
  struct table words = {calloc(8, sizeof(char *)), calloc(8, sizeof(int32_t)), 8, 0, 0};
  char copy[128];
  strcpy(copy, text);
  for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
    uint32_t at = find(&words, w);
    put(&words, w, at == UINT32_MAX ? 1 : words.values[at] + 1);
  }
  const char *probe[] = {"the", "cat", "and", "mat", "dog"};
  for (int i = 0; i < 5; ++i) {
    uint32_t at = find(&words, probe[i]);
    printf("%s: %d\n", probe[i], at == UINT32_MAX ? 0 : words.values[at]);
  }
  return 0;
}
