;; `[method]r.f` is a function whose first parameter is (self: borrow<r>).
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x20: method '[method]stream.write' must take (self: borrow<stream>) first, found func(x: u32)
(component
  (import "wasi:io/streams@0.2.0" (instance
    (export "stream" (type (sub resource)))
    (export "[method]stream.write" (func (param "x" u32))))))
