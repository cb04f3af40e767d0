;; Resources match by identity: after `r` is bound to the argument's resource
;; $a, a function over own<r> must be given one over own<$a>, not own<$b>.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0xb6: instantiation argument 'take' does not match the import's type: expected func(x: own<r>) -> u32, found func(x: own<{{.*}}>) -> u32
(component
  (type $a (resource (rep i32)))
  (type $b (resource (rep i32)))
  (core module $m (func (export "take") (param i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m))
  (func $take (param "x" (own $b)) (result u32) (canon lift (core func $i "take")))
  (component $inner
    (import "r" (type $r (sub resource)))
    (import "take" (func (param "x" (own $r)) (result u32))))
  (instance (instantiate $inner (with "r" (type $a)) (with "take" (func $take)))))
