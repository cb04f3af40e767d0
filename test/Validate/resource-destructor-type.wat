;; A resource destructor is a core function (func (param i32)).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x4d: resource destructor must have type (func (param i32)), found (func (param i64))
(component
  (core module $m (func (export "dtor") (param i64)))
  (core instance $i (instantiate $m))
  (alias core export $i "dtor" (core func $dtor))
  (type (resource (rep i32) (dtor (core func $dtor)))))
