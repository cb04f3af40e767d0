;; resource.drop needs a resource type.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x10: type 0 is not a resource type
(component
  (type $t (list u8))
  (core func (canon resource.drop $t)))
