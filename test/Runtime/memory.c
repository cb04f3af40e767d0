// Linear memory: reservation, growth up to the maximum, and out-of-bounds
// accesses (just past the accessible pages, and far into the guard region)
// turned into the "out of bounds memory access" trap by the fault handler.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: %t.x86_64 | %FileCheck %s
// RUN: sh -c '%t.x86_64 past-end; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=OOB %s
// RUN: sh -c '%t.x86_64 far; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=OOB %s
// RUN: sh -c '%t.x86_64 wild; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=WILD %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 past-end; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=OOB %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 far; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=OOB %s %}

#include "TestArgs.h"
#include "TestSupport.h"

// CHECK: pages=1
// CHECK-NEXT: zeroed=1
// CHECK-NEXT: grow 2 -> old 1
// CHECK-NEXT: write ok
// CHECK-NEXT: grow too far=4294967295
// CHECK-NEXT: grow 0 -> old 3
// CHECK-NEXT: grow to max -> old 3
// CHECK-NEXT: pages=4
// CHECK-NEXT: second memory pages=0
// CHECK-NEXT: second grow=0
// CHECK-NEXT: big memory grow=4294967295
// OOB: {{^}}wasm trap: out of bounds memory access, in function load_byte{{$}}
// OOB-NEXT: {{^}}exit=134{{$}}
// WILD: {{^}}wacc: fatal signal 11{{$}}
// WILD-NEXT: {{^}}exit=139{{$}}

static struct wacc_memory memory, second, big;

// The fault handler asks generated code to name the faulting function.
const char* wacc_function_name_at(uintptr_t pc) {
  (void)pc;
  return "load_byte";
}

int32_t wacc_main(void) {
  wacc_rt_memory_init(&memory, 1, 4);
  volatile uint8_t* base = memory.base;
  if (test_case("past-end")) return base[65536];
  if (test_case("far")) return base[(uint64_t)6 << 30];
  if (test_case("wild")) return *(volatile uint8_t*)16;

  test_print_u64("pages=", memory.pages);
  int zeroed = 1;
  for (uint32_t i = 0; i < 65536; ++i) zeroed &= base[i] == 0;
  test_print_u64("zeroed=", zeroed);
  test_print_u64("grow 2 -> old ", wacc_rt_memory_grow(&memory, 2));
  base[3 * 65536 - 1] = 42;
  if (base[3 * 65536 - 1] == 42 && base[3 * 65536 - 2] == 0) test_print("write ok\n");
  test_print_u64("grow too far=", wacc_rt_memory_grow(&memory, 2));
  test_print_u64("grow 0 -> old ", wacc_rt_memory_grow(&memory, 0));
  test_print_u64("grow to max -> old ", wacc_rt_memory_grow(&memory, 1));
  test_print_u64("pages=", memory.pages);

  wacc_rt_memory_init(&second, 0, 65536);
  test_print_u64("second memory pages=", second.pages);
  test_print_u64("second grow=", wacc_rt_memory_grow(&second, 16));
  second.base[16 * 65536 - 1] = 1;

  // An unbounded maximum is clamped to 4 GiB.
  wacc_rt_memory_init(&big, 0, 100000);
  test_print_u64("big memory grow=", wacc_rt_memory_grow(&big, 65537));
  return 0;
}
