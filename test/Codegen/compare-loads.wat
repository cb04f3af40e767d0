;; CompareLoads (compiler/codegen/CompareLoads.cpp): a guard-page load whose
;; value only feeds the compare of its block's branch loses its fake use once
;; the IR passes are done, so x86 instruction selection folds it into the
;; compare (`cmpl (mem), %reg`, `testb $8, (mem)`) instead of loading it into
;; a register first. The trap must stay: each case reads past the single
;; 64 KiB page and must fault. Case 2 is an i32 load of which only the low
;; byte is tested: it keeps its fake use (instruction selection would narrow
;; it to a one-byte load of the page's last byte, which does not fault).
;; The case is the number of program arguments.
;; RUN: %wasi-component %s %t.wasm
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
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 > %t.aarch64.1 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.1 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 > %t.aarch64.2 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.2 %}
;; ASM-LABEL: {{^}}i1.below:
;; ASM: {{cmpl[[:space:]]+%[a-z0-9]+, \(%[a-z0-9]+,%[a-z0-9]+\)|cmpl[[:space:]]+\(%[a-z0-9]+,%[a-z0-9]+\), %[a-z0-9]+}}
;; ASM-LABEL: {{^}}i1.classed:
;; ASM: {{testb[[:space:]]+\$8, \(%[a-z0-9]+,%[a-z0-9]+\)}}
;; ASM-LABEL: {{^}}i1.low_byte:
;; ASM-NOT: {{testb[[:space:]]+\$8, \(}}
;; ASM: {{^[[:space:]]+retq$}}
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
  (data (i32.const 16) "before\n")
  (data (i32.const 32) "after\n")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through an exported (so mutable) table: never inlined.
  (type $case (func (param i32 i32) (result i32)))
  (table (export "cases") 3 funcref)
  (elem (i32.const 0) $below $classed $low_byte)
  ;; `if (*p < n)`: the limit test of an interpreter.
  (func $below (type $case)
    (if (result i32) (i32.lt_u (i32.load (local.get 0)) (local.get 1))
      (then (call $get-stdout))
      (else (i32.const 7))))
  ;; `if (table[c] & 8)`: a character-class test.
  (func $classed (type $case)
    (if (result i32) (i32.and (i32.load8_u (i32.add (local.get 0) (local.get 1))) (i32.const 8))
      (then (call $get-stdout))
      (else (i32.const 7))))
  ;; The low byte of an i32: must stay a four-byte load.
  (func $low_byte (type $case)
    (if (result i32) (i32.and (i32.load (local.get 0)) (i32.const 8))
      (then (call $get-stdout))
      (else (i32.const 7))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $case i32)
    (call $get-arguments (i32.const 0))
    (local.set $case (i32.load (i32.const 4)))
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    ;; No argument (the program's name only): every case in bounds. Else case
    ;; number-1, reading past the page: the i32 loads at the page's last byte,
    ;; the byte at the first address after it.
    (if (i32.eq (local.get $case) (i32.const 1))
      (then
        (drop (call_indirect (type $case) (i32.const 64) (i32.const 0) (i32.const 0)))
        (drop (call_indirect (type $case) (i32.const 64) (i32.const 1) (i32.const 1)))
        (drop (call_indirect (type $case) (i32.const 64) (i32.const 0) (i32.const 2))))
      (else
        (drop (call_indirect (type $case)
          (select (i32.const 0xffff) (i32.const 0xffff) (i32.eq (local.get $case) (i32.const 3)))
          (select (i32.const 1) (i32.const 0) (i32.eq (local.get $case) (i32.const 3)))
          (i32.sub (local.get $case) (i32.const 2))))))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
