;; post-return takes the lifted function's flat results and returns nothing.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x68: canon lift: post-return must have type (func (param i32)) (the lifted function's results), found (func (param i64))
(component
  (core module $m
    (func (export "f") (result i32) (i32.const 0))
    (func (export "post") (param i64)))
  (core instance $i (instantiate $m))
  (func (result u32) (canon lift (core func $i "f") (post-return (core func $i "post")))))
