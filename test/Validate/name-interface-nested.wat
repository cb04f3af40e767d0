;; An interface name is exactly namespace:package/interface: nested
;; namespaces and nested projections are gated future syntax (Explainer.md 🪺).
;; RUN: split-file %s %t
;; RUN: %jco parse %t/namespace.wat -o %t/namespace.wasm
;; RUN: not %wacc %t/namespace.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=NAMESPACE
;; NAMESPACE: error: {{.*}}namespace.wasm:0x{{[0-9a-f]+}}: import name 'foo:bar:baz/qux' is not a valid name
;; RUN: %jco parse %t/projection.wat -o %t/projection.wasm
;; RUN: not %wacc %t/projection.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=PROJECTION
;; PROJECTION: error: {{.*}}projection.wasm:0x{{[0-9a-f]+}}: import name 'foo:bar/baz/qux' is not a valid name

;--- namespace.wat
(component (import "foo:bar:baz/qux" (func)))
;--- projection.wat
(component (import "foo:bar/baz/qux" (func)))
