;; A string encoding may be given once (the reader sees the repeated option).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x41: duplicate or conflicting canon option 0x01
(component
  (import "wasi:cli/api@0.2.0" (instance $api (export "f" (func))))
  (alias export $api "f" (func $f))
  (core func (canon lower (func $f) string-encoding=utf8 string-encoding=utf16)))
