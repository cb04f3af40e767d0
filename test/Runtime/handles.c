// Canonical ABI handle tables: index 0 is never used, freed indices are
// reused, tables grow, and misuse traps with "invalid resource handle".
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: %t.x86_64 | %FileCheck %s
// RUN: sh -c '%t.x86_64 wrong-type; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s
// RUN: sh -c '%t.x86_64 dead; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s
// RUN: sh -c '%t.x86_64 zero; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s
// RUN: sh -c '%t.x86_64 out-of-range; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s
// RUN: sh -c '%t.x86_64 take-borrow; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s
// RUN: sh -c '%t.x86_64 drop-lent; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=BORROWED %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
// RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 dead; echo "exit=$?"' 2>&1 | %FileCheck --check-prefix=INVALID %s %}

#include "TestArgs.h"
#include "TestSupport.h"

// CHECK: first=1
// CHECK-NEXT: second=2
// CHECK-NEXT: rep=100
// CHECK-NEXT: drop own=1
// CHECK-NEXT: rep=100
// CHECK-NEXT: reused=1
// CHECK-NEXT: borrow drop own=0
// CHECK-NEXT: rep=7
// CHECK-NEXT: take_own rep=200
// CHECK-NEXT: many ok
// CHECK-NEXT: lend ok
// INVALID: {{^}}wasm trap: invalid resource handle{{$}}
// INVALID-NEXT: {{^}}exit=134{{$}}
// BORROWED: {{^}}wasm trap: resource has outstanding borrows{{$}}

static struct wacc_handle_table table;  // zeroed: a valid empty table

static void run_misuse_cases(void) {
  uint32_t h = wacc_rt_handle_new(&table, 1, 5, 1);
  uint32_t b = wacc_rt_handle_new(&table, 1, 6, 0);
  if (test_case("wrong-type")) wacc_rt_handle_rep(&table, h, 2);
  if (test_case("dead")) {
    uint32_t rep;
    wacc_rt_handle_drop(&table, h, 1, &rep);
    wacc_rt_handle_rep(&table, h, 1);
  }
  if (test_case("zero")) wacc_rt_handle_rep(&table, 0, 1);
  if (test_case("out-of-range")) wacc_rt_handle_rep(&table, 1000000, 1);
  if (test_case("take-borrow")) wacc_rt_handle_take_own(&table, b, 1);
  if (test_case("drop-lent")) {
    uint32_t rep;
    wacc_rt_handle_lend(&table, h, 1);
    wacc_rt_handle_drop(&table, h, 1, &rep);
  }
}

int32_t wacc_main(void) {
  if (wacc_rt_argc() > 1) {
    run_misuse_cases();
    return 0;
  }
  uint32_t first = wacc_rt_handle_new(&table, 1, 100, 1);
  uint32_t second = wacc_rt_handle_new(&table, 2, 200, 1);
  test_print_u64("first=", first);
  test_print_u64("second=", second);
  test_print_u64("rep=", wacc_rt_handle_rep(&table, first, 1));
  uint32_t rep = 0;
  uint32_t own = wacc_rt_handle_drop(&table, first, 1, &rep);
  test_print_u64("drop own=", own);
  test_print_u64("rep=", rep);
  uint32_t reused = wacc_rt_handle_new(&table, 3, 7, 0);
  test_print_u64("reused=", reused);
  own = wacc_rt_handle_drop(&table, reused, 3, &rep);
  test_print_u64("borrow drop own=", own);
  test_print_u64("rep=", rep);
  test_print_u64("take_own rep=", wacc_rt_handle_take_own(&table, second, 2));

  // Enough handles to grow the table several times; all stay correct.
  enum { kCount = 5000 };
  static uint32_t handles[kCount];
  int ok = 1;
  for (uint32_t i = 0; i < kCount; ++i) {
    handles[i] = wacc_rt_handle_new(&table, 9, i * 3, 1);
    if (handles[i] == 0) ok = 0;
  }
  for (uint32_t i = 0; i < kCount; ++i) {
    if (wacc_rt_handle_rep(&table, handles[i], 9) != i * 3) ok = 0;
  }
  for (uint32_t i = 0; i < kCount; i += 2) wacc_rt_handle_take_own(&table, handles[i], 9);
  for (uint32_t i = 1; i < kCount; i += 2) {
    if (wacc_rt_handle_rep(&table, handles[i], 9) != i * 3) ok = 0;
  }
  if (ok) test_print("many ok\n");

  uint32_t lent = wacc_rt_handle_new(&table, 4, 44, 1);
  if (wacc_rt_handle_lend(&table, lent, 4) == 44) {
    wacc_rt_handle_end_lend(&table, lent, 4);
    if (wacc_rt_handle_take_own(&table, lent, 4) == 44) test_print("lend ok\n");
  }
  return 0;
}
