;; A loop over a heap array: the pointer is a parameter, so nothing proves
;; `p + index` cannot wrap past 2^32. AddressWrapVersioningPass checks once
;; before the loop (in 64 bits) and runs a copy with no-wrap sums (named
;; .nowrap) when it holds; a pointer whose sums do wrap takes the original
;; loop and reads the low addresses it wraps to, as wasm says.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; CHECK: {{^}}fast ok{{$}}
;; CHECK-NEXT: {{^}}wrapped ok{{$}}
;; IR-LABEL: define internal {{.*}}@i1.sum_from(
;; IR: br i1 %{{[0-9]+}}, label %{{[.a-z]*}}nowrap{{[.a-z]*}}, label %loop.preheader
;; IR: loop.nowrap:
;; IR: ret i32
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "fast ok\nwrapped ok\n")
  ;; Called through the table so that it stays a function (the table is
  ;; exported, so its contents are not known at compile time).
  (type $sum (func (param i32 i32) (result i32)))
  (table (export "table") funcref (elem $sum_from))
  ;; The sum of n i32s at p + 32, p + 36, ... (sums in i32, wrapping).
  (func $sum_from (param $p i32) (param $n i32) (result i32) (local $k i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc)
        (i32.load (i32.add (local.get $p) (i32.add (i32.shl (local.get $k) (i32.const 2)) (i32.const 32))))))
      (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $i i32)
    ;; 1024 i32s at 4096: the values 0..1023.
    (loop $fill
      (i32.store offset=4096 (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024))))
    ;; 0 + 1 + ... + 1023 through p = 4096 - 32.
    (if (i32.eq (call_indirect (type $sum) (i32.const 4064) (i32.const 1024) (i32.const 0)) (i32.const 523776))
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 8) (i32.const 0))))
    ;; p = 2^32 - 16: the sums wrap to 16, 20, 24, 28, which hold 1, 2, 3, 4.
    (i32.store (i32.const 16) (i32.const 1))
    (i32.store (i32.const 20) (i32.const 2))
    (i32.store (i32.const 24) (i32.const 3))
    (i32.store (i32.const 28) (i32.const 4))
    (if (i32.eq (call_indirect (type $sum) (i32.const -16) (i32.const 4) (i32.const 0)) (i32.const 10))
      (then (call $write (call $get-stdout) (i32.const 72) (i32.const 11) (i32.const 0))))
    (i32.const 0)))
