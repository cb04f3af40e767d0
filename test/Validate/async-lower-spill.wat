;; canon lower async passes at most 4 flat parameters (then a pointer) and
;; its result through a pointer, returning the packed subtask state; the
;; pointers need a memory.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: canon lower needs a 'memory' option
(component
  (import "f" (func $f async (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32)))
  (core func (canon lower (func $f) async)))
