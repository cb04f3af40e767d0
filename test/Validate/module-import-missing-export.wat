;; A nested component imports a core module whose type promises an export
;; "get"; the module given at instantiation has no such export.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: instantiation argument 'm' does not match the import's type: missing expected export `get`
(component
  (core module $m (func (export "other") (result i32) (i32.const 1)))
  (component $c
    (import "m" (core module (export "get" (func (result i32))))))
  (instance (instantiate $c (with "m" (core module $m)))))
