;; A run that traps with "uninitialized element": the message names the wasm function
;; and the exit status is 134.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}wasm trap: uninitialized element, in function dispatch{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (memory (export "memory") 1)
  (type $i32 (func (result i32)))
  (table 2 funcref)
  (func $dispatch (param i32) (result i32) (call_indirect (type $i32) (local.get 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $dispatch (i32.add (i32.load (i32.const 0)) (i32.const 1)))))
