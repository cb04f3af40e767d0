;; NegativeOffsets (compiler/codegen/NegativeOffsets.h), the constant one add
;; down: an access at offset 0 of `(v - k) + m` (zstd's `match + ml - 3`,
;; associated as `(ml - 3) + match`) is an access of `(v + m) - k`, so it
;; addresses `membase + zext(v + m) - k` and -k folds into the addressing
;; mode. When the i32 sum wraps below zero wasm's address is past the end of
;; memory and ours lies in the guard below the base: both trap. Not folded: a
;; static offset on top.
;; The case is the number of program arguments: 1 runs each function in
;; bounds and checks what it read and wrote, 2-4 make the sum wrap.
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
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.ok %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=OK < %t.aarch64.ok %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 > %t.aarch64.1 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.1 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 > %t.aarch64.2 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.2 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 3 > %t.aarch64.3 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.3 %}
;; IR-LABEL: @i1.nested(
;; IR-NOT: add i32 %{{[0-9]+}}, -8
;; IR: getelementptr i8, ptr %{{[^,]+}}, i64 -8
;; IR-LABEL: @i1.nested_store(
;; IR-NOT: add i32 %{{[0-9]+}}, -8
;; IR: getelementptr i8, ptr %{{[^,]+}}, i64 -8
;; IR-LABEL: @i1.nested_off(
;; IR: add i32 %{{[0-9]+}}, -8
;; ASM-LABEL: {{^}}i1.nested:
;; ASM: {{l[[:space:]]+-8\(%[a-z0-9]+,%[a-z0-9]+\), %e[a-z0-9]+}}
;; ASM-LABEL: {{^}}i1.nested_store:
;; ASM: {{movl[[:space:]]+%[a-z0-9]+, -8\(%[a-z0-9]+,%[a-z0-9]+\)}}
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
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
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
  (table (export "cases") 3 funcref)
  (elem (i32.const 0) $nested $nested_store $nested_off)
  ;; m = x + 4*v is read on its own too, so it stays a value of its own and
  ;; the constant stays one add below the address's top.
  (func $nested (type $case)
    (local $m i32)
    (local.set $m (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
    (i32.add (i32.load (i32.add (i32.add (local.get 1) (i32.const -8)) (local.get $m)))
             (i32.load8_u (local.get $m))))
  (func $nested_store (type $case)
    (local $m i32)
    (local.set $m (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
    (i32.store (i32.add (i32.add (local.get 1) (i32.const -8)) (local.get $m)) (local.get $m))
    (i32.load8_u (local.get $m)))
  ;; A static offset on top: stays a 32-bit sum (the wrapped address plus 4
  ;; is out of bounds in wasm, but -3 + 4 would be inside the memory).
  (func $nested_off (type $case)
    (local $m i32)
    (local.set $m (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
    (i32.add (i32.load offset=4 (i32.add (i32.add (local.get 1) (i32.const -8)) (local.get $m)))
             (i32.load8_u (local.get $m))))
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
        ;; x = 0, v = 2: m = 8, the word at 2 (0x06050403) plus byte 8 (9);
        ;; x = 4, v = 1: m = 8, the word at 1 plus byte 8; the store writes
        ;; m = 8 at 2, then byte 8 (still 9); the offset case reads at 6.
        (local.set $ok (i32.and
          (i32.and
            (i32.eq (call $call (i32.const 0) (i32.const 0) (i32.const 2)) (i32.const 0x0605040c))
            (i32.eq (call $call (i32.const 0) (i32.const 4) (i32.const 1)) (i32.const 0x0504030b)))
          (i32.and
            (i32.eq (call $call (i32.const 2) (i32.const 0) (i32.const 2)) (i32.const 0x0a090810))
            (i32.and
              (i32.eq (call $call (i32.const 1) (i32.const 0) (i32.const 2)) (i32.const 9))
              (i32.eq (i32.load (i32.const 0)) (i32.const 0x00080201)))))))
      (else
        ;; x = 0, v = 1: m = 4 and the sum 1 - 8 + 4 = -3 wraps. 2: the load
        ;; (bytes -3..0, across the guard and byte 0); 3: the store; 4: the
        ;; static offset (2^32 - 3 + 4 in wasm).
        (drop (call $call (i32.sub (local.get $case) (i32.const 2)) (i32.const 0) (i32.const 1)))))
    (if (local.get $ok)
      (then (call $write (call $get-stdout) (i32.const 1040) (i32.const 6) (i32.const 3072))))
    (i32.const 0)))
