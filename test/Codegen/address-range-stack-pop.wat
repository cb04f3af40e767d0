;; AddressRangeVersioningPass widens an operand stack's `stack + (sp - 1) * 8`
;; though `sp - 1` is also the new stack pointer (an interpreter's pop,
;; bench/programs/interp.c): the constant goes into the hoisted base, so the
;; access loses its 32-bit sum and keeps no second register. (A sum of two
;; varying values used elsewhere stays: address-range-kept-sum.wat.) The
;; stack pointer is bounded by the loop's own check; a pop at sp = 0 reads
;; 8 bytes below the stack, and with the stack at address 0 that wraps in
;; wasm and traps, which the original copy (the range check fails) keeps.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}sum ok{{$}}
;; CHECK-NEXT: {{^}}below ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.stack(
;; IR: {{^}}if.else.inrange:
;; IR-NOT: zext
;; IR: load i64
;; IR-NOT: zext
;; IR: br label
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "sum ok\nbelow ok\nafter\n")
  ;; Called through the exported table so that it stays a function.
  (type $stack (func (param i32 i32) (result i64)))
  (table (export "table") funcref (elem $stack))
  ;; n steps, counting n down: odd n pushes n, even n pops and adds; a
  ;; stack pointer above 14 ends the loop (a pop at 0 makes it -1).
  (func $stack (param $stack i32) (param $n i32) (result i64)
    (local $sp i32) (local $acc i64)
    (block $done
      (loop $step
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $done (i32.gt_u (local.get $sp) (i32.const 14)))
        (if (i32.and (local.get $n) (i32.const 1))
          (then
            (i64.store (i32.add (local.get $stack) (i32.shl (local.get $sp) (i32.const 3)))
                       (i64.extend_i32_u (local.get $n)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 1))))
          (else
            (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
            (local.set $acc (i64.add (local.get $acc)
              (i64.load (i32.add (local.get $stack) (i32.shl (local.get $sp) (i32.const 3))))))))
        (br $step)))
    (local.get $acc))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; n = 8: push 7, pop 7, push 5, pop 5, ... : 7 + 5 + 3 + 1 = 16.
    (if (i64.eq (call_indirect (type $stack) (i32.const 2048) (i32.const 8) (i32.const 0)) (i64.const 16))
      (then (call $print (i32.const 64) (i32.const 7))))
    ;; n = 1: the one step pops at sp = 0, the 8 bytes below the stack
    ;; (addresses 2040..2047, set to 5).
    (i64.store (i32.const 2040) (i64.const 5))
    (if (i64.eq (call_indirect (type $stack) (i32.const 2048) (i32.const 1) (i32.const 0)) (i64.const 5))
      (then (call $print (i32.const 71) (i32.const 9))))
    ;; The same with the stack at 0: 0 - 8 wraps to 2^32 - 8, a trap.
    (drop (call_indirect (type $stack) (i32.const 0) (i32.const 1) (i32.const 0)))
    (call $print (i32.const 80) (i32.const 6))
    (i32.const 0)))
