;; A core instantiation argument naming core instance 7 of 1.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x23: core instance index 7 out of bounds (1 defined)
(component
  (core module $m)
  (core instance $i (instantiate $m))
  (core instance (instantiate $m (with "x" (instance 7)))))
