;; A core module is taken as a WASI preview1 program, so one without the
;; `_start` entry point is an error saying so (reported at the module's
;; start: it has no export section).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t.out 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x0: module has no '_start' export: a preview1 command must export its entry point
(module)
