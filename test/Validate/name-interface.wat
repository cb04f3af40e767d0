;; An interface name's version must be a semantic version.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x10: import name 'wasi:cli/run@0.2' is not a valid name
(component
  (import "wasi:cli/run@0.2" (instance)))
