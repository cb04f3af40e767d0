// Unbounded recursion runs into the guard page below the main stack; the
// fault handler (on its alternate stack) reports "call stack exhausted".
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: sh -c '%t.x86_64; echo "exit=$?"' 2>&1 | %FileCheck %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' 2>&1 | %FileCheck %s %}

#include "TestSupport.h"

#pragma clang diagnostic ignored "-Winfinite-recursion"

// CHECK: {{^}}wasm trap: call stack exhausted{{$}}
// CHECK-NEXT: {{^}}exit=134{{$}}

__attribute__((noinline)) static uint64_t recurse(volatile uint64_t* depth) {
  volatile char frame[256];
  frame[0] = (char)*depth;
  *depth += 1;
  return recurse(depth) + frame[0];
}

int32_t wacc_main(void) {
  volatile uint64_t depth = 0;
  return (int32_t)recurse(&depth);
}
