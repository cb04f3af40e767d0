;; An interpreter's dispatch in the computed-goto shape (the br_table's value
;; is a label number loaded from a table indexed by the opcode byte): a
;; br_table of 41 destinations in a loop, each handler branching back to it,
;; becomes a range check and an indirectbr through a constant table of block
;; addresses (compiler/codegen/ThreadedDispatch.h), which the code generator
;; then copies into every handler (CheckedDispatchTails.h: one compare, one
;; predicted branch to the default, one indirect jump per handler, where
;; native computed goto has the jump alone). Bytes past the last case (40,
;; 255: labels 40 and 1255) still reach the br_table's default, on both
;; targets.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 --emit=asm %t.wasm -o %t.s
;; RUN: %FileCheck %s --check-prefix=ASM < %t.s
;; RUN: %wacc -O2 --target=aarch64-linux-gnu --emit=asm %t.wasm -o %t.aarch64.s
;; RUN: %FileCheck %s --check-prefix=A64 < %t.aarch64.s
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %if qemu-aarch64 %{ %wacc -O2 --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; The table: labels 0..39, then the default's entry (never read; it makes
;; the default's address taken, see ThreadedDispatch.cpp).
;; IR: @{{.*}}interp{{.*}}.dispatch = private unnamed_addr constant [41 x ptr]
;; IR-LABEL: define {{.*}}interp
;; IR-NOT: @llvm.umin
;; IR: %dispatch.inrange = icmp ule i{{[0-9]+}} %{{.*}}, 39
;; IR-NEXT: br i1 %dispatch.inrange, label %dispatch.jump, label %{{.*}}, !prof
;; IR: dispatch.jump:
;; IR: indirectbr ptr %dispatch.target, [label
;; IR-NOT: switch i32
;; IR-NOT: @llvm.umin
;; IR: }
;; x86-64: no conditional move; handler after handler compares the label it
;; loaded, branches to the default past 39 and jumps through the table; the
;; bytecode pointer's increment, which machine sinking put below the check,
;; is back above its branch.
;; ASM-LABEL: interp{{.*}}:
;; ASM-NOT: cmov
;; ASM: cmp{{[lq]}} $39, %{{[re]}}[[R:[a-z0-9]+]]
;; ASM-NEXT: leal 1(%r{{[a-z0-9]+}}), %e
;; ASM-NEXT: ja .LBB[[DEFAULT:[0-9_]+]]
;; ASM-NEXT: jmpq *{{.*}}interp.dispatch(,%r[[R]],8)
;; ASM-NOT: cmov
;; ASM: cmp{{[lq]}} $39, %{{[re]}}[[R:[a-z0-9]+]]
;; ASM-NEXT: leal 1(%r{{[a-z0-9]+}}), %e
;; ASM-NEXT: ja .LBB[[DEFAULT]]
;; ASM-NEXT: jmpq *{{.*}}interp.dispatch(,%r[[R]],8)
;; ASM-NOT: cmov
;; ASM: cmp{{[lq]}} $39, %{{[re]}}[[R:[a-z0-9]+]]
;; ASM-NEXT: leal 1(%r{{[a-z0-9]+}}), %e
;; ASM-NEXT: ja .LBB[[DEFAULT]]
;; ASM-NEXT: jmpq *{{.*}}interp.dispatch(,%r[[R]],8)
;; ASM-NOT: cmov
;; Handlers that only move values and branch to another handler's end get a
;; copy of it, up to 10 instructions: 33 indirect jumps, as many as the
;; clamped dispatch gave (26 without; the check's edge to the default, which
;; takes a value through a phi, is split, so LLVM's tail duplicator does not
;; see computed gotos here).
;; ASM-COUNT-30: jmpq *{{.*}}interp.dispatch(
;; ASM-NOT: cmov
;; ASM: .size {{.*}}interp
;; AArch64: the same, the target loaded after the check.
;; A64-LABEL: interp{{.*}}:
;; A64-NOT: csel
;; A64: cmp [[W:w[0-9]+]], #39
;; A64-NEXT: b.hi .LBB[[DEFAULT:[0-9_]+]]
;; A64-NEXT: ldr [[X:x[0-9]+]], [x{{[0-9]+}}, x{{[0-9]+}}, lsl #3]
;; A64: br [[X]]
;; A64-NOT: csel
;; A64: cmp [[W:w[0-9]+]], #39
;; A64-NEXT: b.hi .LBB[[DEFAULT]]
;; A64-NEXT: ldr [[X:x[0-9]+]], [x{{[0-9]+}}, x{{[0-9]+}}, lsl #3]
;; A64: br [[X]]
;; A64-NOT: csel
;; A handler's own copy of the jump is a block of its own there, which is
;; copied on into the blocks that only branch to the handler: 33 indirect
;; jumps, as many as the clamped dispatch gave (28 without copying on).
;; A64-COUNT-31: br x
;; A64-NOT: csel
;; A64: .size {{.*}}interp
;; CHECK: b4e07df8
;; CHECK-NEXT: ffffffff
;; CHECK-NEXT: ffffffff
;; CHECK-NEXT: 0b5cba65 76fc233a
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; Bytecode: opcode 0 halts, 3, 8, 13, ... take an operand byte.
  (data (i32.const 256) "\01\02\03\6f\04\05\06\07\08\28\09\0a\0b\0c\0d\e1\0e\0f\10\11\12\9a\13\14\15\16\17\53\18\19\1a\1b\1c\0c\1d\1e\1f\20\21\c5\22\23\24\25\26\7e\27\01\02\03\70\04\05\06\07\08\29\09\0a\0b\0c\0d\e2\0e\0f\10\11\12\9b\13\14\15\16\17\54\18\19\1a\1b\1c\0d\1d\1e\1f\20\21\c6\22\23\24\25\26\7f\27\01\02\03\71\04\05\06\07\08\2a\09\0a\0b\0c\0d\e3\0e\0f\10\11\12\9c\13\14\15\16\17\55\18\19\1a\1b\1c\0e\1d\1e\1f\20\21\c7\22\23\24\25\26\80\27\00")
  (data (i32.const 512) "\01\04\06\09\28\05")
  (data (i32.const 528) "\05\0b\ff\01")
  ;; The label of each opcode, as clang's wasm backend numbers computed goto's
  ;; `&&label`s: opcode k's handler is label k; 40 and above name none.
  (data (i32.const 2048) "\00\00\00\00\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00\06\00\00\00\07\00\00\00\08\00\00\00\09\00\00\00\0a\00\00\00\0b\00\00\00\0c\00\00\00\0d\00\00\00\0e\00\00\00\0f\00\00\00\10\00\00\00\11\00\00\00\12\00\00\00\13\00\00\00\14\00\00\00\15\00\00\00\16\00\00\00\17\00\00\00\18\00\00\00\19\00\00\00\1a\00\00\00\1b\00\00\00\1c\00\00\00\1d\00\00\00\1e\00\00\00\1f\00\00\00\20\00\00\00\21\00\00\00\22\00\00\00\23\00\00\00\24\00\00\00\25\00\00\00\26\00\00\00\27\00\00\00\28\00\00\00\11\04\00\00\12\04\00\00\13\04\00\00\14\04\00\00\15\04\00\00\16\04\00\00\17\04\00\00\18\04\00\00\19\04\00\00\1a\04\00\00\1b\04\00\00\1c\04\00\00\1d\04\00\00\1e\04\00\00\1f\04\00\00\20\04\00\00\21\04\00\00\22\04\00\00\23\04\00\00\24\04\00\00\25\04\00\00\26\04\00\00\27\04\00\00\28\04\00\00\29\04\00\00\2a\04\00\00\2b\04\00\00\2c\04\00\00\2d\04\00\00\2e\04\00\00\2f\04\00\00\30\04\00\00\31\04\00\00\32\04\00\00\33\04\00\00\34\04\00\00\35\04\00\00\36\04\00\00\37\04\00\00\38\04\00\00\39\04\00\00\3a\04\00\00\3b\04\00\00\3c\04\00\00\3d\04\00\00\3e\04\00\00\3f\04\00\00\40\04\00\00\41\04\00\00\42\04\00\00\43\04\00\00\44\04\00\00\45\04\00\00\46\04\00\00\47\04\00\00\48\04\00\00\49\04\00\00\4a\04\00\00\4b\04\00\00\4c\04\00\00\4d\04\00\00\4e\04\00\00\4f\04\00\00\50\04\00\00\51\04\00\00\52\04\00\00\53\04\00\00\54\04\00\00\55\04\00\00\56\04\00\00\57\04\00\00\58\04\00\00\59\04\00\00\5a\04\00\00\5b\04\00\00\5c\04\00\00\5d\04\00\00\5e\04\00\00\5f\04\00\00\60\04\00\00\61\04\00\00\62\04\00\00\63\04\00\00\64\04\00\00\65\04\00\00\66\04\00\00\67\04\00\00\68\04\00\00\69\04\00\00\6a\04\00\00\6b\04\00\00\6c\04\00\00\6d\04\00\00\6e\04\00\00\6f\04\00\00\70\04\00\00\71\04\00\00\72\04\00\00\73\04\00\00\74\04\00\00\75\04\00\00\76\04\00\00\77\04\00\00\78\04\00\00\79\04\00\00\7a\04\00\00\7b\04\00\00\7c\04\00\00\7d\04\00\00\7e\04\00\00\7f\04\00\00\80\04\00\00\81\04\00\00\82\04\00\00\83\04\00\00\84\04\00\00\85\04\00\00\86\04\00\00\87\04\00\00\88\04\00\00\89\04\00\00\8a\04\00\00\8b\04\00\00\8c\04\00\00\8d\04\00\00\8e\04\00\00\8f\04\00\00\90\04\00\00\91\04\00\00\92\04\00\00\93\04\00\00\94\04\00\00\95\04\00\00\96\04\00\00\97\04\00\00\98\04\00\00\99\04\00\00\9a\04\00\00\9b\04\00\00\9c\04\00\00\9d\04\00\00\9e\04\00\00\9f\04\00\00\a0\04\00\00\a1\04\00\00\a2\04\00\00\a3\04\00\00\a4\04\00\00\a5\04\00\00\a6\04\00\00\a7\04\00\00\a8\04\00\00\a9\04\00\00\aa\04\00\00\ab\04\00\00\ac\04\00\00\ad\04\00\00\ae\04\00\00\af\04\00\00\b0\04\00\00\b1\04\00\00\b2\04\00\00\b3\04\00\00\b4\04\00\00\b5\04\00\00\b6\04\00\00\b7\04\00\00\b8\04\00\00\b9\04\00\00\ba\04\00\00\bb\04\00\00\bc\04\00\00\bd\04\00\00\be\04\00\00\bf\04\00\00\c0\04\00\00\c1\04\00\00\c2\04\00\00\c3\04\00\00\c4\04\00\00\c5\04\00\00\c6\04\00\00\c7\04\00\00\c8\04\00\00\c9\04\00\00\ca\04\00\00\cb\04\00\00\cc\04\00\00\cd\04\00\00\ce\04\00\00\cf\04\00\00\d0\04\00\00\d1\04\00\00\d2\04\00\00\d3\04\00\00\d4\04\00\00\d5\04\00\00\d6\04\00\00\d7\04\00\00\d8\04\00\00\d9\04\00\00\da\04\00\00\db\04\00\00\dc\04\00\00\dd\04\00\00\de\04\00\00\df\04\00\00\e0\04\00\00\e1\04\00\00\e2\04\00\00\e3\04\00\00\e4\04\00\00\e5\04\00\00\e6\04\00\00\e7\04\00\00")
  ;; Opcode k (1-39) is one of five kinds of handler (k mod 5), different in
  ;; shape so that no optimisation merges them.
  (func $interp (param $pc i32) (result i32)
    (local $acc i32)
    (loop $next (result i32)
      (block $bad
      (block $op39
      (block $op38
      (block $op37
      (block $op36
      (block $op35
      (block $op34
      (block $op33
      (block $op32
      (block $op31
      (block $op30
      (block $op29
      (block $op28
      (block $op27
      (block $op26
      (block $op25
      (block $op24
      (block $op23
      (block $op22
      (block $op21
      (block $op20
      (block $op19
      (block $op18
      (block $op17
      (block $op16
      (block $op15
      (block $op14
      (block $op13
      (block $op12
      (block $op11
      (block $op10
      (block $op9
      (block $op8
      (block $op7
      (block $op6
      (block $op5
      (block $op4
      (block $op3
      (block $op2
      (block $op1
      (block $op0
      (br_table $op0 $op1 $op2 $op3 $op4 $op5 $op6 $op7 $op8 $op9 $op10 $op11 $op12 $op13 $op14 $op15 $op16 $op17 $op18 $op19 $op20 $op21 $op22 $op23 $op24 $op25 $op26 $op27 $op28 $op29 $op30 $op31 $op32 $op33 $op34 $op35 $op36 $op37 $op38 $op39 $bad
        (i32.load offset=2048 (i32.shl (i32.load8_u (local.get $pc)) (i32.const 2)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))))
      ;; 0: halt
      (return (local.get $acc)))
      ;; 1
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 2)) (i32.const 4369)))
      (br $next))
      ;; 2
      (i32.store (i32.const 4104) (i32.add (i32.load (i32.const 4104)) (local.get $acc)))
      (br $next))
      ;; 3
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 4
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 5))))
      (br $next))
      ;; 5
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 11)) (i32.const 35)))
      (br $next))
      ;; 6
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 7)) (i32.const 26214)))
      (br $next))
      ;; 7
      (i32.store (i32.const 4124) (i32.add (i32.load (i32.const 4124)) (local.get $acc)))
      (br $next))
      ;; 8
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 9
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 10))))
      (br $next))
      ;; 10
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 21)) (i32.const 70)))
      (br $next))
      ;; 11
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 12)) (i32.const 48059)))
      (br $next))
      ;; 12
      (i32.store (i32.const 4144) (i32.add (i32.load (i32.const 4144)) (local.get $acc)))
      (br $next))
      ;; 13
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 14
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 15))))
      (br $next))
      ;; 15
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.const 105)))
      (br $next))
      ;; 16
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 17)) (i32.const 69904)))
      (br $next))
      ;; 17
      (i32.store (i32.const 4164) (i32.add (i32.load (i32.const 4164)) (local.get $acc)))
      (br $next))
      ;; 18
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 19
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 20))))
      (br $next))
      ;; 20
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 41)) (i32.const 140)))
      (br $next))
      ;; 21
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 22)) (i32.const 91749)))
      (br $next))
      ;; 22
      (i32.store (i32.const 4184) (i32.add (i32.load (i32.const 4184)) (local.get $acc)))
      (br $next))
      ;; 23
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 24
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 25))))
      (br $next))
      ;; 25
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 51)) (i32.const 175)))
      (br $next))
      ;; 26
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 27)) (i32.const 113594)))
      (br $next))
      ;; 27
      (i32.store (i32.const 4204) (i32.add (i32.load (i32.const 4204)) (local.get $acc)))
      (br $next))
      ;; 28
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 29
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 30))))
      (br $next))
      ;; 30
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 61)) (i32.const 210)))
      (br $next))
      ;; 31
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 1)) (i32.const 135439)))
      (br $next))
      ;; 32
      (i32.store (i32.const 4224) (i32.add (i32.load (i32.const 4224)) (local.get $acc)))
      (br $next))
      ;; 33
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 34
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 4))))
      (br $next))
      ;; 35
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 71)) (i32.const 245)))
      (br $next))
      ;; 36
      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 6)) (i32.const 157284)))
      (br $next))
      ;; 37
      (i32.store (i32.const 4244) (i32.add (i32.load (i32.const 4244)) (local.get $acc)))
      (br $next))
      ;; 38
      (local.set $acc (i32.sub (local.get $acc) (i32.load8_u (local.get $pc))))
      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
      (br $next))
      ;; 39
      (local.set $acc (i32.add (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 9))))
      (br $next))
    ;; any other byte
    (i32.const -1)))
  ;; 8 hex digits of v at p.
  (func $hex (param $p i32) (param $v i32) (local $i i32) (local $d i32)
    (loop $digit
      (local.set $d (i32.and (i32.shr_u (local.get $v) (i32.sub (i32.const 28) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 15)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add (local.get $d) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))
      (br_if $digit (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8)))))
  (func $line (param $v i32)
    (call $hex (i32.const 64) (local.get $v))
    (i32.store8 (i32.const 72) (i32.const 10))
    (call $write (call $get-stdout) (i32.const 64) (i32.const 9) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $line (call $interp (i32.const 256)))
    (call $line (call $interp (i32.const 512)))
    (call $line (call $interp (i32.const 528)))
    ;; The stores of opcodes 2 and 37.
    (call $hex (i32.const 64) (i32.load (i32.const 4104)))
    (i32.store8 (i32.const 72) (i32.const 32))
    (call $hex (i32.const 73) (i32.load (i32.const 4244)))
    (i32.store8 (i32.const 81) (i32.const 10))
    (call $write (call $get-stdout) (i32.const 64) (i32.const 18) (i32.const 0))
    (i32.const 0)))
