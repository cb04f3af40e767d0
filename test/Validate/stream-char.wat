;; `stream<char>` is not valid (a temporary limitation of the ABI,
;; component-model#607); `future<char>` is.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: `stream<char>` is not valid
(component
  (type (future char))
  (type (stream char)))
