;; ZeroExtendMoves (compiler/codegen/ZeroExtendMoves.cpp): a list walk's
;; pointer is a loop phi, so instruction selection zero-extends it with a
;; 32-bit register move before each use as an address. When every value
;; reaching the phi comes from a 32-bit instruction (here loads), the upper
;; half is already clear and the move goes. It stays when the walk starts at
;; an argument (whose upper half the calling convention leaves undefined), at
;; an i64 wrapped to i32 (the same register's low half), or when one input of
;; the phi is such an argument; the results must be right in every case, on
;; x86-64 and on AArch64. (The pass is off by default: -mllvm -wacc-zext-moves.)
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 -mllvm -wacc-zext-moves --nostrip --emit=asm %t.wasm -o %t.s
;; RUN: %FileCheck %s --check-prefix=ASM < %t.s
;; RUN: %wacc -O2 -mllvm -wacc-zext-moves %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %wacc -O1 -mllvm -wacc-zext-moves %t.wasm -o %t.o1
;; RUN: %t.o1 > %t.o1.out
;; RUN: %FileCheck %s < %t.o1.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 -mllvm -wacc-zext-moves %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}loaded 10{{$}}
;; CHECK-NEXT: {{^}}argument 10{{$}}
;; CHECK-NEXT: {{^}}wrapped 10{{$}}
;; CHECK-NEXT: {{^}}mixed 10{{$}}
;; CHECK-NEXT: {{^}}mixed 6{{$}}
;; The walk from a loaded head: no 32-bit register-to-register move at all.
;; ASM-LABEL: {{^}}i1.sum_loaded:
;; ASM-NOT: {{movl[[:space:]]+%(e[a-z]+|r[0-9]+d), %(e[a-z]+|r[0-9]+d)$}}
;; ASM: {{^[[:space:]]+retq$}}
;; The walks that must keep their zero-extension: a move heads each loop.
;; ASM-LABEL: {{^}}i1.sum_argument:
;; ASM: .p2align
;; ASM-NEXT: {{^\.LBB[0-9_]+:}}
;; ASM-NEXT: {{movl[[:space:]]+%(e[a-z]+|r[0-9]+d), %(e[a-z]+|r[0-9]+d)$}}
;; ASM-LABEL: {{^}}i1.sum_wrapped:
;; ASM: .p2align
;; ASM-NEXT: {{^\.LBB[0-9_]+:}}
;; ASM-NEXT: {{movl[[:space:]]+%(e[a-z]+|r[0-9]+d), %(e[a-z]+|r[0-9]+d)$}}
;; ASM-LABEL: {{^}}i1.sum_mixed:
;; ASM: .p2align
;; ASM-NEXT: {{^\.LBB[0-9_]+:}}
;; ASM-NEXT: {{movl[[:space:]]+%(e[a-z]+|r[0-9]+d), %(e[a-z]+|r[0-9]+d)$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; Labels, 16 bytes apart: the digits go after them.
  (data (i32.const 64) "loaded ") (data (i32.const 80) "argument ") (data (i32.const 96) "wrapped ")
  (data (i32.const 112) "mixed ")
  ;; A list at 1024: nodes {next, value} with the values 1, 2, 3, 4; its
  ;; head pointer is stored at 16. A second list (values 6) at 2048.
  (data (i32.const 16) "\00\04\00\00")
  (data (i32.const 1024) "\08\04\00\00\01\00\00\00" "\10\04\00\00\02\00\00\00"
                         "\18\04\00\00\03\00\00\00" "\00\00\00\00\04\00\00\00")
  (data (i32.const 2048) "\00\00\00\00\06\00\00\00")
  ;; i64s whose low halves are 2048, 1024 and 16 and whose upper halves are
  ;; not zero: passed as i32 arguments, they leave that upper half in the
  ;; argument register.
  (data (i32.const 32) "\00\08\00\00\78\56\00\00" "\00\04\00\00\78\56\00\00" "\10\00\00\00\78\56\00\00")
  ;; Called through the exported table so that they stay functions.
  (type $walk0 (func (result i32)))
  (type $walk (func (param i32) (result i32)))
  (type $walk64 (func (param i64) (result i32)))
  (type $walk2 (func (param i32 i32) (result i32)))
  (table (export "table") funcref (elem $sum_loaded $sum_argument $sum_wrapped $sum_mixed))

  ;; The sum of the values of the list whose head pointer is at 16: the
  ;; walk's pointer is a load (the head) or a load (a next field).
  (func $sum_loaded (result i32) (local $p i32) (local $s i32)
    (local.set $p (i32.load (i32.const 16)))
    (if (local.get $p)
      (then
        (loop $l
          (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
          (br_if $l (local.tee $p (i32.load (local.get $p)))))))
    (local.get $s))
  ;; The same walk from the argument itself.
  (func $sum_argument (param $p i32) (result i32) (local $s i32)
    (if (local.get $p)
      (then
        (loop $l
          (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
          (br_if $l (local.tee $p (i32.load (local.get $p)))))))
    (local.get $s))
  ;; From the low half of an i64 (its upper half is not zero when called).
  (func $sum_wrapped (param $x i64) (result i32) (local $p i32) (local $s i32)
    (local.set $p (i32.wrap_i64 (local.get $x)))
    (if (local.get $p)
      (then
        (loop $l
          (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
          (br_if $l (local.tee $p (i32.load (local.get $p)))))))
    (local.get $s))
  ;; From a loaded head or from the argument, chosen past a call (so that
  ;; the choice stays a phi, not a conditional move).
  (func $sum_mixed (param $p i32) (param $which i32) (result i32) (local $s i32)
    (if (local.get $which)
      (then
        (local.set $p (i32.load (local.get $p)))
        (call $print (i32.const 0) (i32.const 0))))
    (if (local.get $p)
      (then
        (loop $l
          (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
          (br_if $l (local.tee $p (i32.load (local.get $p)))))))
    (local.get $s))

  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  ;; Writes "<label> <n>\n", the label of $len bytes at $line (n < 100).
  (func $report (param $line i32) (param $len i32) (param $n i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $line) (local.get $len)))
    (if (i32.ge_u (local.get $n) (i32.const 10))
      (then
        (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.div_u (local.get $n) (i32.const 10))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))))
    (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
    (i32.store8 (i32.add (local.get $at) (i32.const 1)) (i32.const 10))
    (call $print (local.get $line) (i32.sub (i32.add (local.get $at) (i32.const 2)) (local.get $line))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $report (i32.const 64) (i32.const 7) (call_indirect (type $walk0) (i32.const 0)))
    (call $report (i32.const 80) (i32.const 9)
      (call_indirect (type $walk) (i32.wrap_i64 (i64.load (i32.const 40))) (i32.const 1)))
    ;; 2^32 * 0x1234 + 1024: the walk must start at 1024.
    (call $report (i32.const 96) (i32.const 8)
      (call_indirect (type $walk64) (i64.const 0x0000123400000400) (i32.const 2)))
    (call $report (i32.const 112) (i32.const 6)
      (call_indirect (type $walk2) (i32.wrap_i64 (i64.load (i32.const 48))) (i32.const 1) (i32.const 3)))
    (call $report (i32.const 112) (i32.const 6)
      (call_indirect (type $walk2) (i32.wrap_i64 (i64.load (i32.const 32))) (i32.const 0) (i32.const 3)))
    (i32.const 0)))
