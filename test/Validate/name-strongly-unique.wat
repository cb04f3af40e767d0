;; Names in one scope must differ ignoring case; hyphens count (Explainer.md,
;; "Name uniqueness"), so `a1` and `a-1` may both be imported.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x48: import name 'FOO-bar' conflicts with an earlier import name (names must be unique ignoring case)
(component
  (import "a1" (func))
  (import "a-1" (func))
  (import "foo-bar" (func))
  (import "FOO-bar" (func)))
