;; `run` returning err exits with status 1, and output written before stays.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: not %t > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t-arm64
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t-arm64 | %FileCheck %s %}
;; CHECK: failing
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "failing\n")
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $write (call $get-stdout) (i32.const 16) (i32.const 8) (i32.const 0))
    (i32.const 1)))
