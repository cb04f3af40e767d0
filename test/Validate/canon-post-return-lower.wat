;; post-return belongs to canon lift only.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x7d: canon lower: post-return is only allowed on canon lift
(component
  (import "wasi:cli/api@0.2.0" (instance $api (export "f" (func))))
  (alias export $api "f" (func $f))
  (core module $m (func (export "post")))
  (core instance $i (instantiate $m))
  (core func (canon lower (func $f) (post-return (core func $i "post")))))
