;; task.return of a result holding a string lifts it from memory: the
;; built-in needs a memory option. (Its flat parameters are the result's.)
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x{{[0-9a-f]+}}: canon task.return needs a 'memory' option
(component
  (core func (canon task.return (result string))))
