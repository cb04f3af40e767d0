;; A core import of (func (param i32)) given a function of (param i64).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x6c: import 'env' 'f' does not match the argument: expected (func (param i32)), found (func (param i64))
(component
  (core module $provider (func (export "f") (param i64)))
  (core module $user (import "env" "f" (func (param i32))))
  (core instance $p (instantiate $provider))
  (core instance (instantiate $user (with "env" (instance $p)))))
