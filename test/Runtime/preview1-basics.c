// WASI preview1 host functions called directly over a fake linear memory:
// stdio writes, args and environ, clocks, random, proc_*, poll_oneoff with
// clocks, stdio fdstat/filestat, and EFAULT for ranges outside the memory.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: env -i PASSED=through %t.x86_64 one "two words" | %FileCheck %s
// RUN: sh -c '%t.x86_64 exit7; echo "exit=$?"' | %FileCheck --check-prefix=EXIT7 %s
// RUN: sh -c '%t.x86_64 exit200; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=EXIT200 %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ env -i PASSED=through %run-aarch64 %t.aarch64 one "two words" | %FileCheck %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 exit7; echo "exit=$?"' | %FileCheck --check-prefix=EXIT7 %s %}

#include "Preview1Test.h"
#include "TestArgs.h"

static const struct wacc_env_entry kEnv[] = {{"GREETING", "hi there"}, {"PASSED", 0}, {"UNSET", 0}};
const struct wacc_capabilities wacc_capabilities = {0, 3, 0, kEnv, 0, 0};

// EXIT7: exit=7
// EXIT200: Error: exit with invalid exit status outside of [0..126): 200
// EXIT200-NEXT: exit=1

// CHECK: hello from preview1
// CHECK-NEXT: fd_write 0
// CHECK-NEXT: nwritten 20
// CHECK-NEXT: empty iovecs 0
// CHECK-NEXT: written 0
// CHECK-NEXT: iovs out of bounds 21
// CHECK-NEXT: buffer out of bounds 21
// CHECK-NEXT: nwritten out of bounds 21
// CHECK-NEXT: fd_write to stdin 8
// CHECK-NEXT: fd_write to fd 99 8
// CHECK-NEXT: fd_pwrite to stdout 70
static void stdio(void) {
  uint32_t text = 1024;
  uint32_t length = put_string(text, "hello from preview1\n");
  put_iovec(0, text, 0);  // empty buffers are skipped
  put_iovec(8, text, length);
  show("fd_write", wacc_p1_fd_write(1, 0, 2, 64));
  show("nwritten", load_u32(64));
  put_iovec(0, text, 0);
  store_u32(64, 77);
  uint32_t error = wacc_p1_fd_write(1, 0, 1, 64);
  test_print_u64("empty iovecs ", error);
  show("written", load_u32(64));
  show("iovs out of bounds", wacc_p1_fd_write(1, GUEST_SIZE - 4, 1, 64));
  put_iovec(0, GUEST_SIZE - 2, 3);
  show("buffer out of bounds", wacc_p1_fd_write(1, 0, 1, 64));
  put_iovec(0, text, 0);
  show("nwritten out of bounds", wacc_p1_fd_write(1, 0, 1, GUEST_SIZE - 3));
  put_iovec(0, text, length);
  show("fd_write to stdin", wacc_p1_fd_write(0, 0, 1, 64));
  show("fd_write to fd 99", wacc_p1_fd_write(99, 0, 1, 64));
  show("fd_pwrite to stdout", wacc_p1_fd_pwrite(1, 0, 1, 0, 64));
}

