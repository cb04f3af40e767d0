;; A wasi_unstable (snapshot 0) module, as Wasmtime accepts: its imports bind
;; to the preview1 functions, except those whose ABI changed (fd_seek here),
;; which bind to the runtime's wacc_p0_ variants.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc --emit=plan %t.wasm -o - | %FileCheck %s --check-prefix=PLAN
;; PLAN: trampoline 0: preview1 host wacc_p1_fd_write (i32, i32, i32, i32) -> i32
;; PLAN: trampoline 1: preview1 host wacc_p0_fd_seek (i32, i64, i32, i32) -> i32
;; PLAN: import "wasi_unstable" "fd_write" func = trampoline 0
;; PLAN: import "wasi_unstable" "fd_seek" func = trampoline 1
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; CHECK: {{^}}Hello from wasi_unstable!{{$}}
(module
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\10\00\00\00\1a\00\00\00")
  (data (i32.const 16) "Hello from wasi_unstable!\n")
  (func (export "_start")
    (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))
      (then unreachable))))
