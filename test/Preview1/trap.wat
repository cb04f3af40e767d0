;; A guest trap in a preview1 module is reported as for a component: the
;; message names the wasm function, the exit status is 134, and output
;; written before the trap is out.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK:      {{^}}before{{$}}
;; CHECK-NEXT: {{^}}wasm trap: integer divide by zero, in function divide{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\10\00\00\00\07\00\00\00")
  (data (i32.const 16) "before\n")
  (func $divide (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $divide (i32.const 7) (i32.load (i32.const 100))))))
