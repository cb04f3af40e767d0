;; A run that traps with "unreachable": the message names the wasm function
;; and the exit status is 134.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}wasm trap: unreachable, in function fail{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (memory (export "memory") 1)
  (func $fail (param i32) (result i32) (if (i32.eqz (local.get 0)) (then unreachable)) (local.get 0))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $fail (i32.load (i32.const 0)))))
