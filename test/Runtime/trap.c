// wacc_rt_trap: message text on stderr and exit status 134.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: sh -c '%t.x86_64 divide; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=DIVIDE %s
// RUN: sh -c '%t.x86_64 unreachable; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=UNREACHABLE %s
// RUN: sh -c '%t.x86_64 borrowed; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BORROWED %s
// RUN: sh -c '%t.x86_64 bogus; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BOGUS %s
// RUN: sh -c '%t.x86_64 exit-err; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=EXIT-ERR %s
// RUN: sh -c '%t.x86_64 exit-ok; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=EXIT-OK %s
// RUN: sh -c '%t.x86_64 rt-exit; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=RT-EXIT %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 divide; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=DIVIDE %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 unreachable; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=UNREACHABLE %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 exit-err; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=EXIT-ERR %s %}

#include "TestArgs.h"
#include "TestSupport.h"

// DIVIDE: {{^}}wasm trap: integer divide by zero, in function compute{{$}}
// DIVIDE-NEXT: {{^}}exit=134{{$}}
// UNREACHABLE: {{^}}wasm trap: unreachable{{$}}
// UNREACHABLE-NEXT: {{^}}exit=134{{$}}
// BORROWED: {{^}}wasm trap: resource has outstanding borrows, in function f{{$}}
// BOGUS: {{^}}wasm trap: unknown trap{{$}}
// EXIT-ERR: {{^}}exit=1{{$}}
// EXIT-OK: {{^}}exit=0{{$}}
// RT-EXIT: {{^}}exit=42{{$}}

int32_t wacc_main(void) {
  if (test_case("divide")) wacc_rt_trap(WACC_TRAP_INT_DIVIDE_BY_ZERO, "compute");
  if (test_case("unreachable")) wacc_rt_trap(WACC_TRAP_UNREACHABLE, 0);
  if (test_case("borrowed")) wacc_rt_trap(WACC_TRAP_RESOURCE_BORROWED, "f");
  if (test_case("bogus")) wacc_rt_trap(1000, 0);
  if (test_case("exit-err")) wacc_host_wasi_cli_exit_exit(1);
  if (test_case("exit-ok")) wacc_host_wasi_cli_exit_exit(0);
  if (test_case("rt-exit")) wacc_rt_exit(42);
  return 99;
}
