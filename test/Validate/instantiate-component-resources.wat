;; A component given where a component type is imported: the type's
;; abstract resource imports are bound to the component's own in the same
;; places, so an export of own<X> in one matches own<X> in the other
;; (component-model test/validation/resources.wast).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc --emit=plan %t.wasm -o - | %FileCheck %s
;; CHECK: plan: 0 core instances, 0 funcs, 0 trampolines, 0 resources, 2 component instances
(component
  (component $C1
    (import "X" (type $X (sub resource)))
    (import "f" (func $f (result (own $X))))
    (export "g" (func $f)))
  (component $C2
    (import "C1" (component
      (import "X" (type $X (sub resource)))
      (import "f" (func (result (own $X))))
      (export "g" (func (result (own $X)))))))
  (instance $c (instantiate $C2 (with "C1" (component $C1)))))
