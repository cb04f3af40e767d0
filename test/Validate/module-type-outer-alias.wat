;; A module type's outer alias reaches the enclosing component's core types;
;; its index is checked there.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: core type index 5 out of bounds (1 core types defined)
(component
  (core type $f (func (param i32)))
  (core type (module
    (alias outer 1 $f (type))
    (import "a" "b" (func (type 0)))
    (alias outer 1 5 (type)))))
