;; Guard-page mode (the default) computes base + zext(addr) + offset with no
;; check and loads the base with !invariant.load; --bounds-checks compares the
;; access's end against the current size. Either way an out-of-bounds access
;; traps at run time.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=GUARD < %t.ll
;; RUN: %wacc --emit=llvm -O0 --bounds-checks %t.wasm -o %t-checked.ll
;; RUN: %FileCheck %s --check-prefix=CHECKED < %t-checked.ll
;; RUN: %wacc %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.out
;; RUN: %wacc --bounds-checks %t.wasm -o %t-checked
;; RUN: not %t-checked > %t-checked.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t-checked.out

;; GUARD-LABEL: define internal i32 @{{.*}}load(i32 %0)
;; GUARD: %[[ADDR:.*]] = zext i32 %{{.*}} to i64
;; GUARD: add i64 %[[ADDR]], 4
;; GUARD-NOT: wacc_rt_trap
;; GUARD: load ptr, ptr @{{.*}}memory0, align 8, !invariant.load
;; GUARD: load i32, ptr %{{.*}}, align 1
;; GUARD-NOT: wacc_rt_trap
;; GUARD: ret i32

;; CHECKED-LABEL: define internal i32 @{{.*}}load(i32 %0)
;; CHECKED: add i64 %{{.*}}, 4
;; CHECKED: shl i64 %{{.*}}, 16
;; CHECKED: icmp ugt i64
;; CHECKED: load i32, ptr %{{.*}}, align 1
;; CHECKED: call void @wacc_rt_trap(i32 4,

;; TRAP: wasm trap: out of bounds memory access
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func $load (param i32) (result i32) (i32.load offset=4 (local.get 0)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; 65533 + 4 + 4 bytes ends past the single page.
    (call $load (i32.const 65533))))
