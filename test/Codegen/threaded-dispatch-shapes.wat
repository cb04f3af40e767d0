;; ThreadedDispatch (compiler/codegen/ThreadedDispatch.h) fires on the
;; computed-goto shape only. $labels switches on a label number loaded from a
;; table in memory indexed by the opcode (what clang's wasm backend makes of
;; `goto *labels[*pc++]`: QuickJS, Lua): it becomes an indirectbr behind a
;; branch to the default for labels past the table (labels 100 and 2^32-1
;; reach the default). $bytes switches on a byte of the bytecode itself (SQLite's and
;; PCRE2's `switch (*pc)`): it stays a switch (one jump table, as native
;; code has). Handler 33 is also reached by a branch from handler 32.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %if qemu-aarch64 %{ %wacc -O2 --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; IR: @{{.*}}labels{{.*}}.dispatch = private unnamed_addr constant [35 x ptr]
;; IR-NOT: .dispatch = private
;; IR-LABEL: define {{.*}}bytes
;; IR-NOT: indirectbr
;; IR: switch i{{[0-9]+}}
;; IR-NOT: indirectbr
;; IR-LABEL: define {{.*}}labels
;; IR: %dispatch.inrange = icmp ule i32 %{{.*}}, 33
;; IR-NEXT: br i1 %dispatch.inrange, label %dispatch.jump, label %{{.*}}, !prof
;; IR: indirectbr ptr %dispatch.target
;; CHECK: {{^}}7ba920a7{{$}}
;; CHECK-NEXT: {{^}}ffffffff{{$}}
;; CHECK-NEXT: {{^}}7ba920a7{{$}}
;; CHECK-NEXT: {{^}}ffffffff{{$}}
;; CHECK-NEXT: {{^}}ffffffff{{$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f\20\21\21\1e\1b\18\15\12\0f\0c\09\06\03\20\05\20\00")
  (data (i32.const 384) "\05\20\07\c8\01\00")
  (data (i32.const 512) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f\20\21\21\1e\1b\18\15\12\0f\0c\09\06\03\20\05\20\00")
  (data (i32.const 640) "\03\20\22\00")
  (data (i32.const 656) "\03\09\23\00")
  (data (i32.const 1024) "\00\00\00\00\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00\06\00\00\00\07\00\00\00\08\00\00\00\09\00\00\00\0a\00\00\00\0b\00\00\00\0c\00\00\00\0d\00\00\00\0e\00\00\00\0f\00\00\00\10\00\00\00\11\00\00\00\12\00\00\00\13\00\00\00\14\00\00\00\15\00\00\00\16\00\00\00\17\00\00\00\18\00\00\00\19\00\00\00\1a\00\00\00\1b\00\00\00\1c\00\00\00\1d\00\00\00\1e\00\00\00\1f\00\00\00\20\00\00\00\21\00\00\00\64\00\00\00\ff\ff\ff\ff")
  (func $bytes (param $pc i32) (result i32)
    (local $acc i32)
    (loop $next (result i32)
      (block $bad
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
      (br_table $op0 $op1 $op2 $op3 $op4 $op5 $op6 $op7 $op8 $op9 $op10 $op11 $op12 $op13 $op14 $op15 $op16 $op17 $op18 $op19 $op20 $op21 $op22 $op23 $op24 $op25 $op26 $op27 $op28 $op29 $op30 $op31 $op32 $op33 $bad
        (i32.load8_u (local.get $pc))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))))
      (return (local.get $acc)))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 5)) (i32.const 1)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 7)) (i32.const 2)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 9)) (i32.const 3)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 11)) (i32.const 4)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 13)) (i32.const 5)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 15)) (i32.const 6)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 17)) (i32.const 7)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 19)) (i32.const 8)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 21)) (i32.const 9)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 23)) (i32.const 10)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 25)) (i32.const 11)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 27)) (i32.const 12)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 29)) (i32.const 13)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.const 14)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 33)) (i32.const 15)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 35)) (i32.const 16)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 37)) (i32.const 17)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 39)) (i32.const 18)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 41)) (i32.const 19)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 43)) (i32.const 20)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 45)) (i32.const 21)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 47)) (i32.const 22)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 49)) (i32.const 23)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 51)) (i32.const 24)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 53)) (i32.const 25)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 55)) (i32.const 26)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 57)) (i32.const 27)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 59)) (i32.const 28)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 61)) (i32.const 29)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 63)) (i32.const 30)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 65)) (i32.const 31)))
      (br $next))
      (local.set $acc (i32.xor (local.get $acc) (i32.const 23162)))
      (br $op33))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 69)) (i32.const 33)))
      (br $next))
    (i32.const -1)))
  (func $labels (param $pc i32) (result i32)
    (local $acc i32)
    (loop $next (result i32)
      (block $bad
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
      (br_table $op0 $op1 $op2 $op3 $op4 $op5 $op6 $op7 $op8 $op9 $op10 $op11 $op12 $op13 $op14 $op15 $op16 $op17 $op18 $op19 $op20 $op21 $op22 $op23 $op24 $op25 $op26 $op27 $op28 $op29 $op30 $op31 $op32 $op33 $bad
        (i32.load offset=1024 (i32.shl (i32.load8_u (local.get $pc)) (i32.const 2)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))))
      (return (local.get $acc)))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 5)) (i32.const 1)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 7)) (i32.const 2)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 9)) (i32.const 3)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 11)) (i32.const 4)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 13)) (i32.const 5)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 15)) (i32.const 6)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 17)) (i32.const 7)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 19)) (i32.const 8)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 21)) (i32.const 9)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 23)) (i32.const 10)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 25)) (i32.const 11)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 27)) (i32.const 12)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 29)) (i32.const 13)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.const 14)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 33)) (i32.const 15)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 35)) (i32.const 16)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 37)) (i32.const 17)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 39)) (i32.const 18)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 41)) (i32.const 19)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 43)) (i32.const 20)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 45)) (i32.const 21)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 47)) (i32.const 22)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 49)) (i32.const 23)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 51)) (i32.const 24)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 53)) (i32.const 25)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 55)) (i32.const 26)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 57)) (i32.const 27)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 59)) (i32.const 28)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 61)) (i32.const 29)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 63)) (i32.const 30)))
      (br $next))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 65)) (i32.const 31)))
      (br $next))
      (local.set $acc (i32.xor (local.get $acc) (i32.const 23162)))
      (br $op33))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 69)) (i32.const 33)))
      (br $next))
    (i32.const -1)))

  ;; 8 hex digits of v and a newline.
  (func $line (param $v i32) (local $i i32) (local $d i32)
    (loop $digit
      (local.set $d (i32.and (i32.shr_u (local.get $v) (i32.sub (i32.const 28) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 15)))
      (i32.store8 (i32.add (i32.const 64) (local.get $i))
        (i32.add (local.get $d) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))
      (br_if $digit (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
    (i32.store8 (i32.const 72) (i32.const 10))
    (call $write (call $get-stdout) (i32.const 64) (i32.const 9) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $line (call $bytes (i32.const 256)))
    (call $line (call $bytes (i32.const 384)))
    (call $line (call $labels (i32.const 512)))
    (call $line (call $labels (i32.const 640)))
    (call $line (call $labels (i32.const 656)))
    (i32.const 0)))
