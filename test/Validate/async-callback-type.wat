;; canon lift async with a callback: the callback must be
;; (func (param i32 i32 i32) (result i32)).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: canon lift: callback must have type (func (param i32 i32 i32) (result i32)), found (func (param i32))
(component
  (core module $m
    (func (export "f") (result i32) (i32.const 0))
    (func (export "cb") (param i32)))
  (core instance $i (instantiate $m))
  (func async (canon lift (core func $i "f") async (callback (core func $i "cb")))))
