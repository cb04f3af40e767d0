;; A core module at the top level is read as a preview1 module (test/Preview1),
;; not as a component: one exporting only "f" lacks the entry point, which is
;; reported at its export section.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t.out 2>&1 | %FileCheck %s
;; CHECK: error: {{.*}}.wasm:0x14: module has no '_start' export
(module (func (export "f")))
