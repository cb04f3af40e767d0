;; A run that traps with "integer overflow": the message names the wasm function
;; and the exit status is 134.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}wasm trap: integer overflow, in function divide{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (memory (export "memory") 1)
  (func $divide (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (i32.store (i32.const 0) (i32.const -1))
    (call $divide (i32.const 0x80000000) (i32.load (i32.const 0)))))
