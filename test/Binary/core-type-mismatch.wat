;; A core module inside a component whose function body is ill-typed: the
;; error names the byte offset of the offending instruction in the component
;; file, and the spec's assert_invalid text.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: error: {{.*}}.wasm:0x26: type mismatch: i32.add expects i32 but found i64

(component
  (core module
    (func (result i32)
      i32.const 1
      i64.const 2
      i32.add)))
