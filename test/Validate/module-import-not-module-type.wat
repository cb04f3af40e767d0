;; A core module import must name a module type, not a function type.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: core type index 0 is not a module type
(component
  (core type $f (func))
  (component
    (import "m" (core module (type $f)))))
