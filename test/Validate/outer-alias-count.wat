;; An outer alias cannot reach beyond the outermost component.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x1c: outer alias count 2 exceeds the component nesting depth
(component
  (type (func))
  (component
    (alias outer 2 0 (type))))
