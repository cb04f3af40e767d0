;; NegativeOffsets (compiler/codegen/NegativeOffsets.h): an access at offset
;; 0 of `x - k` (0 < k <= 64 KiB) addresses `membase + zext(x) - k`, so the
;; 32-bit subtraction is not an instruction of its own and -k folds into the
;; addressing mode. When x - k wraps, wasm's address is past the end of
;; memory and ours lies in the guard below the base: both must trap as out of
;; bounds. Not folded: a static offset on top (the wrapped address plus the
;; offset would be back inside the memory) and k above the guard.
;; The case is the number of program arguments: 1 runs every function in
;; bounds (and checks what they read and wrote), 2-5 make x - k wrap.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --nostrip --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 --nostrip --emit=asm %t.wasm -o %t.s
;; RUN: %FileCheck %s --check-prefix=ASM < %t.s
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.ok
;; RUN: %FileCheck %s --check-prefix=OK < %t.ok
;; RUN: not %t 1 > %t.1 2>&1
;; RUN: %FileCheck %s < %t.1
;; RUN: not %t 1 2 > %t.2 2>&1
;; RUN: %FileCheck %s < %t.2
;; RUN: not %t 1 2 3 > %t.3 2>&1
;; RUN: %FileCheck %s < %t.3
;; RUN: not %t 1 2 3 4 > %t.4 2>&1
;; RUN: %FileCheck %s < %t.4
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.ok %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=OK < %t.aarch64.ok %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 > %t.aarch64.1 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.1 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 3 > %t.aarch64.3 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.3 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 3 4 > %t.aarch64.4 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.4 %}
;; IR-LABEL: @i1.neg(
;; IR: getelementptr i8, ptr %{{[^,]+}}, i64 -8
;; IR-LABEL: @i1.neg_off(
;; IR: add i32 %{{[0-9]+}}, -8
;; IR-LABEL: @i1.store_neg(
;; IR: getelementptr i8, ptr %{{[^,]+}}, i64 -4
;; IR-LABEL: @i1.edge(
;; IR: getelementptr i8, ptr %{{[^,]+}}, i64 -65536
;; IR-LABEL: @i1.far(
;; IR: add i32 %{{[0-9]+}}, -65537
;; ASM-LABEL: {{^}}i1.neg:
;; ASM-NOT: {{^}}i1.neg_off:
;; ASM: {{movl[[:space:]]+-8\(%[a-z0-9]+,%[a-z0-9]+\), %eax}}
;; ASM-LABEL: {{^}}i1.store_neg:
;; ASM: {{movl[[:space:]]+%[a-z0-9]+, -4\(%[a-z0-9]+,%[a-z0-9]+\)}}
;; OK: before
;; OK-NEXT: after
;; CHECK: before
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
(module
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 0) "\01\00\00\00\00\00\00\00\03\00\00\00\00\00\00\00\05\00\00\00")
  (data (i32.const 100) "\07\00\00\00")
  (data (i32.const 1024) "before\n")
  (data (i32.const 1040) "after\n")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through an exported (so mutable) table: never inlined.
  (type $case (func (param i32 i32) (result i32)))
  (table (export "cases") 5 funcref)
  (elem (i32.const 0) $neg $neg_off $store_neg $edge $far)
  ;; `sp[-1]` of a 4-byte stack.
  (func $neg (type $case)
    (i32.load (i32.add (local.get 0) (i32.const -8))))
  ;; A static offset on top: stays a 32-bit subtraction.
  (func $neg_off (type $case)
    (i32.load offset=16 (i32.add (local.get 0) (i32.const -8))))
  (func $store_neg (type $case)
    (i32.store (i32.add (local.get 0) (i32.const -4)) (local.get 1))
    (i32.const 0))
  ;; The largest k the guard covers, and an 8-byte access.
  (func $edge (type $case)
    (i32.wrap_i64 (i64.load (i32.add (local.get 0) (i32.const -65536)))))
  ;; One byte further than the guard: stays a 32-bit subtraction.
  (func $far (type $case)
    (i32.load (i32.add (local.get 0) (i32.const -65537))))
  (func $call (param $slot i32) (param $x i32) (param $v i32) (result i32)
    (call_indirect (type $case) (local.get $x) (local.get $v) (local.get $slot)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $case i32)
    (local $ok i32)
    (call $get-arguments (i32.const 2048))
    (local.set $case (i32.load (i32.const 2052)))
    (call $write (call $get-stdout) (i32.const 1024) (i32.const 7) (i32.const 3072))
    (if (i32.eq (local.get $case) (i32.const 1))
      (then
        (drop (call $call (i32.const 2) (i32.const 8) (i32.const 42)))
        (local.set $ok (i32.and
          (i32.and
            (i32.and (i32.eq (call $call (i32.const 0) (i32.const 8) (i32.const 0)) (i32.const 1))
                     (i32.eq (call $call (i32.const 0) (i32.const 12) (i32.const 0)) (i32.const 42)))
            (i32.and (i32.eq (call $call (i32.const 1) (i32.const 8) (i32.const 0)) (i32.const 5))
                     (i32.eq (call $call (i32.const 3) (i32.const 65544) (i32.const 0)) (i32.const 3))))
          (i32.eq (call $call (i32.const 4) (i32.const 65637) (i32.const 0)) (i32.const 7)))))
      (else
        ;; 2: sp[-1] at x = 4; 3: the offset case at x = 4 (2^32 - 4 + 16);
        ;; 4: the store at x = 2, across the guard and byte 0; 5: the i64 at
        ;; 65535 - 65536 = -1, across the guard and the first page.
        (drop (call $call (i32.sub (local.get $case) (i32.const 2))
          (select (i32.const 2) (select (i32.const 4) (i32.const 65535) (i32.lt_u (local.get $case) (i32.const 4)))
                  (i32.eq (local.get $case) (i32.const 4)))
          (i32.const 7)))))
    (if (local.get $ok)
      (then (call $write (call $get-stdout) (i32.const 1040) (i32.const 6) (i32.const 3072))))
    (i32.const 0)))
