;; NonZeroCountsPass (compiler/codegen/NonZeroCounts.h): zstd's candidate
;; loop walks the set bits of a mask with i64.ctz, entered only when the
;; mask (a rotate of ~tags: zero exactly when tags == -1) is non-zero and
;; left when `m & (m - 1)` is zero (SimplifyCFG merges that exit with the
;; count's into one branch on an `or`); its count is marked non-zero and
;; gives the same positions. A count that may see zero keeps its zero case
;; (64).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}scan ok{{$}}
;; CHECK-NEXT: {{^}}zero ok{{$}}
;; IR-LABEL: define internal {{.*}}@i1.count(
;; IR: @llvm.cttz.i64(i64 %0, i1 false)
;; IR-LABEL: define internal {{.*}}@i1.scan(
;; IR: @llvm.cttz.i64(i64 %{{[0-9a-z.]+}}, i1 true)
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "scan ok\nzero ok\n")
  (type $scan (func (param i64 i32 i32) (result i32)))
  (type $count (func (param i64) (result i32)))
  (table (export "table") funcref (elem $scan $count))
  ;; Nothing says x is not zero.
  (func $count (param $x i64) (result i32)
    (i32.wrap_i64 (i64.ctz (local.get $x))))
  ;; zstd's candidate loop: the set bits of rotr(~tags, 8), lowest first,
  ;; at most 2^k of them, each a byte of the table at 256 (position + 1);
  ;; a byte below limit ends the walk; the bytes taken are stored at 512 and
  ;; summed, times their order.
  (func $scan (param $tags i64) (param $k i32) (param $limit i32) (result i32)
    (local $m i64) (local $n i32) (local $v i32) (local $s i32)
    (if (i64.eq (local.get $tags) (i64.const -1)) (then (return (i32.const 0))))
    (local.set $m (i64.rotr (i64.xor (local.get $tags) (i64.const -1)) (i64.const 8)))
    (block $done
      (loop $l
        (local.set $v (i32.load8_u offset=256
          (i32.and (i32.wrap_i64 (i64.ctz (local.get $m))) (i32.const 63))))
        (br_if $done (i32.lt_u (local.get $v) (local.get $limit)))
        (i32.store offset=512 (i32.shl (local.get $n) (i32.const 2)) (local.get $v))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (i32.mul (local.get $v) (local.get $n))))
        (local.set $m (i64.and (local.get $m) (i64.sub (local.get $m) (i64.const 1))))
        (br_if $done (i64.eqz (local.get $m)))
        (br_if $l (i32.ne (local.get $n) (i32.shl (i32.const 1) (local.get $k))))))
    (local.get $s))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $s (param $t i64) (param $k i32) (param $limit i32) (result i32)
    (call_indirect (type $scan) (local.get $t) (local.get $k) (local.get $limit) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $i i32)
    (loop $fill
      (i32.store8 offset=256 (local.get $i) (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 64))))
    (if (i32.and (i32.and
          (i32.and (i32.eq (call $s (i64.const 0xfffffffffffffeff) (i32.const 6) (i32.const 0)) (i32.const 1))
                   (i32.eq (call $s (i64.const 0x7fffffffffffffff) (i32.const 6) (i32.const 0)) (i32.const 56)))
          (i32.and (i32.eqz (call $s (i64.const -1) (i32.const 6) (i32.const 0)))
                   (i32.eq (call $s (i64.const 0) (i32.const 6) (i32.const 0)) (i32.const 89440))))
        (i32.and
          (i32.and (i32.eq (call $s (i64.const 0) (i32.const 2) (i32.const 0)) (i32.const 30))
                   (i32.eq (call $s (i64.const 0) (i32.const 6) (i32.const 30)) (i32.const 0)))
          (i32.eq (call $s (i64.const 0x00ff00ff00ff00ff) (i32.const 6) (i32.const 0)) (i32.const 20336))))
      (then (call $print (i32.const 64) (i32.const 8))))
    (if (i32.and (i32.eq (call_indirect (type $count) (i64.const 0) (i32.const 1)) (i32.const 64))
                 (i32.eq (call_indirect (type $count) (i64.const 0x100) (i32.const 1)) (i32.const 8)))
      (then (call $print (i32.const 72) (i32.const 8))))
    (i32.const 0)))
