;; A trap prints the spec's message and exits with status 134; output written
;; before the trap stays.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; CHECK: before
;; CHECK: wasm trap: integer divide by zero
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "before\n")
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    ;; The divisor comes from memory so nothing folds it away.
    (i32.div_u (i32.const 1) (i32.load (i32.const 0)))))
