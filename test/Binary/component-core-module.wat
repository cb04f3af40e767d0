;; A core module given where a component is expected: the error points at the
;; version/layer field.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t.out 2>&1 | %FileCheck %s
;; CHECK: error: {{.*}}.wasm:0x4: expected a component, found a core module
(module (func (export "f")))
