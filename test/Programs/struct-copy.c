// Structs by value: large structs passed and returned by value, assigned,
// nested arrays, unions, bit-fields and flexible array members.
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

struct vec3 { double x, y, z; };
struct big { int32_t id; char label[40]; struct vec3 points[8]; uint8_t flags; };
struct bits { uint32_t a : 3, b : 7, c : 1, d : 21; };
union word { uint32_t u; float f; uint8_t bytes[4]; };
struct message { uint16_t length; char text[]; };

static struct vec3 add(struct vec3 a, struct vec3 b) { return (struct vec3){a.x + b.x, a.y + b.y, a.z + b.z}; }
static struct big shifted(struct big b, double by) {
  for (int i = 0; i < 8; ++i) b.points[i] = add(b.points[i], (struct vec3){by, -by, by * 2});
  b.id += 1000;
  b.label[0] = 'S';
  return b;
}
static double sum(const struct big *b) {
  double s = 0;
  for (int i = 0; i < 8; ++i) s += b->points[i].x + b->points[i].y + b->points[i].z;
  return s;
}

int main(void) {
  struct big original = {.id = 7, .label = "original", .flags = 0x5a};
  for (int i = 0; i < 8; ++i) original.points[i] = (struct vec3){i, i * 0.5, -i};
  struct big copy = original;
  struct big moved = shifted(original, 1.25);
  printf("original %d %s %.3f\n", original.id, original.label, sum(&original));
  printf("copy equal: %d\n", memcmp(&copy, &original, sizeof copy) == 0);
  printf("moved %d %s %.3f flags %#x\n", moved.id, moved.label, sum(&moved), moved.flags);
  struct big array[3] = {original, moved, copy};
  array[2] = array[1];
  array[1].points[3].x = 99;
  printf("array: %.2f %.2f %.2f\n", array[0].points[3].x, array[1].points[3].x, array[2].points[3].x);

  struct bits b = {5, 100, 1, 1234567};
  b.b += 30;  // wraps within 7 bits
  b.a = b.a + 4;  // wraps within 3 bits
  printf("bits a=%u b=%u c=%u d=%u\n", b.a, b.b, b.c, b.d);
  union word w = {.f = -1.5f};
  printf("union u=%08x bytes=%02x %02x %02x %02x\n", w.u, w.bytes[0], w.bytes[1], w.bytes[2], w.bytes[3]);
  w.u = 0x40490fdb;
  printf("union f=%.6f\n", (double)w.f);

  const char *text = "flexible array member";
  struct message *m = malloc(sizeof *m + strlen(text) + 1);
  m->length = (uint16_t)strlen(text);
  memcpy(m->text, text, m->length + 1u);
  struct message header = *m;  // copies only the fixed part
  printf("message %u [%s] header length %u\n", m->length, m->text, header.length);
  free(m);
  struct { char c; int64_t i; char d; } padded = {'a', -5, 'b'};
  typeof(padded) other;
  memset(&other, 0, sizeof other);
  other = padded;
  printf("padded %c %lld %c\n", other.c, (long long)other.i, other.d);
  return 0;
}
