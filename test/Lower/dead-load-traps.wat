;; In guard-page mode an out-of-bounds load traps by faulting, so a load must
;; stay even when optimisation leaves its value unused: a dropped sum, a
;; local never read, a call result dropped after inlining, `x * 0`. Each
;; case sits in its own function reached through an exported (so mutable)
;; table, so none is inlined into the caller; the IR after -O2 must still
;; load in every one, and the program must trap at the first, at every
;; optimisation level.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O2 %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.out
;; FastISel (-O0, -O1) selects the kept loads' fake uses as nothing: they
;; must still be emitted and fault.
;; RUN: %wacc -O1 %t.wasm -o %t.o1
;; RUN: not %t.o1 > %t.o1.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.o1.out
;; RUN: %wacc -O0 %t.wasm -o %t.o0
;; RUN: not %t.o0 > %t.o0.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.o0.out

;; IR-LABEL: define {{.*}}@{{.*}}dropped_sum(
;; IR: load i32, ptr
;; IR-LABEL: define {{.*}}@{{.*}}unread_local(
;; IR: load i64, ptr
;; IR-LABEL: define {{.*}}@{{.*}}dropped_result(
;; IR: load i32, ptr
;; IR-LABEL: define {{.*}}@{{.*}}times_zero(
;; IR: load i32, ptr
;; IR: ret i32 0

;; TRAP: before
;; TRAP-NEXT: wasm trap: out of bounds memory access
;; TRAP-NOT: after
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "before\n")
  (data (i32.const 32) "after\n")
  (type $case (func (param i32) (result i32)))
  (table (export "cases") 4 funcref)
  (elem (i32.const 0) $dropped_sum $unread_local $dropped_result $times_zero)
  (func $value (param i32) (result i32) (i32.load (local.get 0)))
  (func $dropped_sum (type $case)
    (drop (i32.add (i32.load (local.get 0)) (i32.const 1)))
    (i32.const 0))
  (func $unread_local (type $case) (local $unused i64)
    (local.set $unused (i64.load (local.get 0)))
    (i32.const 0))
  (func $dropped_result (type $case)
    (drop (call $value (local.get 0)))
    (i32.const 0))
  (func $times_zero (type $case)
    (i32.mul (i32.load (local.get 0)) (i32.const 0)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $i i32)
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    ;; Every case reads past the single 64 KiB page.
    (loop $next
      (drop (call_indirect (type $case) (i32.const 0x20000) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 4))))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
