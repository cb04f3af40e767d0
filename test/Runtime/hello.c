// The start-up path: _start, argc/argv/envp, host streams, and the exit
// status wacc_main returns.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: sh -c '%t.x86_64 one two; echo "exit=$?"' 2>%t.x86_64.err | %FileCheck %s
// RUN: %FileCheck --check-prefix=ERR %s < %t.x86_64.err
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 one two; echo "exit=$?"' 2>%t.aarch64.err | %FileCheck %s %}
// RUN: %FileCheck --check-prefix=ERR %s < %t.aarch64.err

#include "TestSupport.h"

// CHECK: hello from wacc_main
// CHECK-NEXT: argc=3
// CHECK-NEXT: argv[1]=one
// CHECK-NEXT: argv[2]=two
// CHECK-NEXT: argv[3] is null
// CHECK-NEXT: envp ok
// CHECK-NEXT: exit=7
// ERR: to stderr

int32_t wacc_main(void) {
  test_print("hello from wacc_main\n");
  test_print_u64("argc=", (uint64_t)wacc_rt_argc());
  const char* const* argv = wacc_rt_argv();
  test_print("argv[1]=");
  test_print(argv[1]);
  test_print("\nargv[2]=");
  test_print(argv[2]);
  test_print("\n");
  if (argv[3] == 0) test_print("argv[3] is null\n");
  // envp follows argv's terminating null.
  if (wacc_rt_envp() == argv + wacc_rt_argc() + 1) test_print("envp ok\n");

  uint64_t results[3];
  wacc_host_wasi_cli_stderr_get_stderr(results);
  uint32_t err = (uint32_t)results[0];
  wacc_host_wasi_io_streams_method_output_stream_blocking_write_and_flush(err, "to stderr\n", 10,
                                                                          results);
  wacc_host_wasi_io_streams_resource_drop_output_stream(err);
  return 7;
}
