;; Module imports are contravariant: the given module's own imports must be
;; satisfiable by what the expected module type says it will be given. Here
;; the module imports an immutable global, the type a mutable one.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: instantiation argument 'm' does not match the import's type: type mismatch in import `env::g`: expected (global i32), found (global (mut i32))
(component
  (core module $m (import "env" "g" (global i32)))
  (component $c
    (import "m" (core module (import "env" "g" (global (mut i32))))))
  (instance (instantiate $c (with "m" (core module $m)))))
