;; InvariantComparesPass (compiler/codegen/InvariantCompares.h): a loop's
;; exit compare `(i ^ m) == -1`, InstCombine's form of `i == (1 << k) - 1`
;; (zstd's row match finder counts its candidates so), becomes a compare
;; of the induction variable with an invariant computed before the loop,
;; with the same results: bit positions summed up to 2^k of them.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}bits ok{{$}}
;; IR-LABEL: define internal {{.*}}@i1.bits(
;; IR: shl nsw i32 -1,
;; IR: [[BOUND:%[0-9a-z.]+]] = xor i32 %{{.*}}, -1
;; IR: {{^}}loop
;; IR-NOT: xor
;; IR: icmp eq i32 %{{[0-9a-z.]+}}, [[BOUND]]
;; IR: {{^}}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "bits ok\n")
  ;; Called through the exported table so that it stays a function.
  (type $bits (func (param i64 i32) (result i32)))
  (table (export "table") funcref (elem $bits))
  ;; The sum of (position + 1) of m's lowest set bits, at most 2^k of them.
  (func $bits (param $m i64) (param $k i32) (result i32)
    (local $i i32) (local $s i32)
    (if (i64.eqz (local.get $m)) (then (return (i32.const 0))))
    (block $done
      (loop $l
        (local.set $s (i32.add (local.get $s)
          (i32.add (i32.wrap_i64 (i64.ctz (local.get $m))) (i32.const 1))))
        (local.set $m (i64.and (local.get $m) (i64.sub (local.get $m) (i64.const 1))))
        (br_if $done (i64.eqz (local.get $m)))
        (br_if $done (i32.eq (local.get $i)
          (i32.sub (i32.shl (i32.const 1) (local.get $k)) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 256)))
  (func $b (param $m i64) (param $k i32) (result i32)
    (call_indirect (type $bits) (local.get $m) (local.get $k) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $ok i32)
    ;; 0b1011_0100: positions 2, 4, 5, 7 (+1: 3, 5, 6, 8).
    (local.set $ok (i32.and
      (i32.and (i32.eq (call $b (i64.const 0xb4) (i32.const 0)) (i32.const 3))
               (i32.eq (call $b (i64.const 0xb4) (i32.const 1)) (i32.const 8)))
      (i32.and (i32.eq (call $b (i64.const 0xb4) (i32.const 2)) (i32.const 22))
               (i32.eq (call $b (i64.const 0xb4) (i32.const 5)) (i32.const 22)))))
    ;; Every bit of -1: 1 + ... + 64 = 2080 with k = 6; 32 of them (528) with
    ;; k = 5; none of 0; bit 63 alone.
    (local.set $ok (i32.and (local.get $ok) (i32.and
      (i32.and (i32.eq (call $b (i64.const -1) (i32.const 6)) (i32.const 2080))
               (i32.eq (call $b (i64.const -1) (i32.const 5)) (i32.const 528)))
      (i32.and (i32.eqz (call $b (i64.const 0) (i32.const 3)))
               (i32.eq (call $b (i64.const 0x8000000000000000) (i32.const 0)) (i32.const 64))))))
    (if (local.get $ok) (then (call $print (i32.const 64) (i32.const 8))))
    (i32.const 0)))
