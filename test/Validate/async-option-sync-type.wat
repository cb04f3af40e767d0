;; The `async` canonical option needs an `async func` type, on canon lift
;; (with or without a callback) and on canon lower alike.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: canon lower: the `async` canonical option requires an async function type
(component
  (import "f" (func $f))
  (core func (canon lower (func $f) async)))
