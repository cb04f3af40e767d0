;; Imports and exports are separate namespaces: an exported `[method]b.foo`
;; needs `b` to be an exported resource; importing it is not enough
;; (component-model test/validation/annotated-names.wast).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: export '[method]b.foo' names resource 'b', but no resource of that name is exported before it
(component
  (import "b" (type $T (sub resource)))
  (import "f" (func $f (param "self" (borrow $T))))
  (export "[method]b.foo" (func $f)))
