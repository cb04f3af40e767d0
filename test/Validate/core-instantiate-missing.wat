;; A core module's import module must be given as an instantiation argument.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x31: core instantiation is missing an argument for import module 'env'
(component
  (core module $m (import "env" "f" (func)))
  (core instance (instantiate $m)))
