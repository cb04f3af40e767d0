;; Every import of a nested component needs an instantiation argument.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x96: instantiation is missing an argument for import 'g' (a func())
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (func $f (canon lift (core func $i "f")))
  (component $inner
    (import "f" (func))
    (import "g" (func)))
  (instance (instantiate $inner (with "f" (func $f)))))
