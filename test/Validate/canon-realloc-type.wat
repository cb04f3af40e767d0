;; realloc must have the canonical ABI's allocator type.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x86: canon lift: realloc must have type (func (param i32 i32 i32 i32) (result i32)), found (func (param i32) (result i32))
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32) (result i32) (local.get 0))
    (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
