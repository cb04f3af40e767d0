;; resource.new and resource.rep are for resources this component defines;
;; an imported resource's representation belongs to its provider.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x13: canon resource.new: type 0 is a resource this component does not define
(component
  (import "r" (type $r (sub resource)))
  (core func (canon resource.new $r)))
