// Recursion: naive Fibonacci, Ackermann, mutual recursion, Towers of Hanoi
// and a recursive permutation generator (moderate depths: the wasm stack
// lives in linear memory and is small by default).
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static uint32_t ack(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
static int is_odd(uint32_t n);
static int is_even(uint32_t n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(uint32_t n) { return n == 0 ? 0 : is_even(n - 1); }
static uint64_t moves;
static void hanoi(int n, int from, int to, int via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  ++moves;
  if (n >= 18) printf("move disk %d from %d to %d\n", n, from, to);
  hanoi(n - 1, via, to, from);
}
static int perms;
static void permute(char *s, int k, int n) {
  if (k == n) {
    if (perms++ % 97 == 0) printf("%s\n", s);
    return;
  }
  for (int i = k; i < n; ++i) {
    char t = s[k]; s[k] = s[i]; s[i] = t;
    permute(s, k + 1, n);
    t = s[k]; s[k] = s[i]; s[i] = t;
  }
}
static uint32_t depth(uint32_t n, volatile char *above) {
  volatile char frame[64];
  frame[0] = (char)n;
  if (n == 0) return (uint32_t)(above != 0);
  return depth(n - 1, frame) + (uint32_t)frame[0] % 2;
}

int main(void) {
  printf("fib(27) = %u\n", fib(27));
  printf("ack(2,300) = %u ack(3,6) = %u\n", ack(2, 300), ack(3, 6));
  printf("is_even(1001) = %d is_odd(777) = %d\n", is_even(1001), is_odd(777));
  hanoi(20, 1, 3, 2);
  printf("hanoi moves %llu\n", (unsigned long long)moves);
  char s[] = "abcdefg";
  permute(s, 0, 7);
  printf("permutations %d\n", perms);
  printf("depth %u\n", depth(400, 0));
  return 0;
}
