// wasi:cli/std{in,out,err} and wasi:io/streams output-stream: writes of any
// size, check-write, flushes, and the two stream errors: a failed write
// (closed descriptor, with a wasi:io/error describing errno) and a closed
// stream (EPIPE, which must not kill the process with SIGPIPE).
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: %t.x86_64 | %FileCheck %s
// RUN: %t.x86_64 big | wc -c | %FileCheck --check-prefix=BIG %s
// RUN: sh -c '%t.x86_64 ebadf 1>&-; echo "exit=$?" >&2' 2>&1 | %FileCheck --check-prefix=EBADF %s
// RUN: python3 %S/Inputs/broken-pipe.py %t.x86_64 epipe 2>&1 | %FileCheck --check-prefix=EPIPE %s
// RUN: sh -c '%t.x86_64 double-drop; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s
// RUN: sh -c '%t.x86_64 wrong-kind; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 big | wc -c | %FileCheck --check-prefix=BIG %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 ebadf 1>&-; echo "exit=$?" >&2' 2>&1 | %FileCheck --check-prefix=EBADF %s %}
// RUN: %if qemu-aarch64 %{ python3 %S/Inputs/broken-pipe.py %run-aarch64 %t.aarch64 epipe 2>&1 | %FileCheck --check-prefix=EPIPE %s %}

#include "TestArgs.h"
#include "TestSupport.h"

// CHECK: check-write ok=0 permit=1048576
// CHECK-NEXT: hello, stream
// CHECK-NEXT: write ok=0
// CHECK-NEXT: flush ok=0
// CHECK-NEXT: blocking-flush ok=0
// CHECK-NEXT: stdin dropped
// BIG: {{^ *}}100000{{$}}
// EBADF: write err=1 case=0
// EBADF-NEXT: error: Bad file descriptor (errno 9)
// EBADF-NEXT: exit=0
// EPIPE: write err=1 case=1
// EPIPE-NEXT: check-write err=1 case=1
// EPIPE-NEXT: flush err=1 case=1
// EPIPE-NEXT: survived
// INVALID: {{^}}wasm trap: invalid resource handle{{$}}
// INVALID-NEXT: {{^}}exit=134{{$}}

static uint32_t get_stdout(void) {
  uint64_t results[1];
  wacc_host_wasi_cli_stdout_get_stdout(results);
  return (uint32_t)results[0];
}

static void print_result(void (*print)(const char*), const char* what, const uint64_t* results) {
  char text[64];
  uint32_t n = 0;
  while (*what) text[n++] = *what++;
  const char* tail = results[0] == 0 ? " ok=0\n" : results[1] == 0 ? " err=1 case=0\n" : " err=1 case=1\n";
  while (*tail) text[n++] = *tail++;
  text[n] = 0;
  print(text);
}

static void write_big(void) {
  static char bytes[100000];
  for (uint32_t i = 0; i < sizeof bytes; ++i) bytes[i] = 'x';
  uint64_t results[3];
  uint32_t out = get_stdout();
  wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(out, bytes, sizeof bytes,
                                                                          results);
}

static void write_to_bad_descriptor(void) {
  uint64_t results[3];
  uint32_t out = get_stdout();
  wacc_host_wasi_io_streams_method_output_stream_write(out, "lost\n", 5, results);
  print_result(test_eprint, "write", results);
  if (results[0] == 1 && results[1] == 0) {
    uint32_t error = (uint32_t)results[2];
    wacc_host_wasi_io_error_method_error_to_debug_string(error, results);
    char text[80] = "error: ";
    uint32_t n = 7;
    for (uint64_t i = 0; i < results[1] && n < 78; ++i) text[n++] = ((const char*)results[0])[i];
    text[n++] = '\n';
    text[n] = 0;
    test_eprint(text);
    wacc_host_wasi_io_error_resource_drop_error(error);
  }
  wacc_host_wasi_io_streams_resource_drop_output_stream(out);
}

static void write_to_broken_pipe(void) {
  uint64_t results[3];
  uint32_t out = get_stdout();
  wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(out, "lost\n", 5, results);
  print_result(test_eprint, "write", results);
  wacc_host_wasi_io_streams_method_output_stream_check_write(out, results);
  print_result(test_eprint, "check-write", results);
  wacc_host_wasi_io_streams_method_output_stream_flush(out, results);
  print_result(test_eprint, "flush", results);
  test_eprint("survived\n");
}

int32_t wacc_main(void) {
  if (test_case("big")) {
    write_big();
    return 0;
  }
  if (test_case("ebadf")) {
    write_to_bad_descriptor();
    return 0;
  }
  if (test_case("epipe")) {
    write_to_broken_pipe();
    return 0;
  }
  if (test_case("double-drop")) {
    uint32_t out = get_stdout();
    wacc_host_wasi_io_streams_resource_drop_output_stream(out);
    wacc_host_wasi_io_streams_resource_drop_output_stream(out);
  }
  if (test_case("wrong-kind")) wacc_host_wasi_io_error_resource_drop_error(get_stdout());

  uint64_t results[3];
  uint32_t out = get_stdout();
  wacc_host_wasi_io_streams_method_output_stream_check_write(out, results);
  test_print_u64(results[0] == 0 ? "check-write ok=0 permit=" : "check-write failed ", results[1]);
  wacc_host_wasi_io_streams_method_output_stream_write(out, "hello, stream\n", 14, results);
  print_result(test_print, "write", results);
  wacc_host_wasi_io_streams_method_output_stream_flush(out, results);
  print_result(test_print, "flush", results);
  wacc_host_wasi_io_streams_method_output_stream_blocking_flush(out, results);
  print_result(test_print, "blocking-flush", results);
  wacc_host_wasi_io_streams_resource_drop_output_stream(out);

  wacc_host_wasi_cli_stdin_get_stdin(results);
  wacc_host_wasi_io_streams_resource_drop_input_stream((uint32_t)results[0]);
  test_print("stdin dropped\n");
  return 0;
}
