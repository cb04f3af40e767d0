;; A component instance may be re-entered while it is being called into:
;; run calls into $B, whose f calls back into the root instance, and all
;; return (component-model#705 removed the may_enter trap; its
;; test/async/reentrance.wast has this child-to-parent case).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t
(component
  (core module $callback-module (func (export "cb")))
  (core instance $callback-instance (instantiate $callback-module))
  (func $cb (canon lift (core func $callback-instance "cb")))
  (component $B
    (import "cb" (func $cb))
    (core func $cb-lowered (canon lower (func $cb)))
    (core module $m
      (import "x" "cb" (func $cb))
      (func (export "f") (call $cb)))
    (core instance $mi (instantiate $m (with "x" (instance (export "cb" (func $cb-lowered))))))
    (func (export "f") (canon lift (core func $mi "f"))))
  (instance $b (instantiate $B (with "cb" (func $cb))))
  (alias export $b "f" (func $f))
  (core func $f-lowered (canon lower (func $f)))
  (core module $app
    (import "x" "f" (func $f))
    (func (export "run") (result i32) (call $f) (i32.const 0)))
  (core instance $app-instance (instantiate $app (with "x" (instance (export "f" (func $f-lowered))))))
  (func $run (result (result)) (canon lift (core func $app-instance "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
