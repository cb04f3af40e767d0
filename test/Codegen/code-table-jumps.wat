;; call_indirect through a frozen table whose index LLVM cannot know (read
;; from memory): the call's target is computed from the index into a jump
;; table of direct jumps (CodeTableJumps.h), not loaded from the code table,
;; for a signature whose slots are one run ($binary: 6, 7) and for one whose
;; slots are scattered ($unary: 1, 2, 3, 5; slot 4 holds another signature),
;; where the null test of the loaded code stays and only sends the call to
;; the checks that trap. The calls compute what they did, and every slot that
;; must trap still traps with its reason: 0 null, 4 wrong type, 8 past the end.
;; RUN: sed 's/@SLOT@/0/' %s > %t.0.wat
;; RUN: %wasi-component %t.0.wat %t.0.wasm
;; RUN: %wacc -O2 %t.0.wasm -o %t.0
;; RUN: sh -c '%t.0; echo "exit=$?"' > %t.0.out 2>&1
;; RUN: sed 's/@SLOT@/4/' %s > %t.4.wat
;; RUN: %wasi-component %t.4.wat %t.4.wasm
;; RUN: %wacc -O2 %t.4.wasm -o %t.4
;; RUN: sh -c '%t.4; echo "exit=$?"' > %t.4.out 2>&1
;; RUN: sed 's/@SLOT@/8/' %s > %t.8.wat
;; RUN: %wasi-component %t.8.wat %t.8.wasm
;; RUN: %wacc -O2 %t.8.wasm -o %t.8
;; RUN: sh -c '%t.8; echo "exit=$?"' > %t.8.out 2>&1
;; RUN: cat %t.0.out %t.4.out %t.8.out | %FileCheck %s
;; Cut into partitions, a table whose calls are rewritten in one partition
;; is still there for another's calls (json.c at --partitions=3 failed to link).
;; RUN: %wacc -O2 --partitions=3 %t.0.wasm -o %t.0.parts
;; RUN: sh -c '%t.0.parts; echo "exit=$?"' > %t.0.parts.out 2>&1
;; RUN: diff %t.0.out %t.0.parts.out
;; RUN: %wacc -O2 --emit=llvm %t.4.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 --emit=asm %t.4.wasm -o %t.s
;; RUN: %FileCheck %s --check-prefix=ASM < %t.s
;; IR-DAG: call {{.*}}i32 %jump{{[0-9]*}}(i32
;; IR-DAG: call {{.*}}i32 %jump{{[0-9]*}}(i32 {{.*}}, i32
;; IR-DAG: define internal void @i{{[0-9]+}}.table0.code{{[0-9]+}}.jumps() {{.*}}align 8
;; IR-NOT: load ptr, ptr %{{.*}}code
;; ASM: table0.code{{[0-9]+}}.jumps:
;; ASM: .p2align 3
;; ASM-NEXT: jmp {{.*}}@{{plt|PLT}}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.4.wasm -o %t.4.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.4.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=A64 < %t.aarch64.out %}
;; CHECK: {{^}}unary ok{{$}}
;; CHECK-NEXT: {{^}}binary ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: uninitialized element, in function call{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; CHECK-NEXT: {{^}}unary ok{{$}}
;; CHECK-NEXT: {{^}}binary ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: indirect call type mismatch, in function call{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; CHECK-NEXT: {{^}}unary ok{{$}}
;; CHECK-NEXT: {{^}}binary ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: out of bounds table access, in function call{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; A64: {{^}}unary ok{{$}}
;; A64-NEXT: {{^}}binary ok{{$}}
;; A64-NEXT: {{^}}wasm trap: indirect call type mismatch, in function call{{$}}
;; A64-NEXT: {{^}}exit=134{{$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; The slots the loops call (bytes 0-3 unary, 4-5 binary), and the bad one.
  (data (i32.const 0) "\01\02\03\05\06\07\0@SLOT@")
  (data (i32.const 64) "unary ok\nbinary ok\nafter\n")
  (type $unary (func (param i32) (result i32)))
  (type $binary (func (param i32 i32) (result i32)))
  (table 8 funcref)
  (elem (i32.const 1) func $add1 $double $square $seven $neg $sub $mul)
  (func $add1 (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $double (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))
  (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $seven (result i32) (i32.const 7))
  (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
  (func $call (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $slot)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $i i32) (local $acc i32)
    ;; ((6 + 1) * 2)^2 negated: -196.
    (local.set $acc (i32.const 6))
    (loop $unary
      (local.set $acc (call $call (i32.load8_u (local.get $i)) (local.get $acc)))
      (br_if $unary (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 4))))
    (if (i32.eq (local.get $acc) (i32.const -196))
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 9) (i32.const 0))))
    ;; (10 - 3) * 3: 21.
    (local.set $acc (i32.const 10))
    (loop $binary
      (local.set $acc (call_indirect (type $binary) (local.get $acc) (i32.const 3) (i32.load8_u (local.get $i))))
      (br_if $binary (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 6))))
    (if (i32.eq (local.get $acc) (i32.const 21))
      (then (call $write (call $get-stdout) (i32.const 73) (i32.const 10) (i32.const 0))))
    (drop (call $call (i32.load8_u (i32.const 6)) (i32.const 0)))
    (call $write (call $get-stdout) (i32.const 83) (i32.const 6) (i32.const 0))
    (i32.const 0)))
