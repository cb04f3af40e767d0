;; An alias of an instance export needs the instance to have that export.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x34: instance 0 has no export named 'g'
(component
  (import "wasi:cli/api@0.2.0" (instance $api (export "f" (func))))
  (alias export $api "g" (func)))
