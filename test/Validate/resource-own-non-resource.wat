;; own<T> and borrow<T> are only of resource types.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x10: own of type 0, which is a value type; expected a resource type
(component
  (type $t (record (field "a" u32)))
  (type (own $t)))
