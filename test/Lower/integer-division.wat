;; Integer division traps exactly as the spec says: divide by zero for all
;; four, overflow for INT_MIN / -1 in div_s only; rem_s of INT_MIN % -1 is 0
;; (LLVM's srem would be undefined there, so -1 becomes 1).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %FileCheck %s < %t.ll

;; CHECK-LABEL: define internal i32 @{{.*}}div_s(i32 %0, i32 %1)
;; CHECK: icmp eq i32 %{{.*}}, 0
;; CHECK: icmp eq i32 %{{.*}}, -2147483648
;; CHECK: icmp eq i32 %{{.*}}, -1
;; CHECK: call void @wacc_rt_trap(i32 1,
;; CHECK: sdiv i32
;; CHECK: call void @wacc_rt_trap(i32 2,

;; CHECK-LABEL: define internal i32 @{{.*}}rem_s(i32 %0, i32 %1)
;; CHECK: icmp eq i32 %{{.*}}, 0
;; CHECK: select i1 %{{.*}}, i32 1, i32 %{{.*}}
;; CHECK: srem i32
;; CHECK: call void @wacc_rt_trap(i32 1,
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func $div_s (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $rem_s (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (i32.add (call $div_s (i32.const 7) (i32.const 2)) (call $rem_s (i32.const 7) (i32.const 2)))
    (drop)
    (i32.const 0)))
