// C11 atomics compiled with -matomics (the threads proposal's atomic
// instructions on an unshared memory, as a single-threaded program built
// with atomics enabled has them): every width and operation, on static
// data and on the heap, a spinlock, and fences, against the native build.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm -matomics -mbulk-memory
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
// RUN: %c-module %s %t.module.wasm -matomics -mbulk-memory
// RUN: %wacc -O0 %t.module.wasm -o %t.module.x86_64
// RUN: %diff-run -- %t.native -- %t.module.x86_64
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static _Atomic uint8_t u8 = 250;
static _Atomic uint16_t u16 = 65530;
static _Atomic uint32_t u32;
static _Atomic uint64_t u64 = 0xfffffffffffffff0ull;
static atomic_flag lock = ATOMIC_FLAG_INIT;

int main(void) {
  // Wrapping read-modify-writes of each width; each returns the old value.
  unsigned long long sum = 0;
  for (int i = 0; i < 20; ++i) {
    sum += atomic_fetch_add(&u8, 1);
    sum += atomic_fetch_add(&u16, 1);
    sum += atomic_fetch_sub(&u32, 3);
    sum += atomic_fetch_add(&u64, 1) & 0xff;
  }
  printf("add/sub: %u %u %u %llx %llu\n", (unsigned)u8, (unsigned)u16, (unsigned)u32, (unsigned long long)u64, sum);

  printf("and/or/xor: %x %x %x\n", (unsigned)atomic_fetch_and(&u16, 0x0ff0), (unsigned)atomic_fetch_or(&u8, 0x80),
         (unsigned)atomic_fetch_xor(&u32, 0xffffffffu));
  printf("after: %x %x %x\n", (unsigned)u16, (unsigned)u8, (unsigned)u32);

  // Compare-exchange: a miss reports the current value, a hit stores.
  uint64_t expected = 1;
  int hit = atomic_compare_exchange_strong(&u64, &expected, 42);
  printf("cas miss: %d %llx\n", hit, (unsigned long long)expected);
  hit = atomic_compare_exchange_strong(&u64, &expected, 42);
  printf("cas hit: %d %llu\n", hit, (unsigned long long)atomic_load(&u64));
  uint8_t small = 0x8a;
  hit = atomic_compare_exchange_weak(&u8, &small, 0x11);
  printf("cas8: %d %x\n", hit, (unsigned)atomic_exchange(&u8, 0x22));

  // Atomics on the heap, at addresses malloc chooses.
  size_t n = 1000;
  _Atomic uint32_t* counts = calloc(n, sizeof *counts);
  _Atomic uint16_t* halves = calloc(n, sizeof *halves);
  for (size_t round = 0; round < 7; ++round)
    for (size_t i = 0; i < n; ++i) {
      atomic_fetch_add_explicit(&counts[i], (uint32_t)(i * round), memory_order_relaxed);
      atomic_store_explicit(&halves[(i * 7) % n], (uint16_t)(i + round), memory_order_release);
    }
  unsigned long long total = 0;
  for (size_t i = 0; i < n; ++i)
    total += atomic_load_explicit(&counts[i], memory_order_acquire) ^ atomic_load(&halves[i]);
  printf("heap: %llu\n", total);
  free(counts);
  free(halves);

  // A spinlock around a critical section, and fences.
  int inside = 0;
  for (int i = 0; i < 100; ++i) {
    while (atomic_flag_test_and_set(&lock)) {
    }
    ++inside;
    atomic_thread_fence(memory_order_seq_cst);
    atomic_flag_clear(&lock);
  }
  atomic_signal_fence(memory_order_seq_cst);
  printf("lock: %d %d\n", inside, atomic_flag_test_and_set(&lock));
  return 0;
}
