;; Module-level validation of embedded core modules: a few of the spec's
;; assert_invalid cases, one component each; and multiple memories, valid
;; since WebAssembly 3.0, invalid when -W multi-memory=n makes it 2.0.
;; RUN: split-file %s %t
;; RUN: %jco parse %t/align.wat -o %t/align.wasm
;; RUN: not %wacc %t/align.wasm -o %t/align 2>&1 | %FileCheck %s --check-prefix=ALIGN
;; ALIGN: error: {{.*}}align.wasm:0x28: alignment must not be larger than natural
;; RUN: %jco parse %t/undeclared.wat -o %t/undeclared.wasm
;; RUN: not %wacc %t/undeclared.wasm -o %t/undeclared 2>&1 | %FileCheck %s --check-prefix=UNDECLARED
;; UNDECLARED: error: {{.*}}undeclared.wasm:0x21: undeclared function reference 0
;; RUN: %jco parse %t/memories.wat -o %t/memories.wasm
;; RUN: %wacc --emit=plan %t/memories.wasm -o %t/memories.plan
;; RUN: not %wacc -W multi-memory=n %t/memories.wasm -o %t/memories-2.0 2>&1 | %FileCheck %s --check-prefix=MEMORIES
;; RUN: not ls %t/memories-2.0
;; MEMORIES: error: {{.*}}memories.wasm:0x1e: multiple memories (multi-memory is off: -W multi-memory=n)
;; A 64-bit memory is valid (memory64), but the canonical ABI's pointers
;; into it would be i64s, which wacc's adapters do not take.
;; RUN: %jco parse %t/memory64-canon.wat -o %t/memory64-canon.wasm
;; RUN: not %wacc --emit=plan %t/memory64-canon.wasm -o %t/memory64-canon.plan 2>&1 | %FileCheck %s --check-prefix=MEMORY64
;; MEMORY64: error: {{.*}}memory64-canon.wasm:0x65: unsupported: a 64-bit memory (memory64) as the canonical ABI's 'memory'
;; RUN: %jco parse %t/label.wat -o %t/label.wasm
;; RUN: not %wacc %t/label.wasm -o %t/label 2>&1 | %FileCheck %s --check-prefix=LABEL
;; LABEL: error: {{.*}}label.wasm:0x23: unknown label 2

;--- align.wat
(component
  (core module
    (memory 1)
    (func (drop (i32.load align=8 (i32.const 0))))))

;--- undeclared.wat
(component
  (core module
    (func (drop (ref.func 0)))))

;--- memories.wat
(component
  (core module
    (import "m" "a" (memory 1))
    (memory 1)))

;--- memory64-canon.wat
(component
  (core module $m
    (memory (export "mem") i64 1)
    (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "s" string)
    (canon lift (core func $i "f") (memory (core memory $i "mem")))))

;--- label.wat
(component
  (core module
    (func (block (br 2)))))