// CHECK-NEXT: args_sizes_get 0
// CHECK-NEXT: argc 3
// CHECK-NEXT: args_get 0
// CHECK-NEXT: argv[1] [one0]
// CHECK-NEXT: argv[2] [two words0]
// CHECK-NEXT: environ_sizes_get 0
// CHECK-NEXT: count 2
// CHECK-NEXT: size 33
// CHECK-NEXT: environ_get 0
// CHECK-NEXT: environ[0] [GREETING=hi there0]
// CHECK-NEXT: environ[1] [PASSED=through0]
// CHECK-NEXT: args_get out of bounds 21
// CHECK-NEXT: environ_sizes_get out of bounds 21
static void args_and_environ(void) {
  show("args_sizes_get", wacc_p1_args_sizes_get(0, 4));
  uint32_t argc = load_u32(0);
  show("argc", argc);
  show("args_get", wacc_p1_args_get(16, 256));
  // argv[0] is the program's path, which differs between runs.
  uint32_t end = 256 + load_u32(4);
  show_bytes("argv[1]", load_u32(20), load_u32(24) - load_u32(20));
  show_bytes("argv[2]", load_u32(24), end - load_u32(24));
  show("environ_sizes_get", wacc_p1_environ_sizes_get(0, 4));
  show("count", load_u32(0));
  show("size", load_u32(4));
  uint32_t size = load_u32(4);
  show("environ_get", wacc_p1_environ_get(16, 512));
  show_bytes("environ[0]", load_u32(16), load_u32(20) - load_u32(16));
  show_bytes("environ[1]", load_u32(20), 512 + size - load_u32(20));
  show("args_get out of bounds", wacc_p1_args_get(16, GUEST_SIZE - 8));
  show("environ_sizes_get out of bounds", wacc_p1_environ_sizes_get(0, GUEST_SIZE));
}

// CHECK-NEXT: realtime 0
// CHECK-NEXT: after 2020: 1
// CHECK-NEXT: monotonic 0
// CHECK-NEXT: {{^}}0
// CHECK-NEXT: ordered: 1
// CHECK-NEXT: resolutions 0
// CHECK-NEXT: {{^}}0
// CHECK-NEXT: positive: 1
// CHECK-NEXT: process cputime 8
// CHECK-NEXT: {{^}}8
// CHECK-NEXT: thread cputime 8
// CHECK-NEXT: clock 4 28
// CHECK-NEXT: {{^}}28
// CHECK-NEXT: clock_time_get out of bounds 21
static void clocks(void) {
  uint32_t status = wacc_p1_clock_time_get(0, 0, 8);
  test_print_u64("realtime ", status);
  show("after 2020:", load_u64(8) > 1577836800ull * 1000000000ull);
  uint32_t first = wacc_p1_clock_time_get(1, 0, 8);
  uint32_t second = wacc_p1_clock_time_get(1, 0, 16);
  test_print_u64("monotonic ", first);
  test_print_u64("", second);
  show("ordered:", load_u64(16) >= load_u64(8));
  uint32_t a = wacc_p1_clock_res_get(0, 8);
  uint32_t b = wacc_p1_clock_res_get(1, 16);
  test_print_u64("resolutions ", a);
  test_print_u64("", b);
  show("positive:", load_u64(8) > 0 && load_u64(16) > 0);
  test_print_u64("process cputime ", wacc_p1_clock_time_get(2, 0, 8));
  test_print_u64("", wacc_p1_clock_res_get(2, 8));
  show("thread cputime", wacc_p1_clock_time_get(3, 0, 8));
  test_print_u64("clock 4 ", wacc_p1_clock_time_get(4, 0, 8));
  test_print_u64("", wacc_p1_clock_res_get(4, 8));
  show("clock_time_get out of bounds", wacc_p1_clock_time_get(1, 0, GUEST_SIZE - 7));
}

// CHECK-NEXT: random_get 0
// CHECK-NEXT: random bytes vary: 1
// CHECK-NEXT: random_get empty at the end 0
// CHECK-NEXT: random_get out of bounds 21
// CHECK-NEXT: proc_raise 58
// CHECK-NEXT: proc_raise 31 28
// CHECK-NEXT: sched_yield 0
static void random_and_proc(void) {
  for (int i = 0; i < 64; ++i) guest[4096 + i] = 0;
  show("random_get", wacc_p1_random_get(4096, 64));
  int nonzero = 0;
  for (int i = 0; i < 64; ++i) nonzero += guest[4096 + i] != 0;
  show("random bytes vary:", nonzero > 8);
  show("random_get empty at the end", wacc_p1_random_get(GUEST_SIZE, 0));
  show("random_get out of bounds", wacc_p1_random_get(GUEST_SIZE - 10, 11));
  show("proc_raise", wacc_p1_proc_raise(6));
  show("proc_raise 31", wacc_p1_proc_raise(31));
  show("sched_yield", wacc_p1_sched_yield());
}

