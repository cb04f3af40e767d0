;; AddressRangeVersioningPass: a loop that is not innermost, indexing by
;; bounded values rather than affine ones (brotli's hasher, reduced):
;; `bucket + ((i & mask) << 2)` and `data + x` after `x > limit` left the
;; iteration. Before the loop one check (bucket + (mask << 2) and data + limit
;; below 2^32) picks a copy whose addresses are 64-bit sums off hoisted
;; pointers; otherwise the original runs and wraps as wasm says. Results are
;; those of wasm's wrapping sums (the check fails and the wrapping copy runs
;; on addresses that wrap), and an access past the end of memory in the fast
;; copy still traps, after the loads before it (with guard pages and with
;; explicit bounds checks).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %wacc -O2 --bounds-checks %t.wasm -o %t.bounds
;; RUN: not %t.bounds > %t.bounds.out 2>&1
;; RUN: %FileCheck %s < %t.bounds.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}fast ok{{$}}
;; CHECK-NEXT: {{^}}wrapped ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; The check (both sums below 2^32, whatever form InstCombine gives it)
;; picks the copy; there the invariant parts are pointers made once,
;; membase + zext(bucket) and membase + zext(data), and each access adds
;; only the varying part: 4 * zext(i & mask), zext(x). The wrapping copy
;; keeps the 32-bit sums.
;; IR-LABEL: define internal {{.*}}@i1.walk(
;; IR: %[[WBUCKET:[0-9]+]] = zext i32 %0 to i64
;; IR: icmp ult i64 %{{.*}}, 4294967296
;; IR: br i1 %{{[0-9]+}}, label %[[FAST:[.a-z0-9_]*inrange[.a-z0-9_]*]], label
;; IR: {{^}}[[FAST]]:
;; IR-DAG: %[[BUCKET:[0-9]+]] = getelementptr inbounds nuw i8, ptr %membase{{[.a-z]*}}, i64 %[[WBUCKET]]
;; IR-DAG: %[[DATA:[0-9]+]] = getelementptr inbounds nuw i8, ptr %membase{{[.a-z]*}}, i64 %{{[0-9]+}}
;; IR: {{^}}br_if.cont.inrange:
;; IR: %[[MASKED:[0-9]+]] = and i32 %{{[0-9]+}}, %1
;; IR-NEXT: %[[WIDE:[0-9]+]] = zext i32 %[[MASKED]] to i64
;; IR-NEXT: %[[SCALED:[0-9]+]] = shl nuw nsw i64 %[[WIDE]], 2
;; IR-NEXT: %[[AT:[0-9]+]] = getelementptr inbounds nuw i8, ptr %[[BUCKET]], i64 %[[SCALED]]
;; IR-NEXT: %[[X:[0-9]+]] = load i32, ptr %[[AT]]
;; IR: {{^}}br_if.cont9.inrange:
;; IR-NEXT: %[[WX:[0-9]+]] = zext i32 %[[X]] to i64
;; IR-NEXT: getelementptr inbounds nuw i8, ptr %[[DATA]], i64 %[[WX]]
;; IR: {{^}}br_if.cont:
;; IR: %[[SUM:[0-9]+]] = add i32 %{{[0-9]+}}, %0
;; IR-NEXT: zext i32 %[[SUM]] to i64
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "fast ok\nwrapped ok\nafter\n")
  ;; Called through the exported table so that it stays a function.
  (type $walk (func (param i32 i32 i32 i32 i32 i32) (result i32)))
  (table (export "table") funcref (elem $walk))
  ;; For i = n-1 down to 0: x = bucket[i & mask] (i32s); unless x > limit,
  ;; adds the bytes at data + x, data + x + 1, ..., data + x + len - 1 (the
  ;; inner loop makes this loop not innermost).
  (func $walk (param $bucket i32) (param $mask i32) (param $data i32) (param $limit i32) (param $n i32)
    (param $len i32) (result i32) (local $x i32) (local $j i32) (local $acc i32)
    (block $done
      (loop $outer
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $x (i32.load
          (i32.add (local.get $bucket) (i32.shl (i32.and (local.get $n) (local.get $mask)) (i32.const 2)))))
        (br_if $outer (i32.gt_u (local.get $x) (local.get $limit)))
        (local.set $acc (i32.add (local.get $acc) (i32.load8_u (i32.add (local.get $data) (local.get $x)))))
        (local.set $j (i32.const 1))
        (block $short
          (br_if $short (i32.ge_u (local.get $j) (local.get $len)))
          (loop $inner
            (local.set $acc (i32.add (local.get $acc)
              (i32.load8_u (i32.add (local.get $data) (i32.add (local.get $x) (local.get $j))))))
            (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $len)))))
        (br $outer)))
    (local.get $acc))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $i i32)
    ;; Bytes of value 1 at 2048..2559.
    (memory.fill (i32.const 2048) (i32.const 1) (i32.const 512))
    ;; Bucket at 1024: 0, 10, 20, 500, 30, 40, 50, 60 (500 is above the limit).
    (i32.store (i32.const 1024) (i32.const 0))
    (i32.store (i32.const 1028) (i32.const 10))
    (i32.store (i32.const 1032) (i32.const 20))
    (i32.store (i32.const 1036) (i32.const 500))
    (i32.store (i32.const 1040) (i32.const 30))
    (i32.store (i32.const 1044) (i32.const 40))
    (i32.store (i32.const 1048) (i32.const 50))
    (i32.store (i32.const 1052) (i32.const 60))
    ;; Each of the 7 accepted entries twice (n = 16, mask = 7), 2 bytes each.
    (if (i32.eq (call_indirect (type $walk) (i32.const 1024) (i32.const 7) (i32.const 2048) (i32.const 400)
                  (i32.const 16) (i32.const 2) (i32.const 0))
                (i32.const 28))
      (then (call $print (i32.const 64) (i32.const 8))))
    ;; data = 2^32 - 2048, entries 4096 + 10k: data + x wraps to 2048 + 10k.
    ;; data + limit does not fit in 32 bits, so the check fails; had the
    ;; copy with 64-bit sums run, it would read past 4 GiB and trap.
    (loop $fill
      (i32.store offset=1056 (i32.shl (local.get $i) (i32.const 2))
        (i32.add (i32.const 4096) (i32.mul (local.get $i) (i32.const 10))))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
    (if (i32.eq (call_indirect (type $walk) (i32.const 1056) (i32.const 7) (i32.const -2048) (i32.const 60000)
                  (i32.const 8) (i32.const 2) (i32.const 0))
                (i32.const 16))
      (then (call $print (i32.const 72) (i32.const 11))))
    ;; The copy with 64-bit sums reading the last bytes of memory (entries
    ;; 0, 1, 2, ... at 1088, visited from i = 7 down, data = 65532), then
    ;; one past the end (x = 4): a trap, and nothing printed after it.
    (local.set $i (i32.const 0))
    (loop $fill2
      (i32.store offset=1088 (i32.shl (local.get $i) (i32.const 2)) (i32.sub (i32.const 7) (local.get $i)))
      (br_if $fill2 (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
    (drop (call_indirect (type $walk) (i32.const 1088) (i32.const 7) (i32.const 65532) (i32.const 400)
            (i32.const 8) (i32.const 1) (i32.const 0)))
    (call $print (i32.const 83) (i32.const 6))
    (i32.const 0)))
