;; canon lift: the core function must have exactly the flattened type of the
;; component function type (u64 flattens to i64, not i32).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x51: canon lift: the core function has type (func (param i32)), but func(x: u64) flattens to (func (param i64))
(component
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (func (param "x" u64) (canon lift (core func $i "f"))))