// A subscription record (48 bytes) at `at`.
static void clock_subscription(uint32_t at, uint64_t userdata, uint32_t id, uint64_t timeout,
                               uint16_t flags) {
  for (int i = 0; i < 48; ++i) guest[at + i] = 0;
  store_u64(at, userdata);
  guest[at + 8] = 0;  // clock
  store_u32(at + 16, id);
  store_u64(at + 24, timeout);
  __builtin_memcpy(guest + at + 40, &flags, 2);
}

static void fd_subscription(uint32_t at, uint64_t userdata, uint8_t type, uint32_t fd) {
  for (int i = 0; i < 48; ++i) guest[at + i] = 0;
  store_u64(at, userdata);
  guest[at + 8] = type;
  store_u32(at + 16, fd);
}

static void show_event(uint32_t at) {
  test_print_u64("  userdata ", load_u64(at));
  test_print_u64("  error ", guest[at + 8] | guest[at + 9] << 8);
  test_print_u64("  type ", guest[at + 10]);
}

// CHECK-NEXT: sleep 0
// CHECK-NEXT: events 1
// CHECK-NEXT: slept: 1
// CHECK-NEXT:   userdata 42
// CHECK-NEXT:   error 0
// CHECK-NEXT:   type 0
// CHECK-NEXT: absolute monotonic 0
// CHECK-NEXT: events 1
// CHECK-NEXT:   userdata 7
// CHECK-NEXT: clock and stdout 0
// CHECK-NEXT: events 1
// CHECK-NEXT:   userdata 2
// CHECK-NEXT:   error 0
// CHECK-NEXT:   type 2
// CHECK-NEXT: realtime deadline in the past 0
// CHECK-NEXT: events 1
// CHECK-NEXT: no subscriptions 28
// CHECK-NEXT: cputime clock 28
// CHECK-NEXT: fd 99 8
// CHECK-NEXT: read from stdout 8
// CHECK-NEXT: events out of bounds 21
static void poll(void) {
  uint32_t in = 2048, out = 4096;
  uint64_t before;
  wacc_p1_clock_time_get(1, 0, 8);
  before = load_u64(8);
  clock_subscription(in, 42, 1, 2000000, 0);
  uint32_t status = wacc_p1_poll_oneoff(in, out, 1, 0);
  wacc_p1_clock_time_get(1, 0, 8);
  test_print_u64("sleep ", status);
  test_print_u64("events ", load_u32(0));
  show("slept:", load_u64(8) - before >= 2000000);
  show_event(out);

  wacc_p1_clock_time_get(1, 0, 8);
  clock_subscription(in, 7, 1, load_u64(8) + 1000000, 1);
  test_print_u64("absolute monotonic ", wacc_p1_poll_oneoff(in, out, 1, 0));
  show("events", load_u32(0));
  test_print_u64("  userdata ", load_u64(out));

  clock_subscription(in, 1, 1, 10000000000ull, 0);
  fd_subscription(in + 48, 2, 2, 1);
  test_print_u64("clock and stdout ", wacc_p1_poll_oneoff(in, out, 2, 0));
  show("events", load_u32(0));
  show_event(out);

  clock_subscription(in, 3, 0, 1000000000ull, 1);  // realtime, 1970 + 1 s
  fd_subscription(in + 48, 4, 1, 0);
  test_print_u64("realtime deadline in the past ", wacc_p1_poll_oneoff(in, out, 1, 0));
  show("events", load_u32(0));

  show("no subscriptions", wacc_p1_poll_oneoff(in, out, 0, 0));
  clock_subscription(in, 1, 2, 1000, 1);
  fd_subscription(in + 48, 2, 2, 1);
  show("cputime clock", wacc_p1_poll_oneoff(in, out, 2, 0));
  fd_subscription(in, 1, 1, 99);
  fd_subscription(in + 48, 2, 2, 1);
  show("fd 99", wacc_p1_poll_oneoff(in, out, 2, 0));
  fd_subscription(in, 1, 1, 1);
  show("read from stdout", wacc_p1_poll_oneoff(in, out, 2, 0));
  fd_subscription(in, 1, 2, 1);
  show("events out of bounds", wacc_p1_poll_oneoff(in, GUEST_SIZE - 40, 2, 0));
}

