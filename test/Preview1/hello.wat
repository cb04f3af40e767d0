;; The preview1 hello: a core module that imports fd_write, builds the iovec
;; by hand and writes to fd 1, compiled directly (no adapter). The same module
;; wrapped by the preview1 adapter into a component prints the same.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; The adapter route: the same bytes on stdout.
;; RUN: %jco new %t.wasm --wasi-command -o %t.component.wasm
;; RUN: %wacc %t.component.wasm -o %t.component
;; RUN: %t.component > %t.component.out
;; RUN: cmp %t.out %t.component.out
;; CHECK: {{^}}Hello, world!{{$}}
;; CHECK-NEXT: {{^}}written=14{{$}}
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "Hello, world!\n")
  (data (i32.const 200) "written=")
  (func $write (param $ptr i32) (param $len i32)
    ;; iovec at 0: { buf = ptr, buf_len = len }; nwritten at 8.
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))
      (then unreachable)))
  (func (export "_start")
    (local $n i32)
    (call $write (i32.const 100) (i32.const 14))
    ;; Report what fd_write said it wrote (two decimal digits and a newline).
    (local.set $n (i32.load (i32.const 8)))
    (i32.store8 (i32.const 208) (i32.add (i32.const 48) (i32.div_u (local.get $n) (i32.const 10))))
    (i32.store8 (i32.const 209) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
    (i32.store8 (i32.const 210) (i32.const 10))
    (call $write (i32.const 200) (i32.const 11))))
