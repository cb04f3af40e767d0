;; Names in one scope must differ ignoring case and hyphens.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x27: import name 'FOO-bar' conflicts with an earlier import name (names must be unique ignoring case and hyphens)
(component
  (import "foo-bar" (func))
  (import "FOO-bar" (func)))
