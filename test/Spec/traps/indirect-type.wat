;; A run that traps with "indirect call type mismatch": the message names the wasm function
;; and the exit status is 134.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}wasm trap: indirect call type mismatch, in function dispatch{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (memory (export "memory") 1)
  (type $i64 (func (result i64)))
  (table 2 funcref)
  (elem (i32.const 0) $run)
  (func $dispatch (param i32) (result i64) (call_indirect (type $i64) (local.get 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (drop (call $dispatch (i32.load (i32.const 0))))
    (i32.const 0)))
