;; At -O1 code generation selects with FastISel, which hands what it cannot
;; select to the SelectionDAG: a call alone, anything else with the rest of
;; its block (compiler/codegen/FastISelLowering.h). Before selection, -O1
;; rewrites what the SelectionDAG would only have made the same code of:
;; min/max and abs as a compare and select, the i1 selects of a short-circuit
;; `&&` as and/or, vector zero stores as i64 ones, a memmove of a variable
;; length as the call to memmove, unsigned i32 to f64. A switch keeps its
;; jump table (the SelectionDAG selects it, alone in its block).
;; The results are checked against what wasm says, on x86-64 and AArch64.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O1 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %wacc -O1 -j1 -mllvm -pass-remarks-missed=sdagisel --emit=obj %t.wasm -o %t.o 2> %t.missed
;; RUN: %FileCheck %s --check-prefix=MISSED < %t.missed
;; RUN: %wacc -O1 -j1 -mllvm -print-after=codegenprepare -mllvm -filter-print-funcs=i1.dispatch --emit=obj %t.wasm -o %t.o 2> %t.cgp
;; RUN: %FileCheck %s --check-prefix=SWITCH < %t.cgp
;; RUN: %if qemu-aarch64 %{ %wacc -O1 --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; CHECK: fast ok
;; MISSED-NOT: FastISel missed{{.*}}(in function: i1.{{minmax|logic|zero|move|convert}})
;; MISSED: FastISel missed terminator: switch
;; MISSED-NOT: FastISel missed{{.*}}(in function: i1.{{minmax|logic|zero|move|convert}})
;; The switch's block holds only the switch; the multiply is in the block before.
;; SWITCH-LABEL: define internal {{.*}}@i1.dispatch(
;; SWITCH: mul i32
;; SWITCH-NEXT: br label
;; SWITCH-EMPTY:
;; SWITCH-NEXT: {{.*}}:
;; SWITCH-NEXT: switch i32
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "fast ok\n")
  (data (i32.const 80) "fast bad\n")
  ;; smin(a, b) + abs(c), and umax as i64: InstCombine's llvm.smin/abs/umax.
  (func $minmax (param $a i32) (param $b i32) (param $c i32) (result i32)
    (i32.add
      (select (local.get $a) (local.get $b) (i32.lt_s (local.get $a) (local.get $b)))
      (select (i32.sub (i32.const 0) (local.get $c)) (local.get $c) (i32.lt_s (local.get $c) (i32.const 0)))))
  (func $umax (param $a i64) (param $b i64) (result i64)
    (select (local.get $a) (local.get $b) (i64.gt_u (local.get $a) (local.get $b))))
  ;; a < b && c < d, as two branches SimplifyCFG folds into an i1 select.
  (func $logic (param $a i32) (param $b i32) (param $c i32) (param $d i32) (result i32)
    (block $no
      (br_if $no (i32.ge_s (local.get $a) (local.get $b)))
      (br_if $no (i32.ge_s (local.get $c) (local.get $d)))
      (return (i32.const 1)))
    (i32.const 0))
  ;; 32 bytes of 0xff at p, then a v128 zero stored unaligned at p + 4.
  (func $zero (param $p i32)
    (memory.fill (local.get $p) (i32.const 255) (i32.const 32))
    (v128.store offset=4 align=1 (local.get $p) (v128.const i64x2 0 0)))
  ;; An overlapping copy of a length known only at run time.
  (func $move (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $n)))
  (func $convert (param $x i32) (result f64) (f64.convert_i32_u (local.get $x)))
  ;; Work, then a br_table.
  (func $dispatch (param $x i32) (result i32) (local $y i32)
    (local.set $y (i32.mul (local.get $x) (i32.const 3)))
    (block $d (block $c2 (block $c1 (block $c0
      (br_table $c0 $c1 $c2 $d (local.get $x)))
      (return (i32.add (local.get $y) (i32.const 10))))
      (return (i32.add (local.get $y) (i32.const 20))))
      (return (i32.add (local.get $y) (i32.const 30))))
    (local.get $y))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $ok i32)
    (local.set $ok (i32.const 1))
    ;; smin(3, -5) + abs(-7) = 2; umax(2, -1) = -1 unsigned
    (if (i32.ne (call $minmax (i32.const 3) (i32.const -5) (i32.const -7)) (i32.const 2))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $minmax (i32.const -3) (i32.const 5) (i32.const 7)) (i32.const 4))
      (then (local.set $ok (i32.const 0))))
    (if (i64.ne (call $umax (i64.const 2) (i64.const -1)) (i64.const -1))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $logic (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)) (i32.const 1))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $logic (i32.const 1) (i32.const 2) (i32.const 4) (i32.const 3)) (i32.const 0))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $logic (i32.const 2) (i32.const 1) (i32.const 3) (i32.const 4)) (i32.const 0))
      (then (local.set $ok (i32.const 0))))
    (call $zero (i32.const 256))
    (if (i64.ne (i64.load (i32.const 256)) (i64.const 0x00000000ffffffff))
      (then (local.set $ok (i32.const 0))))
    (if (i64.ne (i64.load (i32.const 272)) (i64.const 0xffffffff00000000))
      (then (local.set $ok (i32.const 0))))
    (i64.store (i32.const 512) (i64.const 0x0807060504030201))
    (call $move (i32.const 514) (i32.const 512) (i32.const 6))
    (if (i64.ne (i64.load (i32.const 512)) (i64.const 0x0605040302010201))
      (then (local.set $ok (i32.const 0))))
    (if (f64.ne (call $convert (i32.const -1)) (f64.const 4294967295))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $dispatch (i32.const 2)) (i32.const 36))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $dispatch (i32.const 9)) (i32.const 27))
      (then (local.set $ok (i32.const 0))))
    (if (local.get $ok)
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 8) (i32.const 0)))
      (else (call $write (call $get-stdout) (i32.const 80) (i32.const 9) (i32.const 0))))
    (i32.const 0)))
