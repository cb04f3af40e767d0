;; canon lift async (callback form): the core function returns the packed
;; callback code (one i32) whatever the function's result; its results go
;; through task.return instead.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: canon lift: the core function has type (func (result i64)), but async func() -> u64 flattens to (func (result i32))
(component
  (core module $m
    (func (export "f") (result i64) (i64.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (func async (result u64) (canon lift (core func $i "f") async (callback (core func $i "cb")))))
