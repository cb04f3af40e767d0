;; A borrow lives only for a call, so a function cannot return one.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x12: function result option<borrow<resource#0>> contains a borrow handle; borrows may only be parameters
(component
  (type $r (resource (rep i32)))
  (type $b (borrow $r))
  (type $o (option $b))
  (type (func (result $o))))
