;; More than 16 flat parameters spill to memory: lowering such a function
;; needs `memory` even without strings or lists.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x5e: canon lower needs a 'memory' option
(component
  (type $t (tuple u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32 u32))
  (import "wasi:cli/api@0.2.0" (instance $api
    (export "t" (type $t' (eq $t)))
    (export "f" (func (param "x" $t')))))
  (alias export $api "f" (func $f))
  (core func (canon lower (func $f))))
