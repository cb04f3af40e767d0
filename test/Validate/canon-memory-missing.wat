;; Lowering a function that takes a string reads it from linear memory, so
;; the `memory` option is required.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x43: canon lower needs a 'memory' option: the function's values include strings or lists, or spill to memory
(component
  (import "wasi:cli/api@0.2.0" (instance $api (export "log" (func (param "s" string)))))
  (alias export $api "log" (func $log))
  (core func (canon lower (func $log))))
