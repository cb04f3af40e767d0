;; A sum of absolute differences: its loads feed a compare and a select and
;; the sum is carried round the loop, so KeptLoads keeps their fake uses, and
;; the loop vectoriser gives up on a loop with one. The loop is versioned on
;; every byte it reads lying within memory (compiler/codegen/InBoundsLoops.h):
;; that copy has no fake use and is vectorised; the original keeps them and
;; traps where wasm says. A sum ending at the last byte of memory runs without
;; a trap; one running a word past it traps.
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
;; IR-LABEL: define internal {{.*}}@{{.*}}sad(
;; IR-DAG: load <4 x i32>
;; IR-DAG: call void (...) @llvm.fake.use(i32
;; IR: ret i32
;; CHECK: {{^}}sad ok{{$}}
;; CHECK-NEXT: {{^}}edge ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "sad ok\n")
  (data (i32.const 32) "edge ok\n")
  (data (i32.const 48) "after\n")
  (type $sad (func (param i32 i32 i32) (result i32)))
  ;; An exported (so mutable) table: $sad is not inlined into $run.
  (table (export "t") 1 funcref)
  (elem (i32.const 0) $sad)
  ;; sum of |u[k] - v[k]| for k < n (n > 0), as clang writes it
  (func $sad (param $u i32) (param $v i32) (param $n i32) (result i32)
    (local $k i32) (local $s i32) (local $d i32) (local $at i32)
    (loop $l
      (local.set $at (i32.shl (local.get $k) (i32.const 2)))
      (local.set $d (i32.sub (i32.load (i32.add (local.get $u) (local.get $at)))
                             (i32.load (i32.add (local.get $v) (local.get $at)))))
      (local.set $s (i32.add (local.get $s)
        (select (i32.sub (i32.const 0) (local.get $d)) (local.get $d)
                (i32.lt_s (local.get $d) (i32.const 0)))))
      (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
    (local.get $s))
  (func $print (param $at i32) (param $n i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $n) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $k i32)
    ;; u[k] = k at 4096, v[k] = 2k at 8192, 256 of each
    (loop $fill
      (i32.store offset=4096 (i32.shl (local.get $k) (i32.const 2)) (local.get $k))
      (i32.store offset=8192 (i32.shl (local.get $k) (i32.const 2)) (i32.shl (local.get $k) (i32.const 1)))
      (br_if $fill (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 256))))
    ;; sum of k for k < 256
    (if (i32.eq (call_indirect (type $sad) (i32.const 4096) (i32.const 8192) (i32.const 256) (i32.const 0))
                (i32.const 32640))
      (then (call $print (i32.const 16) (i32.const 7))))
    ;; the last 1024 bytes of memory (zeros) against v: sum of 2k
    (if (i32.eq (call_indirect (type $sad) (i32.const 64512) (i32.const 8192) (i32.const 256) (i32.const 0))
                (i32.const 65280))
      (then (call $print (i32.const 32) (i32.const 8))))
    ;; a word past the end
    (drop (call_indirect (type $sad) (i32.const 64516) (i32.const 8192) (i32.const 256) (i32.const 0)))
    (call $print (i32.const 48) (i32.const 6))
    (i32.const 0)))
