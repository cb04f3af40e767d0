;; A nested component imports `f: func(c: char) -> char`; the instantiation
;; gives it a `func(c: u32) -> u32`. Both lower to (i32) -> i32, so only the
;; component-level type check can reject it: at the instantiation, naming the
;; import and both types.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x93: instantiation argument 'f' does not match the import's type: expected func(c: char) -> char, found func(c: u32) -> u32
(component
  (core module $m (func (export "id") (param i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m))
  (func $f (param "c" u32) (result u32) (canon lift (core func $i "id")))
  (component $inner
    (import "f" (func (param "c" char) (result char))))
  (instance (instantiate $inner (with "f" (func $f)))))
