;; An import of an interface wacc does not implement is a compile error that
;; names it, and no output file is left behind. (Written as a component:
;; every interface of the wasi:cli/command world is implemented, so
;; %wasi-component cannot make such an import.)
;; RUN: %jco parse %s -o %t.wasm
;; RUN: rm -f %t.out
;; RUN: not %wacc %t.wasm -o %t.out 2>&1 | %FileCheck %s
;; RUN: not ls %t.out
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: {{.*}}wasi:keyvalue/store@0.2.0
(component
  (import "wasi:keyvalue/store@0.2.0" (instance $http (export "handle" (func))))
  (core module $m
    (import "http" "handle" (func $handle))
    (func (export "run") (result i32) (call $handle) (i32.const 0)))
  (core func $handle (canon lower (func $http "handle")))
  (core instance $host (export "handle" (func $handle)))
  (core instance $i (instantiate $m (with "http" (instance $host))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.12" (instance $run-instance)))
