;; get-stderr writes to file descriptor 2 only.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t 2> %t.err > %t.out
;; RUN: %FileCheck %s --check-prefix=ERR < %t.err
;; RUN: count 0 < %t.out
;; ERR: to stderr
(module
  (import "wasi:cli/stderr@@VERSION@" "get-stderr" (func $get-stderr (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "to stderr\n")
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $write (call $get-stderr) (i32.const 16) (i32.const 10) (i32.const 0))
    (i32.const 0)))
