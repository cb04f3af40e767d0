;; An alias must name the sort of what the instance exports.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x34: export 'f' is of sort func, not instance
(component
  (import "wasi:cli/api@0.2.0" (instance $api (export "f" (func))))
  (alias export $api "f" (instance)))
