;; ShadowFrameSinkingPass: the store that publishes a shadow frame
;; (`global.set $sp (old - 32)` on entry) moves to the rare path that calls a
;; function reading the stack pointer, and the restore before the return
;; moves onto that path too, so the common path stores nothing to the
;; global. The callee must still see the new stack pointer (its frame goes
;; below the caller's: the caller's frame word survives the call), and the
;; global holds its old value after either path. A loop that calls is
;; entered with the frame published: nothing is stored on its iterations.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}common ok{{$}}
;; CHECK-NEXT: {{^}}rare ok{{$}}
;; CHECK-NEXT: {{^}}loop ok{{$}}
;; CHECK-NEXT: {{^}}restored ok{{$}}
;; CHECK-NOT: bad
;;
;; $f: no store of the global in its entry block, nor on the common path
;; (the return of x + 1); the store of old - 32 right before the call, the
;; store of old after it.
;; IR-LABEL: define internal {{.*}}@i1.f(
;; IR-NEXT: entry:
;; IR-NEXT: [[OLD:%[0-9]+]] = load i32, ptr @[[SP:i1.global[0-9]+]]
;; IR-NEXT: [[NEW:%[0-9]+]] = add i32 [[OLD]], -32
;; IR-NOT: store i32 {{.*}}, ptr @[[SP]]
;; IR: br i1
;; IR-NOT: store i32 {{.*}}, ptr @[[SP]]
;; IR: store i32 [[NEW]], ptr @[[SP]]
;; IR-NEXT: call {{.*}}@i1.callee(
;; IR-NOT: call {{.*}}@i1.
;; IR: store i32 [[OLD]], ptr @[[SP]]
;; IR-NOT: store i32 {{.*}}, ptr @[[SP]]
;; IR: {{^}}}
;; $g: the frame is published once, not in the loop's block with the call.
;; IR-LABEL: define internal {{.*}}@i1.g(
;; IR: store i32 %{{[0-9]+}}, ptr @[[SP]]
;; IR-NOT: store i32 %{{[0-9]+}}, ptr @[[SP]]
;; IR: call {{.*}}@i1.callee(
;; IR-NOT: store i32 %{{[0-9]+}}, ptr @[[SP]]
;; IR: br i1
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $sp (mut i32) (i32.const 65536))
  (data (i32.const 64) "common ok\nrare ok\nloop ok\nrestored ok\nbad\n")
  ;; Called through the exported table so that they stay functions.
  (type $unary (func (param i32) (result i32)))
  (table (export "table") funcref (elem $f $g))
  ;; The stack pointer it was called with; publishes a 16-byte frame and
  ;; writes its first word (which would overwrite the caller's frame word if
  ;; the caller had not published its own), recursively n more times.
  (func $callee (param $n i32) (result i32) (local $old i32)
    (local.set $old (global.get $sp))
    (global.set $sp (i32.sub (local.get $old) (i32.const 16)))
    (i32.store offset=8 (global.get $sp) (local.get $n))
    (if (local.get $n)
      (then (drop (call $callee (i32.sub (local.get $n) (i32.const 1))))))
    (global.set $sp (local.get $old))
    (local.get $old))
  ;; x + 1 for x < 100, without a call; otherwise the stack pointer the
  ;; callee saw (old - 32), or -1 if the frame word at old - 24 was lost.
  (func $f (param $x i32) (result i32) (local $old i32) (local $fp i32) (local $r i32)
    (local.set $old (global.get $sp))
    (local.set $fp (i32.sub (local.get $old) (i32.const 32)))
    (global.set $sp (local.get $fp))
    (i32.store offset=8 (local.get $fp) (local.get $x))
    (if (i32.lt_u (local.get $x) (i32.const 100))
      (then (local.set $r (i32.add (i32.load offset=8 (local.get $fp)) (i32.const 1))))
      (else
        (local.set $r (call $callee (i32.const 2)))
        (if (i32.ne (i32.load offset=8 (local.get $fp)) (local.get $x))
          (then (local.set $r (i32.const -1))))))
    (global.set $sp (local.get $old))
    (local.get $r))
  ;; The sum of what n calls of the callee saw: n * (old - 16).
  (func $g (param $n i32) (result i32) (local $old i32) (local $i i32) (local $s i32)
    (local.set $old (global.get $sp))
    (global.set $sp (i32.sub (local.get $old) (i32.const 16)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (call $callee (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (global.set $sp (local.get $old))
    (local.get $s))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $check (param $ok i32) (param $at i32) (param $len i32)
    (if (local.get $ok)
      (then (call $print (local.get $at) (local.get $len)))
      (else (call $print (i32.const 102) (i32.const 4)))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $ok i32)
    (call $check (i32.eq (call_indirect (type $unary) (i32.const 5) (i32.const 0)) (i32.const 6))
      (i32.const 64) (i32.const 10))
    (local.set $ok (i32.eq (global.get $sp) (i32.const 65536)))
    (call $check (i32.eq (call_indirect (type $unary) (i32.const 500) (i32.const 0)) (i32.const 65504))
      (i32.const 74) (i32.const 8))
    (local.set $ok (i32.and (local.get $ok) (i32.eq (global.get $sp) (i32.const 65536))))
    (call $check (i32.eq (call_indirect (type $unary) (i32.const 3) (i32.const 1)) (i32.const 196560))
      (i32.const 82) (i32.const 8))
    (local.set $ok (i32.and (local.get $ok) (i32.eq (global.get $sp) (i32.const 65536))))
    (call $check (local.get $ok) (i32.const 90) (i32.const 12))
    (i32.const 0)))
