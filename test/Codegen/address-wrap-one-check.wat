;; Addresses of a versioned loop that differ only by a constant (the bytes
;; q+k+4 ... q+k+7 of a loop clang unrolled four times, inside an outer
;; loop over q) need one no-wrap check before the loop: AddressWrapVersioning
;; compares only the greatest of ends a constant apart (address-wrap-fields.wat
;; has the least ends and the traps). One sum per access, or-ed together
;; (InstCombine merges them only when nothing else uses the partial sums;
;; here the wide addresses do), cost a hash table's hash loop over short
;; keys more than its fast copy saved (bench/NOTES.md, session 11).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; CHECK: {{^}}fast ok{{$}}
;; CHECK-NEXT: {{^}}wrapped ok{{$}}
;; The inner loop's one check, with no or-ed sums before it:
;; IR-LABEL: define internal {{.*}}@i1.hashes(
;; IR-NOT: or i64
;; IR: icmp {{.*}}ult i64 %{{[0-9]+}}, 4294967296
;; IR-NOT: or i64
;; IR: nowrap:
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "fast ok\nwrapped ok\n")
  ;; Called through the exported table so that it stays a function. Writes
  ;; put their result at 256, clear of the bytes read at 0..10.
  (type $hashes (func (param i32 i32 i32) (result i32)))
  (table (export "table") funcref (elem $hashes))
  ;; The sum over i < m of FNV-1a of the n bytes at p + i + 4 (n a nonzero
  ;; multiple of 4), four bytes a turn.
  (func $hashes (param $p i32) (param $m i32) (param $n i32) (result i32)
    (local $i i32) (local $q i32) (local $k i32) (local $h i32) (local $sum i32)
    (loop $each
      (local.set $q (i32.add (local.get $p) (local.get $i)))
      (local.set $k (i32.const 0))
      (local.set $h (i32.const -2128831035))
      (loop $bytes
        (local.set $h (i32.mul (i32.xor (local.get $h)
          (i32.load8_u (i32.add (i32.add (local.get $q) (local.get $k)) (i32.const 4)))) (i32.const 16777619)))
        (local.set $h (i32.mul (i32.xor (local.get $h)
          (i32.load8_u (i32.add (i32.add (local.get $q) (local.get $k)) (i32.const 5)))) (i32.const 16777619)))
        (local.set $h (i32.mul (i32.xor (local.get $h)
          (i32.load8_u (i32.add (i32.add (local.get $q) (local.get $k)) (i32.const 6)))) (i32.const 16777619)))
        (local.set $h (i32.mul (i32.xor (local.get $h)
          (i32.load8_u (i32.add (i32.add (local.get $q) (local.get $k)) (i32.const 7)))) (i32.const 16777619)))
        (br_if $bytes (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 4)))
                              (i32.and (local.get $n) (i32.const -4)))))
      (local.set $sum (i32.add (local.get $sum) (local.get $h)))
      (br_if $each (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $m))))
    (local.get $sum))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $i i32)
    ;; The bytes 0, 1, ..., 63 at 4096; 1, 8, 15, ... (7i + 1) at 0..15.
    (loop $fill
      (i32.store8 offset=4096 (local.get $i) (local.get $i))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 64))))
    (local.set $i (i32.const 0))
    (loop $low
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 1)))
      (br_if $low (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16))))
    ;; In range (the fast copy): FNV-1a of 0..7, 1..8, 2..9 and 3..10, summed.
    (if (i32.eq (call_indirect (type $hashes) (i32.const 4092) (i32.const 4) (i32.const 8) (i32.const 0))
                (i32.const -111440324))
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 8) (i32.const 256))))
    ;; p = 2^32 - 4: every sum wraps, to the same windows of the bytes at 0
    ;; (the original loop).
    (if (i32.eq (call_indirect (type $hashes) (i32.const -4) (i32.const 4) (i32.const 8) (i32.const 0))
                (i32.const -7260788))
      (then (call $write (call $get-stdout) (i32.const 72) (i32.const 11) (i32.const 256))))
    (i32.const 0))
)
