;; AddressWrapVersioningPass's no-wrap copy computes each address it checked
;; in 64 bits: `zext(p + (4*k + 32))` becomes one i64 recurrence starting at
;; zext(p) + 32, so the offsets fold into the addressing mode. (The `nuw`
;; flag the copy used to get was dropped by the first reassociation, and
;; both copies compiled to the same 32-bit `lea` per access.) Results are
;; those of wasm's wrapping sums, and an access past the end of memory in
;; the fast copy still traps, after the loads before it.
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
;; CHECK: {{^}}fast ok{{$}}
;; CHECK-NEXT: {{^}}wrapped ok{{$}}
;; CHECK-NEXT: {{^}}sum 6{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.sum_from(
;; IR: br i1 %{{[0-9]+}}, label %{{[.a-z]*}}nowrap{{[.a-z]*}}, label %loop.preheader
;; IR: loop.nowrap:
;; IR-NEXT: %wacc.wide.iv = phi i64
;; IR-NOT: zext i32
;; IR: getelementptr inbounds nuw i8, ptr %membase{{[.a-z]*}}, i64 %wacc.wide.iv
;; IR-NOT: zext i32
;; IR: br i1 %{{.*}}, label %{{.*}}, label %loop.nowrap
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "fast ok\nwrapped ok\nsum 6\nafter\n")
  ;; Called through the exported table so that it stays a function.
  (type $sum (func (param i32 i32) (result i32)))
  (table (export "table") funcref (elem $sum_from))
  ;; The sum of n i32s at p + 32, p + 36, ... (sums in i32, wrapping).
  (func $sum_from (param $p i32) (param $n i32) (result i32) (local $k i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc)
        (i32.load (i32.add (local.get $p) (i32.add (i32.shl (local.get $k) (i32.const 2)) (i32.const 32))))))
      (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $i i32)
    ;; 1024 i32s at 4096: the values 0..1023.
    (loop $fill
      (i32.store offset=4096 (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024))))
    ;; 0 + 1 + ... + 1023 through p = 4096 - 32.
    (if (i32.eq (call_indirect (type $sum) (i32.const 4064) (i32.const 1024) (i32.const 0)) (i32.const 523776))
      (then (call $print (i32.const 64) (i32.const 8))))
    ;; p = 2^32 - 16: p + 32 has wrapped to 16 before the loop, so the
    ;; addresses 16, 20, 24, 28 (holding 1, 2, 3, 4) are in the fast copy.
    (i32.store (i32.const 16) (i32.const 1))
    (i32.store (i32.const 20) (i32.const 2))
    (i32.store (i32.const 24) (i32.const 3))
    (i32.store (i32.const 28) (i32.const 4))
    (if (i32.eq (call_indirect (type $sum) (i32.const -16) (i32.const 4) (i32.const 0)) (i32.const 10))
      (then (call $print (i32.const 72) (i32.const 11))))
    ;; p + 32 = 2^32 - 8, n = 3: the sums would wrap in the loop (the check
    ;; fails), and the first address is already out of bounds; not run.
    ;; The fast copy reading the last three words of memory, then (n = 4)
    ;; one past the end: the first call prints, the second traps.
    (i32.store (i32.const 65524) (i32.const 1))
    (i32.store (i32.const 65528) (i32.const 2))
    (i32.store (i32.const 65532) (i32.const 3))
    (if (i32.eq (call_indirect (type $sum) (i32.const 65492) (i32.const 3) (i32.const 0)) (i32.const 6))
      (then (call $print (i32.const 83) (i32.const 6))))
    (drop (call_indirect (type $sum) (i32.const 65492) (i32.const 4) (i32.const 0)))
    (call $print (i32.const 89) (i32.const 6))
    (i32.const 0)))
