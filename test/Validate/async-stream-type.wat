;; The stream built-ins name a stream type; a future or other type is an
;; error, and a stream's copies need a memory when it has a payload.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: canon stream.new: type 0 is not a stream type
(component
  (type $f (future u8))
  (core func (canon stream.new $f)))
