;; clang's wasm target unrolls small loops itself: this byte loop does i and
;; i+1 each trip, as clang emits `out[i] = max(out[i], in[i]) + (in[i] >> 3)`.
;; The loop vectoriser sees factor-2 interleave groups, which SSE2's cost
;; model gathers lane by lane; rerolled (compiler/codegen/RerollLoops.h) it
;; is a plain byte loop and is vectorised 16 bytes at a time. The results
;; are the loop's own (a checksum over the bytes written), and a loop running
;; past the end of memory still traps.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; IR-LABEL: define internal {{.*}}@{{.*}}blend(
;; IR: load <16 x i8>
;; IR: ret void
;; CHECK: {{^}}blend ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "blend ok\n")
  (data (i32.const 32) "after\n")
  (type $blend (func (param i32 i32 i32)))
  ;; An exported (so mutable) table: $blend is not inlined into $run.
  (table (export "t") 1 funcref)
  (elem (i32.const 0) $blend)
  ;; out[i] = max(out[i], in[i]) + (in[i] >> 3) for i < n (n even, > 0),
  ;; in clang's shape: up to n & 0x7ffffffe, two bytes a trip.
  (func $blend (param $out i32) (param $in i32) (param $n i32)
    (local $i i32) (local $a i32) (local $b i32) (local $end i32)
    (local.set $end (i32.and (local.get $n) (i32.const 0x7ffffffe)))
    (loop $l
      (local.set $a (i32.load8_u (i32.add (local.get $out) (local.get $i))))
      (local.set $b (i32.load8_u (i32.add (local.get $in) (local.get $i))))
      (i32.store8 (i32.add (local.get $out) (local.get $i))
        (i32.add (select (local.get $a) (local.get $b) (i32.gt_u (local.get $a) (local.get $b)))
                 (i32.shr_u (local.get $b) (i32.const 3))))
      (local.set $a (i32.load8_u offset=1 (i32.add (local.get $out) (local.get $i))))
      (local.set $b (i32.load8_u offset=1 (i32.add (local.get $in) (local.get $i))))
      (i32.store8 offset=1 (i32.add (local.get $out) (local.get $i))
        (i32.add (select (local.get $a) (local.get $b) (i32.gt_u (local.get $a) (local.get $b)))
                 (i32.shr_u (local.get $b) (i32.const 3))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $end)))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $k i32) (local $sum i32)
    ;; out[k] = 7k at 4096, in[k] = 13k at 8192 (bytes), 64 of each
    (loop $fill
      (i32.store8 offset=4096 (local.get $k) (i32.mul (local.get $k) (i32.const 7)))
      (i32.store8 offset=8192 (local.get $k) (i32.mul (local.get $k) (i32.const 13)))
      (br_if $fill (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 64))))
    (call_indirect (type $blend) (i32.const 4096) (i32.const 8192) (i32.const 64) (i32.const 0))
    (local.set $k (i32.const 0))
    (loop $sum
      (local.set $sum (i32.add (local.get $sum) (i32.load8_u offset=4096 (local.get $k))))
      (br_if $sum (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 64))))
    (if (i32.eq (local.get $sum) (i32.const 8258))
      (then (call $write (call $get-stdout) (i32.const 16) (i32.const 9) (i32.const 0))))
    ;; the last 62 bytes of memory and 2 past them
    (call_indirect (type $blend) (i32.const 65474) (i32.const 8192) (i32.const 64) (i32.const 0))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
