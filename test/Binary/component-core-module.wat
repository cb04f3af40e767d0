;; A core module at the top level is read as a preview1 module (test/Preview1),
;; not as a component: one exporting only "f" has no entry point, so it is
;; only instantiated (as by wasmtime run), and `--invoke f` calls "f".
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t.out
;; RUN: %t.out | count 0
;; RUN: %wacc --invoke f %t.wasm -o %t.invoke
;; RUN: %t.invoke | %FileCheck %s
;; CHECK: {{^}}7{{$}}
(module (func (export "f") (result i32) (i32.const 7)))
