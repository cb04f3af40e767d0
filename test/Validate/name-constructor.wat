;; `[constructor]r` names a resource imported or exported before it.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x12: import '[constructor]thing' names resource 'thing', but no resource of that name is imported before it
(component
  (import "[constructor]thing" (func)))
