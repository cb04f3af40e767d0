;; `implements` may only be attached to an instance import or export.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: import 'a': only instances can have an `implements` attribute, this is a func
(component
  (import "a" (implements "a:b/c") (func)))
