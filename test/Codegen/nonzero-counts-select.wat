;; NonZeroCountsPass (compiler/codegen/NonZeroCounts.h): a count whose
;; every use is a select that takes another value where the count's operand
;; is zero is marked non-zero (its value at zero is never chosen). wasm32's
;; 64-bit count split in halves leaves `select (m == 0), 0, ctz((u32)m)`
;; with m an i64 mask whose high half is known zero: the compare is on m,
;; the count on `trunc nuw m` (zstd's row finders with 16-entry rows).
;; InstCombine marks such a count itself only when the select compares the
;; count's own operand; `trunc nuw` is zero exactly when m is.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}walk ok{{$}}
;; IR-LABEL: define internal {{.*}}@i1.walk(
;; IR: @llvm.cttz.i32(i32 %{{[0-9a-z.]+}}, i1 true)
;; IR: {{^}}}{{$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "walk ok\n")
  (type $walk (func (param i32 i32) (result i32)))
  (table (export "table") funcref (elem $walk))
  ;; n steps over the set bits of x's low 16 bits, lowest first, in an i64
  ;; mask: each step adds the bit's position, or 100 once none is left.
  (func $walk (param $x i32) (param $n i32) (result i32)
    (local $m i64) (local $s i32)
    (local.set $m (i64.extend_i32_u (i32.and (local.get $x) (i32.const 0xffff))))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s)
          (select (i32.const 100) (i32.ctz (i32.wrap_i64 (local.get $m))) (i64.eqz (local.get $m)))))
        (local.set $m (i64.and (local.get $m) (i64.sub (local.get $m) (i64.const 1))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func $w (param $x i32) (param $n i32) (result i32)
    (call_indirect (type $walk) (local.get $x) (local.get $n) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; Bits 0, 5, 10, 15 then two steps past them; bit 16 is masked off; 0
    ;; has no bits; bit 15 alone.
    (if (i32.and
          (i32.and (i32.eq (call $w (i32.const 0x18421) (i32.const 6)) (i32.const 230))
                   (i32.eq (call $w (i32.const 0) (i32.const 3)) (i32.const 300)))
          (i32.eq (call $w (i32.const 0x8000) (i32.const 1)) (i32.const 15)))
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 8) (i32.const 0))))
    (i32.const 0)))
