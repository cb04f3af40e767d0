;; An alias of a core instance export needs the export.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x3d: core instance 0 has no export named 'missing'
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (alias core export $i "missing" (core func)))
