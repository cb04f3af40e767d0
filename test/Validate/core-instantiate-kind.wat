;; A core import of a memory given a function.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x69: import 'env' 'mem' does not match the argument: expected a memory, found a func
(component
  (core module $provider (func (export "mem")))
  (core module $user (import "env" "mem" (memory 1)))
  (core instance $p (instantiate $provider))
  (core instance (instantiate $user (with "env" (instance $p)))))
