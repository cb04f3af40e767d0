;; A run that traps with "out of bounds memory access": the message names the wasm function
;; and the exit status is 134.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}wasm trap: out of bounds memory access, in function peek{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (memory (export "memory") 1)
  ;; No explicit check: the access lands in the guard region and faults.
  ;; $peek is called through the table so that it is not inlined into $run;
  ;; the table is exported, so nothing is known of its contents at compile
  ;; time (an unexported one would be constant, and the call direct).
  (type $peek (func (param i32) (result i32)))
  (table (export "table") funcref (elem $peek))
  (func $peek (param i32) (result i32) (i32.load offset=16 (local.get 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call_indirect (type $peek) (i32.const 0x7fff0000) (i32.load (i32.const 0)))))
