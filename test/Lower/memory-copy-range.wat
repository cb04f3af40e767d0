;; memory.copy within one memory traps when either range passes the end, and
;; both do exactly when the higher start's does: the lowering checks
;; umax(src, dst) + n against the size, one compare and one branch (two
;; compares or-ed into a branch were ten x86 instructions in PCRE2's frame
;; copy, bench/NOTES.md session 8). Every out-of-range copy still traps:
;; the source one byte past the end (one argument), the destination (two);
;; a copy ending exactly at the end does not (no argument).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.ok
;; RUN: %FileCheck %s --check-prefix=OK < %t.ok
;; RUN: not %t 1 > %t.1 2>&1
;; RUN: %FileCheck %s < %t.1
;; RUN: not %t 1 2 > %t.2 2>&1
;; RUN: %FileCheck %s < %t.2
;; IR-LABEL: define internal void @{{.*}}copy(i32 %0, i32 %1, i32 %2)
;; IR: call i64 @llvm.umax.i64(i64 %{{.*}}, i64 %{{.*}})
;; IR: icmp ugt i64
;; IR-NOT: icmp ugt i64
;; IR: call void @llvm.memmove
;; OK: before
;; OK-NEXT: after
;; CHECK: before
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
(module
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 16) "before\n")
  (data (i32.const 32) "after\n")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  (func $copy (export "copy") (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $n)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $case i32)
    (call $get-arguments (i32.const 0))
    (local.set $case (i32.load (i32.const 4)))
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    (if (i32.eq (local.get $case) (i32.const 1))
      (then (call $copy (i32.const 0xff00) (i32.const 1024) (i32.const 0x100))))
    (if (i32.eq (local.get $case) (i32.const 2))
      (then (call $copy (i32.const 1024) (i32.const 0xff01) (i32.const 0x100))))
    (if (i32.eq (local.get $case) (i32.const 3))
      (then (call $copy (i32.const 0xff01) (i32.const 1024) (i32.const 0x100))))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
