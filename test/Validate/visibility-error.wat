;; An export whose function type mentions a record that was never exported
;; is rejected at the export, naming the rule.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: export 'f': func not valid to be used as export: it refers to a type that is not imported or exported before it (Explainer.md, external visibility of types)
(component
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (type $Rec (record (field "x" u32)))
  (func $f (result $Rec) (canon lift (core func $i "f")))
  (export "f" (func $f)))
