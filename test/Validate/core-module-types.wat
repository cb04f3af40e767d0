;; Core module types are validated as modules would be (type indices in
;; bounds, export and import names unique, 32-bit memories at most 65536
;; pages), and a core module inside a component may not import one
;; (module, name) pair twice, since instantiation mangles the pair into one
;; name (component-model test/validation/core-modules.wast).
;; RUN: split-file %s %t
;; RUN: %jco parse %t/type-index.wat -o %t/type-index.wasm
;; RUN: not %wacc %t/type-index.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=TYPE-INDEX
;; TYPE-INDEX: error: {{.*}}type-index.wasm:0x{{[0-9a-f]+}}: type index out of bounds: 0, the module type has 0 types
;; RUN: %jco parse %t/export-twice.wat -o %t/export-twice.wasm
;; RUN: not %wacc %t/export-twice.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=EXPORT-TWICE
;; EXPORT-TWICE: error: {{.*}}export-twice.wasm:0x{{[0-9a-f]+}}: export name `a` already defined
;; RUN: %jco parse %t/memory.wat -o %t/memory.wasm
;; RUN: not %wacc %t/memory.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=MEMORY
;; MEMORY: error: {{.*}}memory.wasm:0x{{[0-9a-f]+}}: memory size must be at most 65536 pages (4GiB)
;; RUN: %jco parse %t/nested.wat -o %t/nested.wasm
;; RUN: not %wacc %t/nested.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=NESTED
;; NESTED: error: {{.*}}nested.wasm:0x{{[0-9a-f]+}}: export name `` already defined
;; RUN: %jco parse %t/type-import-twice.wat -o %t/type-import-twice.wasm
;; RUN: not %wacc %t/type-import-twice.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=TYPE-IMPORT
;; TYPE-IMPORT: error: {{.*}}type-import-twice.wasm:0x{{[0-9a-f]+}}: duplicate import name `:a`
;; RUN: %jco parse %t/module-import-twice.wat -o %t/module-import-twice.wasm
;; RUN: not %wacc %t/module-import-twice.wasm -o %t/x 2>&1 | %FileCheck %s --check-prefix=MODULE-IMPORT
;; MODULE-IMPORT: error: {{.*}}module-import-twice.wasm:0x{{[0-9a-f]+}}: duplicate import name `m:f`

;--- type-index.wat
(component (core type (module (export "a" (func (type 0))))))
;--- export-twice.wat
(component (core type (module (export "a" (func)) (export "a" (func)))))
;--- memory.wat
(component (core type (module (import "" "" (memory 70000)))))
;--- nested.wat
(component (type (instance (core type (module (export "" (func)) (export "" (func)))))))
;--- type-import-twice.wat
(component (core type (module (import "" "a" (func)) (import "" "a" (func)))))
;--- module-import-twice.wat
(component (core module (import "m" "f" (func)) (import "m" "f" (func (param i32)))))
