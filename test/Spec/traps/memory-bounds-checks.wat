;; A run that traps with "out of bounds memory access": the message names the wasm function
;; and the exit status is 134.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --bounds-checks %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu --bounds-checks %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}wasm trap: out of bounds memory access, in function peek{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (memory (export "memory") 1)
  ;; With --bounds-checks the access is checked explicitly.
  (func $peek (param i32) (result i32) (i32.load offset=16 (local.get 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $peek (i32.add (i32.load (i32.const 0)) (i32.const 0xfff0)))))
