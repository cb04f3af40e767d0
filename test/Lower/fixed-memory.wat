;; On x86-64 the program's first defined memory is reserved at a fixed
;; address (WACC_FIXED_MEMORY_BASE, 1 GiB) and its base is a constant in the
;; code (the absolute symbol wacc_fixed_memory): an access is
;; `disp32(index)`, with no register holding the base
;; and no load of it. The instance initialises it with
;; wacc_rt_memory_init_fixed. Accesses still fault past the end, also with
;; an offset too large to fold into the displacement.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc --emit=asm -O2 --target=x86_64-linux-gnu %t.wasm -o %t.s
;; RUN: %FileCheck %s --check-prefix=ASM < %t.s
;; RUN: %wacc %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out

;; IR-LABEL: define internal i32 @{{.*}}load(i32 %0)
;; IR-NOT: load ptr, ptr @{{.*}}memory0
;; IR: getelementptr inbounds i8, ptr @wacc_fixed_memory
;; IR: ret i32
;; IR: call void @wacc_rt_memory_init_fixed(ptr @{{.*}}memory0, i64 1, i64 65536)

;; ASM-LABEL: {{.*}}load:
;; ASM-NOT: memory0
;; ASM: movl wacc_fixed_memory+4(%{{[a-z0-9]+}}), %eax
;; ASM: retq

;; CHECK: 42
;; CHECK-NEXT: wasm trap: out of bounds memory access, in function far
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "\n")
  ;; Exported through a table, so neither is inlined into run.
  (type $load (func (param i32) (result i32)))
  (table (export "cases") 2 funcref)
  (elem (i32.const 0) $load $far)
  (func $load (type $load) (i32.load offset=4 (local.get 0)))
  (func $far (type $load) (i32.load offset=0x7fff0000 (local.get 0)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (i32.store (i32.const 60) (i32.const 0x3234))  ;; "42"
    (i32.store (i32.const 200) (call_indirect (type $load) (i32.const 56) (i32.const 0)))
    (call $write (call $get-stdout) (i32.const 200) (i32.const 2) (i32.const 0))
    (call $write (call $get-stdout) (i32.const 100) (i32.const 1) (i32.const 0))
    (drop (call_indirect (type $load) (i32.const 16) (i32.const 1)))
    (i32.const 0)))
