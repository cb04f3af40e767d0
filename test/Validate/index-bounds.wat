;; Every index is checked against its index space where it is used: here a
;; canon lower of component function 3 when none is defined.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0xb: func index 3 out of bounds (0 defined)
(component
  (core func (canon lower (func 3))))
