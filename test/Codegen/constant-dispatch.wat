;; ConstantDispatchPass: a loop whose head is a switch on a label that
;; every jump back sets to a constant (the dispatcher the wasm backend
;; builds for irreducible C, xz's decoder: `switch (s) while (1) { case …
;; }`). Each state's jump back now goes straight to the next state's block:
;; the head's block, where the switch stays for the entry (its label is a
;; parameter), is left to the entries and to state 1, whose label LLVM
;; makes a select (checked: state 2 jumps straight to state 0's block,
;; through the block of the split edge). Values from each
;; start state and a few lengths, x86-64 and qemu-aarch64; the trap inside
;; a state (a division by zero on the third turn) is still raised there.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}machine ok{{$}}
;; CHECK-NEXT: wasm trap: integer divide by zero
;; CHECK-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.machine(
;; IR: switch i32
;; IR: {{^}}br_table.edge10:
;; IR-NOT: {{^}}{{[a-z]}}
;; IR: br label %[[S:[a-z0-9._]+]]
;; IR: {{^}}[[S]]:
;; IR-NOT: {{^}}{{[a-z]}}
;; IR: br label %br_table.edge8{{$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "machine ok\nafter\n")
  ;; Called through the exported table so that it stays a function.
  (type $machine (func (param i32 i32 i32) (result i32)))
  (table (export "table") funcref (elem $machine))
  ;; From state $label: 0: acc = acc * 31 + i / d (d = 1, or 0 on the
  ;; third turn when $trap); 1: i += 1, then 2 while i < n, else 3;
  ;; 2: acc ^= acc >> 7, then 0; 3: return acc.
  (func $machine (param $label i32) (param $n i32) (param $trap i32) (result i32) (local $acc i32) (local $i i32)
    (loop $dispatch
      (block $s3 (block $s2 (block $s1 (block $s0
        (br_table $s0 $s1 $s2 $s3 (local.get $label)))
        ;; 0
        (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31))
          (i32.div_u (local.get $i)
            (i32.sub (i32.const 1) (i32.and (local.get $trap) (i32.eq (local.get $i) (i32.const 2)))))))
        (local.set $label (i32.const 1))
        (br $dispatch))
        ;; 1
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.lt_u (local.get $i) (local.get $n))
          (then (local.set $label (i32.const 2)) (br $dispatch)))
        (local.set $label (i32.const 3))
        (br $dispatch))
        ;; 2
        (local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 7))))
        (local.set $label (i32.const 0))
        (br $dispatch)))
    (local.get $acc))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $sum i32) (local $start i32) (local $n i32)
    ;; sum of (start + 1) * (n + 1) * machine(start, n) over start < 3, n < 40
    (loop $starts
      (local.set $n (i32.const 0))
      (loop $lengths
        (local.set $sum (i32.add (local.get $sum)
          (i32.mul (i32.mul (i32.add (local.get $start) (i32.const 1)) (i32.add (local.get $n) (i32.const 1)))
            (call_indirect (type $machine) (local.get $start) (local.get $n) (i32.const 0) (i32.const 0)))))
        (br_if $lengths (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (i32.const 40))))
      (br_if $starts (i32.lt_u (local.tee $start (i32.add (local.get $start) (i32.const 1))) (i32.const 3))))
    (if (i32.eq (local.get $sum) (i32.const -448182420))
      (then (call $print (i32.const 64) (i32.const 11))))
    (drop (call_indirect (type $machine) (i32.const 0) (i32.const 10) (i32.const 1) (i32.const 0)))
    (call $print (i32.const 75) (i32.const 6))
    (i32.const 0)))
