// Clocks: the monotonic clock never goes back and advances across a busy
// loop, the realtime clock is after 2020, time() agrees with it, and
// clock_getres is sane. Only booleans are printed.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static int64_t nanos(clockid_t id) {
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) return -1;
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(void) {
  int64_t first = nanos(CLOCK_MONOTONIC), previous = first;
  int monotonic = first >= 0;
  for (int i = 0; i < 10000; ++i) {
    int64_t now = nanos(CLOCK_MONOTONIC);
    if (now < previous) monotonic = 0;
    previous = now;
  }
  volatile uint32_t spin = 0;
  for (uint32_t i = 0; i < 20000000; ++i) spin += i;
  int64_t last = nanos(CLOCK_MONOTONIC);
  printf("monotonic never decreases: %d\n", monotonic);
  printf("monotonic advanced: %d\n", last > first);
  printf("busy loop took under 60s: %d\n", last - first < 60LL * 1000000000);
  int64_t real = nanos(CLOCK_REALTIME);
  printf("realtime after 2020: %d\n", real > 1577836800LL * 1000000000);
  printf("realtime before 2200: %d\n", real < 7258118400LL * 1000000000);
  time_t t = time(NULL);
  printf("time() within 5s of realtime: %d\n", t - real / 1000000000 <= 5 && real / 1000000000 - t <= 5);
  struct timespec res;
  int ok = clock_getres(CLOCK_MONOTONIC, &res) == 0;
  printf("monotonic resolution at most 1ms: %d\n", ok && res.tv_sec == 0 && res.tv_nsec <= 1000000);
  struct timespec nap = {0, 2000000};
  int64_t before = nanos(CLOCK_MONOTONIC);
  int slept = nanosleep(&nap, NULL) == 0;
  printf("nanosleep 2ms ok: %d waited: %d\n", slept, nanos(CLOCK_MONOTONIC) - before >= 2000000);
  return 0;
}
