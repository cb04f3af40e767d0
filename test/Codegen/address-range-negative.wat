;; AddressRangeVersioningPass on a shadow-stack array (bench indirect's
;; loop, reduced): `sp + -32 + 4 * (i & 7)`. The constant is the integer
;; -32, not 2^32 - 32: the address fits in [0, 2^32) when sp - 32 >= 0 and
;; sp - 32 + 28 < 2^32, so the check before the loop is `sp > 31` (read as
;; unsigned, the constant made it `sp < 4`, which no stack pointer meets,
;; and the copy never ran). The copy's accesses add 4 * (i & 7) to one
;; pointer, membase + sp - 32, made once before the loop. A stack pointer below 32 (the sum
;; wraps below 0) takes the original loop, reading the low addresses the
;; sum wraps to and trapping at 2^32 - 32 + 4 * (i & 7) as wasm does; a
;; stack pointer past the end of memory traps in the fast copy. Each trap
;; comes after what the runs before it printed.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: not %t 1 > %t.top.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TOP < %t.top.out
;; RUN: %wacc -O2 --bounds-checks %t.wasm -o %t.bounds
;; RUN: not %t.bounds > %t.bounds.out 2>&1
;; RUN: %FileCheck %s < %t.bounds.out
;; RUN: not %t.bounds 1 > %t.bounds.top.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TOP < %t.bounds.top.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 > %t.aarch64.top.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=TOP < %t.aarch64.top.out %}
;; CHECK: {{^}}fast ok{{$}}
;; CHECK-NEXT: {{^}}wrapped ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; TOP: {{^}}fast ok{{$}}
;; TOP-NEXT: wasm trap: out of bounds memory access
;; TOP-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.stack_sum(
;; IR-NOT: icmp ult i32 %{{[0-9a-z.]+}}, 4{{$}}
;; IR: icmp ugt i32 %[[SP:[0-9a-z.]+]], 31
;; IR: br i1 %{{[0-9a-z.]+}}, label %[[FAST:[.a-z0-9_]*inrange[.a-z0-9_]*]], label
;; IR: %[[WSP:[0-9]+]] = zext i32 %[[SP]] to i64
;; IR-NEXT: %[[FRAME:[0-9]+]] = getelementptr i8, ptr %membase{{[.a-z]*}}, i64 %[[WSP]]
;; IR-NEXT: getelementptr i8, ptr %[[FRAME]], i64 -32
;; IR: {{^}}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "fast ok\nwrapped ok\nafter\n")
  (global $heap (mut i32) (i32.const 16384))
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
;; Called through the exported table so that it stays a function.
  (type $sum (func (param i32 i32 i32) (result i32)))
  (table (export "table") funcref (elem $stack_sum))
  ;; The sum of the i32s at sp - 32 + 4 * (i & 7), i = from .. from + n - 1,
  ;; the address computed in the loop as clang leaves a frame's array there.
  (func $stack_sum (param $sp i32) (param $i i32) (param $n i32) (result i32) (local $end i32) (local $acc i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $end (i32.add (local.get $i) (local.get $n)))
      (loop $sum
        (local.set $acc (i32.add (local.get $acc)
          (i32.load (i32.add (i32.add (local.get $sp) (i32.const -32))
                             (i32.shl (i32.and (local.get $i) (i32.const 7)) (i32.const 2))))))
        (br_if $sum (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end)))))
    (local.get $acc))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $i i32)
    ;; A frame at 4096 - 32: the i32s 1, 2, ..., 8; 16 steps read each twice.
    (loop $fill
      (i32.store offset=4064 (i32.shl (local.get $i) (i32.const 2)) (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
    (if (i32.eq (call_indirect (type $sum) (i32.const 4096) (i32.const 0) (i32.const 16) (i32.const 0)) (i32.const 72))
      (then (call $print (i32.const 64) (i32.const 8))))
    ;; Any argument (argv[1]): sp = 65536 + 32, the frame past the end of
    ;; memory: the check holds, the fast copy traps at its first load.
    (call $get-arguments (i32.const 16))
    (if (i32.gt_u (i32.load (i32.const 20)) (i32.const 1))
      (then (drop (call_indirect (type $sum) (i32.const 65568) (i32.const 0) (i32.const 16) (i32.const 0)))
            (call $print (i32.const 83) (i32.const 6))))
    ;; Without: sp = 16. i & 7 = 4..7 read 0, 4, 8, 12 (the sum wraps past
    ;; 2^32), which hold 10, 20, 30, 40; then i = 8 reads 2^32 - 16: a trap.
    (i32.store (i32.const 0) (i32.const 10))
    (i32.store (i32.const 4) (i32.const 20))
    (i32.store (i32.const 8) (i32.const 30))
    (i32.store (i32.const 12) (i32.const 40))
    (if (i32.eq (call_indirect (type $sum) (i32.const 16) (i32.const 4) (i32.const 4) (i32.const 0)) (i32.const 100))
      (then (call $print (i32.const 72) (i32.const 11))))
    (drop (call_indirect (type $sum) (i32.const 16) (i32.const 4) (i32.const 5) (i32.const 0)))
    (call $print (i32.const 83) (i32.const 6))
    (i32.const 0)))
