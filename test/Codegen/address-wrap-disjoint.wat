;; AddressWrapVersioningPass versions its no-wrap copy once more on the
;; streams being apart: a loop clang unrolled twice for wasm (c[j], c[j+1],
;; b[j], b[j+1] through i32 pointer induction variables, as in a matrix
;; multiply's `c[i*n+j] += a * b[k*n+j]`; here `c[j] += b[j] - a`, whose
;; loads need no fake use, which would stop the vectoriser) has every address based on the
;; memory base, so LoopAccessAnalysis cannot order b against c, and its
;; runtime checks then compare c[j] with c[j+1], which always overlap: the
;; vector loop never ran. When c's and b's ranges are apart (checked before
;; the loop), a copy whose accesses carry a scope per stream runs, and it is
;; vectorised with no runtime check. Overlapping streams (c one element
;; ahead of b: each c[j] reads the c[j-1] just written) take the other copy
;; and compute what wasm says; a loop ending at the last byte of memory does
;; not trap, and one running a word past it traps.
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
;; CHECK: {{^}}disjoint ok{{$}}
;; CHECK-NEXT: {{^}}overlap ok{{$}}
;; CHECK-NEXT: {{^}}edge ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.axpy(
;; IR: br i1 %{{[0-9]+}}, label %{{[.a-z0-9]*}}nowrap{{[.a-z0-9]*}}, label %loop.preheader
;; IR: br i1 %{{[0-9]+}}, label %loop.nowrap.disjoint.preheader, label %loop.nowrap.preheader
;; IR: {{^}}loop.nowrap.disjoint.preheader:
;; IR-NOT: memcheck
;; IR: {{^}}vector.body{{[0-9]*}}:
;; IR-NOT: {{^}}{{[.a-z0-9]+}}:
;; IR: load <{{[0-9]+}} x i32>, ptr %{{.*}}, !alias.scope ![[S:[0-9]+]], !noalias
;; IR-NOT: {{^}}{{[.a-z0-9]+}}:
;; IR: store <{{[0-9]+}} x i32> %{{.*}}, ptr %{{.*}}, !alias.scope
;; IR: {{^}}loop.nowrap.disjoint:
;; IR-NOT: {{^}}{{[.a-z0-9]+}}:
;; IR: load i32, ptr %{{.*}}, !alias.scope ![[S]], !noalias
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "disjoint ok\noverlap ok\nedge ok\nafter\n")
  ;; Called through the exported table so that it stays a function.
  (type $axpy (func (param i32 i32 i32 i32)))
  (table (export "table") funcref (elem $axpy))
  ;; c[j] += b[j] - a for j < 2 * pairs (pairs at least 1), two a turn, as
  ;; clang unrolls it: c and b are pointers stepping by 8, c[j+1] is at c + 4.
  (func $axpy (param $c i32) (param $b i32) (param $pairs i32) (param $a i32)
    (loop $l
      (i32.store (local.get $c)
        (i32.add (i32.load (local.get $c)) (i32.sub (i32.load (local.get $b)) (local.get $a))))
      (i32.store (i32.add (local.get $c) (i32.const 4))
        (i32.add (i32.load (i32.add (local.get $c) (i32.const 4)))
                 (i32.sub (i32.load (i32.add (local.get $b) (i32.const 4))) (local.get $a))))
      (local.set $c (i32.add (local.get $c) (i32.const 8)))
      (local.set $b (i32.add (local.get $b) (i32.const 8)))
      (br_if $l (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1))))))
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
    ;; Words at 4096: k; at 8192: 3k + 1 (k < 1024).
    (loop $fill
      (i32.store offset=4096 (i32.shl (local.get $k) (i32.const 2)) (local.get $k))
      (i32.store offset=8192 (i32.shl (local.get $k) (i32.const 2))
        (i32.add (i32.mul (local.get $k) (i32.const 3)) (i32.const 1)))
      (br_if $fill (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 1024))))
    ;; Apart: c = 4096, b = 8192, 64 words.
    (call_indirect (type $axpy) (i32.const 4096) (i32.const 8192) (i32.const 32) (i32.const 5) (i32.const 0))
    (if (i32.eq (call $checksum (i32.const 4096) (i32.const 64)) (i32.const 341120))
      (then (call $print (i32.const 64) (i32.const 12))))
    ;; Overlapping: c one word ahead of b (c = 5124, b = 5120), 64 words: a
    ;; recurrence (the expected sum from running the loop word by word).
    (call_indirect (type $axpy) (i32.const 5124) (i32.const 5120) (i32.const 32) (i32.const 2) (i32.const 0))
    (if (i32.eq (call $checksum (i32.const 5120) (i32.const 66)) (i32.const 26070066))
      (then (call $print (i32.const 76) (i32.const 11))))
    ;; The last 64 words of memory: no trap.
    (call_indirect (type $axpy) (i32.const 65280) (i32.const 8192) (i32.const 32) (i32.const 1) (i32.const 0))
    (call $print (i32.const 87) (i32.const 8))
    ;; One word further: c[j+1] of the last turn is past the end, and traps.
    (call_indirect (type $axpy) (i32.const 65284) (i32.const 8192) (i32.const 32) (i32.const 1) (i32.const 0))
    (call $print (i32.const 95) (i32.const 6))
    (i32.const 0)))
