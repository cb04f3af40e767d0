;; AddressWrapVersioningPass copies its no-wrap copy of a loop once more
;; for when the loop's streams are apart (address-wrap-disjoint.wat), for
;; the vectoriser. A loop with a carry from one iteration to the next (a
;; bignum addition, `d[j] += s[j] + carry`, two limbs a turn as clang
;; unrolls it: Mbed TLS's mpi_mul_hlp has this shape) is not vectorised, so
;; the third copy compiled to the plain no-wrap copy's code and only its
;; check, run at each entry, was left of it. UnusedDisjointCopiesPass
;; removes such a copy and its check after the vectoriser; the vectorised
;; one of address-wrap-disjoint.wat stays (checked there). Values: apart,
;; overlapping (d one limb ahead of s: each turn reads a limb just
;; written), ending at the last byte of memory (no trap), one limb further
;; (traps), on x86-64 and under qemu-aarch64.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}apart ok{{$}}
;; CHECK-NEXT: {{^}}overlap ok{{$}}
;; CHECK-NEXT: {{^}}edge ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.addc(
;; IR-NOT: {{^[.a-z0-9]*}}disjoint{{[.a-z0-9]*}}:
;; IR: {{^}}loop.nowrap:
;; IR-NOT: {{^[.a-z0-9]*}}disjoint{{[.a-z0-9]*}}:
;; IR-NOT: !alias.scope
;; IR: {{^}}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "apart ok\noverlap ok\nedge ok\nafter\n")
  ;; Called through the exported table so that it stays a function.
  (type $addc (func (param i32 i32 i32 i32) (result i32)))
  (table (export "table") funcref (elem $addc))
  ;; d[j] += s[j] + carry for j < 2 * pairs (pairs at least 1), two limbs a
  ;; turn, from carry c; returns the last carry (0, 1 or 2: no matter).
  (func $addc (param $d i32) (param $s i32) (param $pairs i32) (param $c i32) (result i32) (local $t i32) (local $u i32)
    (loop $l
      (local.set $t (i32.add (i32.load (local.get $s)) (local.get $c)))
      (local.set $c (i32.lt_u (local.get $t) (local.get $c)))
      (local.set $u (i32.add (i32.load (local.get $d)) (local.get $t)))
      (local.set $c (i32.add (local.get $c) (i32.lt_u (local.get $u) (local.get $t))))
      (i32.store (local.get $d) (local.get $u))
      (local.set $t (i32.add (i32.load (i32.add (local.get $s) (i32.const 4))) (local.get $c)))
      (local.set $c (i32.lt_u (local.get $t) (local.get $c)))
      (local.set $u (i32.add (i32.load (i32.add (local.get $d) (i32.const 4))) (local.get $t)))
      (local.set $c (i32.add (local.get $c) (i32.lt_u (local.get $u) (local.get $t))))
      (i32.store (i32.add (local.get $d) (i32.const 4)) (local.get $u))
      (local.set $d (i32.add (local.get $d) (i32.const 8)))
      (local.set $s (i32.add (local.get $s) (i32.const 8)))
      (br_if $l (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1)))))
    (local.get $c))
  ;; sum of (k + 1) * word k of the n words at p, wrapping.
  (func $checksum (param $p i32) (param $n i32) (result i32) (local $k i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.mul (i32.add (local.get $k) (i32.const 1))
                 (i32.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2)))))))
      (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
    (local.get $s))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $k i32)
    ;; Words at 4096: k * 0x9e3779b9; at 8192: ~k * 0x7f4a7c15 (k < 1024):
    ;; sums that carry about half the time.
    (loop $fill
      (i32.store offset=4096 (i32.shl (local.get $k) (i32.const 2)) (i32.mul (local.get $k) (i32.const 0x9e3779b9)))
      (i32.store offset=8192 (i32.shl (local.get $k) (i32.const 2))
        (i32.xor (i32.mul (local.get $k) (i32.const 0x7f4a7c15)) (i32.const -1)))
      (br_if $fill (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 1024))))
    ;; Apart: d = 4096, s = 8192, 64 limbs; the carry out is part of the sum.
    (if (i32.eq (i32.add (call_indirect (type $addc) (i32.const 4096) (i32.const 8192) (i32.const 32) (i32.const 1) (i32.const 0))
                         (call $checksum (i32.const 4096) (i32.const 64)))
                (i32.const 1763366911))
      (then (call $print (i32.const 64) (i32.const 9))))
    ;; Overlapping: d one limb ahead of s (d = 5124, s = 5120), 64 limbs.
    (if (i32.eq (i32.add (call_indirect (type $addc) (i32.const 5124) (i32.const 5120) (i32.const 32) (i32.const 1) (i32.const 0))
                         (call $checksum (i32.const 5120) (i32.const 66)))
                (i32.const -793601292))
      (then (call $print (i32.const 73) (i32.const 11))))
    ;; The last 64 limbs of memory: no trap.
    (drop (call_indirect (type $addc) (i32.const 65280) (i32.const 8192) (i32.const 32) (i32.const 1) (i32.const 0)))
    (call $print (i32.const 84) (i32.const 8))
    ;; One limb further: d[j+1] of the last turn is past the end, and traps.
    (drop (call_indirect (type $addc) (i32.const 65284) (i32.const 8192) (i32.const 32) (i32.const 1) (i32.const 0)))
    (call $print (i32.const 92) (i32.const 6))
    (i32.const 0)))
