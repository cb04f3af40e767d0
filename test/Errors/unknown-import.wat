;; An import of an interface wacc does not implement is a compile error that
;; names it, and no output file is left behind.
;; RUN: %wasi-component %s %t.wasm
;; RUN: rm -f %t.out
;; RUN: not %wacc %t.wasm -o %t.out 2>&1 | %FileCheck %s
;; RUN: not ls %t.out
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: {{.*}}wasi:sockets/instance-network@0.2.12
(module
  (import "wasi:sockets/instance-network@@VERSION@" "instance-network" (func $network (result i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (drop (call $network))
    (i32.const 0)))