// CHECK-NEXT: fdstat stdout 0
// CHECK-NEXT: filetype 0
// CHECK-NEXT: flags 0
// CHECK-NEXT: rights 64
// CHECK-NEXT: {{^}}64
// CHECK-NEXT: fdstat stdin rights 2
// CHECK-NEXT: filestat stdout 0
// CHECK-NEXT: dev 0
// CHECK-NEXT: ino 0
// CHECK-NEXT: size 0
// CHECK-NEXT: p0 filestat stdout 0
// CHECK-NEXT: fdstat_set_rights stdout 8
// CHECK-NEXT: fdstat_set_flags stdout 8
// CHECK-NEXT: seek stdout 70
// CHECK-NEXT: tell stdin 70
// CHECK-NEXT: seek fd 99 8
// CHECK-NEXT: fdstat out of bounds 21
// CHECK-NEXT: close stdin 0
// CHECK-NEXT: close stdin again 8
// CHECK-NEXT: read stdin 8
// CHECK-NEXT: renumber stdout to 2 0
// CHECK-NEXT: via fd 2
// CHECK-NEXT: write fd 1 8
static void stdio_descriptors(void) {
  // Run with stdout a pipe (FileCheck): not a terminal, so filetype unknown.
  for (int i = 0; i < 24; ++i) guest[64 + i] = 0xff;
  show("fdstat stdout", wacc_p1_fd_fdstat_get(1, 64));
  show("filetype", guest[64]);
  show("flags", guest[66] | guest[67] << 8);
  test_print_u64("rights ", load_u64(72));
  test_print_u64("", load_u64(80));
  wacc_p1_fd_fdstat_get(0, 64);
  show("fdstat stdin rights", load_u64(72));
  for (int i = 0; i < 64; ++i) guest[128 + i] = 0xff;
  show("filestat stdout", wacc_p1_fd_filestat_get(1, 128));
  test_print_u64("dev ", load_u64(128));
  test_print_u64("ino ", load_u64(136));
  show("size", load_u64(160));
  show("p0 filestat stdout", wacc_p0_fd_filestat_get(1, 128));
  show("fdstat_set_rights stdout", wacc_p1_fd_fdstat_set_rights(1, 0, 0));
  show("fdstat_set_flags stdout", wacc_p1_fd_fdstat_set_flags(1, 0));
  test_print_u64("seek stdout ", wacc_p1_fd_seek(1, 0, 0, 8));
  test_print_u64("tell stdin ", wacc_p1_fd_tell(0, 8));
  show("seek fd 99", wacc_p1_fd_seek(99, 0, 0, 8));
  show("fdstat out of bounds", wacc_p1_fd_fdstat_get(1, GUEST_SIZE - 23));
  show("close stdin", wacc_p1_fd_close(0));
  show("close stdin again", wacc_p1_fd_close(0));
  put_iovec(0, 1024, 16);
  show("read stdin", wacc_p1_fd_read(0, 0, 1, 64));
  show("renumber stdout to 2", wacc_p1_fd_renumber(1, 2));
  uint32_t length = put_string(1024, "via fd 2\n");
  put_iovec(0, 1024, length);
  wacc_p1_fd_write(2, 0, 1, 64);
  show("write fd 1", wacc_p1_fd_write(1, 0, 1, 64));
}

int32_t wacc_main(void) {
  p1_init();
  if (test_case("exit7")) wacc_p1_proc_exit(7);
  if (test_case("exit200")) wacc_p1_proc_exit(200);
  stdio();
  args_and_environ();
  clocks();
  random_and_proc();
  poll();
  stdio_descriptors();
  return 0;
}
