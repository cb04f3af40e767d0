;; An outer alias may not carry a type that is or contains a resource (or a
;; handle) across a component boundary: resource types are generative. Within
;; one component, or into a component type's declarators, it may.
;; RUN: split-file %s %t
;; RUN: %jco parse %t/across.wat -o %t/across.wasm
;; RUN: not %wacc %t/across.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=ACROSS
;; ACROSS: error: {{.*}}across.wasm:0x{{[0-9a-f]+}}: outer alias of type 2 across a component boundary: it transitively refers to resources
;; RUN: %jco parse %t/declarator.wat -o %t/declarator.wasm
;; RUN: not %wacc %t/declarator.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=DECLARATOR
;; DECLARATOR: error: {{.*}}declarator.wasm:0x{{[0-9a-f]+}}: outer alias of type 0 across a component boundary: it transitively refers to resources
;; RUN: %jco parse %t/allowed.wat -o %t/allowed.wasm
;; RUN: %wacc --emit=plan %t/allowed.wasm -o - | %FileCheck %s --check-prefix=ALLOWED
;; ALLOWED: plan:

;--- across.wat
(component $C
  (type $R (resource (rep i32)))
  (type $Rec (record (field "h" (own $R))))
  (component (alias outer $C $Rec (type $a))))
;--- declarator.wat
(component $C
  (type $R (resource (rep i32)))
  (component (type (component (alias outer 2 0 (type $a))))))
;--- allowed.wat
(component $C
  (type $R (resource (rep i32)))
  (type $Pure (record (field "x" u32)))
  (type (component (alias outer $C $R (type $r))))
  (component (alias outer $C $Pure (type $p))))
