;; Lifting a function that takes a string allocates it in the callee's
;; memory, so `realloc` is required.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x65: canon lift needs a 'realloc' option: it must allocate strings, lists or spilled values
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")))))
