;; A core module is not a component: say so, at the offset of the layer field.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t.out 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x4: expected a component, found a core module
(module)
