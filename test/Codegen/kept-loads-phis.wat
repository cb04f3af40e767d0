;; A guard-page load needs its fake use only where later passes could leave
;; its value unused (compiler/codegen/KeptLoads.cpp). A value carried round
;; a loop in a phi and read after it, or added to such a phi and stored, is
;; kept without one; a value that only feeds itself round a loop, or is used
;; on one side of a branch only, or could be cancelled by the other operand,
;; is not, and keeps it.
;;  $carry    `d[i] += c`, the carry a phi (a bignum's limb loop): no fake use
;;  $sum      `e += a[i]` in f64 from 0.0, e stored after the loop: none
;;  $nan      the same sum from a NaN (`x + NaN` folds to NaN): kept
;;  $unread   the same sum, never read: kept, and the load traps
;;  $onepath  `x = *p; if (flag) store x`: kept, and traps when flag is 0
;;  $cancel   `x + t`, t = -x on one path (x + t may fold to 0): kept
;; The case is the number of program arguments: 0 runs the first ones in
;; bounds and checks their results, 1 and 2 the trapping ones past the end.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t | %FileCheck %s --check-prefix=OK
;; RUN: not %t 1 > %t.1 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.1
;; RUN: not %t 1 2 > %t.2 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.2
;; The fast mode (-O1) keeps the same loads.
;; RUN: %wacc -O1 %t.wasm -o %t.o1
;; RUN: %t.o1 | %FileCheck %s --check-prefix=OK
;; RUN: not %t.o1 1 > %t.o1.1 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.o1.1
;; RUN: not %t.o1 1 2 > %t.o1.2 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.o1.2

;; OK: {{^}}ok{{$}}
;; TRAP: before
;; TRAP-NEXT: wasm trap: out of bounds memory access
;; TRAP-NOT: after

;; IR-LABEL: define internal {{.*}}@{{.*}}carry(
;; IR-NOT: fake.use
;; IR: ret void
;; IR-LABEL: define internal {{.*}}@{{.*}}sum(
;; IR-NOT: fake.use
;; IR: ret void
;; IR-LABEL: define internal {{.*}}@{{.*}}nan(
;; IR: fake.use(double
;; IR: ret void
;; IR-LABEL: define internal {{.*}}@{{.*}}unread(
;; IR: fake.use(double
;; IR: ret void
;; IR-LABEL: define internal {{.*}}@{{.*}}onepath(
;; IR: fake.use(i32
;; IR: ret void
;; IR-LABEL: define internal {{.*}}@{{.*}}cancel(
;; IR: fake.use(i32
;; IR: ret void
(module
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 16) "before\n")
  (data (i32.const 32) "after\n")
  (data (i32.const 48) "ok\n")
  ;; Limbs at 1024: 0xffffffff, 0xffffffff, 5, 7. Doubles at 2048: 1.5, 2.25.
  (data (i32.const 1024) "\ff\ff\ff\ff\ff\ff\ff\ff\05\00\00\00\07\00\00\00")
  (data (i32.const 2048) "\00\00\00\00\00\00\f8\3f\00\00\00\00\00\00\02\40")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through an exported (so mutable) table: never inlined.
  (type $case (func (param i32 i32)))
  (table (export "cases") 6 funcref)
  (elem (i32.const 0) $carry $sum $nan $unread $onepath $cancel)
  ;; d[0..n) += 1 with carry, as a bignum adds.
  (func $carry (type $case) (local $c i32) (local $v i32)
    (local.set $c (i32.const 1))
    (loop $l
      (local.set $v (i32.add (i32.load (local.get 0)) (local.get $c)))
      (i32.store (local.get 0) (local.get $v))
      (local.set $c (i32.lt_u (local.get $v) (local.get $c)))
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1))))))
  ;; The sum of n doubles from a, stored at 64.
  (func $sum (type $case) (local $e f64)
    (loop $l
      (local.set $e (f64.add (local.get $e) (f64.load (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 8)))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (f64.store (i32.const 64) (local.get $e)))
  (func $nan (type $case) (local $e f64)
    (local.set $e (f64.const nan))
    (loop $l
      (local.set $e (f64.add (local.get $e) (f64.load (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 8)))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (f64.store (i32.const 72) (local.get $e)))
  (func $unread (type $case) (local $e f64)
    (loop $l
      (local.set $e (f64.add (local.get $e) (f64.load (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 8)))
      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1))))))
  (func $onepath (type $case) (local $x i32)
    (local.set $x (i32.load (local.get 0)))
    (if (local.get 1) (then (i32.store (i32.const 80) (local.get $x)))))
  ;; The call keeps the branch a branch.
  (func $cancel (type $case) (local $x i32) (local $t i32)
    (local.set $x (i32.load (local.get 0)))
    (if (local.get 1)
      (then (drop (call $get-stdout)) (local.set $t (i32.sub (i32.const 0) (local.get $x)))))
    (i32.store (i32.const 84) (i32.add (local.get $x) (local.get $t))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $case i32)
    (call $get-arguments (i32.const 0))
    (local.set $case (i32.sub (i32.load (i32.const 4)) (i32.const 1)))
    (if (i32.eqz (local.get $case))
      (then
        (call_indirect (type $case) (i32.const 1024) (i32.const 4) (i32.const 0))
        (call_indirect (type $case) (i32.const 2048) (i32.const 2) (i32.const 1))
        (call_indirect (type $case) (i32.const 2048) (i32.const 2) (i32.const 2))
        (call_indirect (type $case) (i32.const 1024) (i32.const 1) (i32.const 4))
        (call_indirect (type $case) (i32.const 1032) (i32.const 0) (i32.const 5))
        ;; 0, 0, 6, 7; 3.75; NaN; 0 at 80; 6 + 0 at 84
        (if (i32.and
              (i32.and (i32.eqz (i32.load (i32.const 1028))) (i32.eq (i32.load (i32.const 1032)) (i32.const 6)))
              (i32.and (f64.eq (f64.load (i32.const 64)) (f64.const 3.75))
                       (i32.and (f64.ne (f64.load (i32.const 72)) (f64.load (i32.const 72)))
                                (i32.and (i32.eqz (i32.load (i32.const 80)))
                                         (i32.eq (i32.load (i32.const 84)) (i32.const 6))))))
          (then (call $write (call $get-stdout) (i32.const 48) (i32.const 3) (i32.const 0))))
        (return (i32.const 0))))
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    ;; Past the single 64 KiB page: $unread for case 1, $onepath with the
    ;; flag clear for case 2.
    (call_indirect (type $case) (i32.const 0x20000) (i32.sub (i32.const 2) (local.get $case))
      (i32.add (local.get $case) (i32.const 2)))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
