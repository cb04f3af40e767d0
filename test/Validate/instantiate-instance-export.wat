;; An instance argument must have every export the import's instance type
;; declares.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0xa7: instantiation argument 'api' does not match the import's type: the instance has no export named 'g'
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (func $f (canon lift (core func $i "f")))
  (instance $api (export "f" (func $f)))
  (component $inner
    (import "api" (instance (export "f" (func)) (export "g" (func)))))
  (instance (instantiate $inner (with "api" (instance $api)))))
