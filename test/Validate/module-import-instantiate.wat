;; An imported module is instantiated at its declared type: its export "get"
;; is a () -> i32, which cannot satisfy an import of () -> i64.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: import 'env' 'get' does not match the argument: expected (func (result i64)), found (func (result i32))
(component
  (component $c
    (import "m" (core module $M (export "get" (func (result i32)))))
    (core instance $i (instantiate $M))
    (core module $user (import "env" "get" (func (result i64))))
    (core instance (instantiate $user (with "env" (instance $i))))))
