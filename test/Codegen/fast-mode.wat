;; -O1 is the fast mode (Optimizer.cpp): a short function pipeline instead of
;; LLVM's -O1 -- locals promoted to registers, the memory base loaded once and
;; hoisted out of loops, no inliner, no loop transformations -- then FastISel
;; and a shorter code generation.
;; The program still computes what -O2's does.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O1 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O1 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; CHECK: {{^}}sum ok{{$}}
;; Code generation keeps what run time was measured to need (Target.cpp):
;; loop strength reduction and the greedy register allocator, as -O2 does;
;; -mllvm still overrides -O1's choices.
;; RUN: %wacc -O1 -mllvm -debug-pass=Structure --emit=obj %t.wasm -o %t.o 2> %t.passes1
;; RUN: %FileCheck %s --check-prefix=PASSES < %t.passes1
;; RUN: %wacc -O1 -mllvm -debug-pass=Structure -mllvm -regalloc=basic --emit=obj %t.wasm -o %t.o 2> %t.passes2
;; RUN: %FileCheck %s --check-prefix=BASIC < %t.passes2
;; RUN: %wacc -O1 -mllvm -regalloc=basic %t.wasm -o %t.basic
;; RUN: %t.basic | %FileCheck %s
;; Locals are promoted by SSA construction alone before SROA, which only sees
;; what is left (Optimizer.cpp's PromoteLocalsPass).
;; RUN: %wacc -O1 -j1 -mllvm -time-passes --emit=obj %t.wasm -o %t.o 2> %t.times
;; RUN: %FileCheck %s --check-prefix=TIMES < %t.times
;; TIMES: PromoteLocalsPass
;; PASSES: Loop Strength Reduction
;; PASSES: Greedy Register Allocator
;; x86's ExecutionDomainFix and BreakFalseDeps (and the reaching definitions
;; they need) are left out at -O1 (MachineCode.cpp), kept at -O2 and when
;; -mllvm -wacc-fast-no-domain-fix=false asks for them.
;; PASSES-NOT: Reaching Definitions Analysis
;; PASSES-NOT: BreakFalseDeps
;; RUN: %wacc -O2 -mllvm -debug-pass=Structure --emit=obj %t.wasm -o %t.o 2> %t.passes3
;; RUN: %FileCheck %s --check-prefix=DOMAIN < %t.passes3
;; RUN: %wacc -O1 -mllvm -debug-pass=Structure -mllvm -wacc-fast-no-domain-fix=false --emit=obj %t.wasm -o %t.o 2> %t.passes4
;; RUN: %FileCheck %s --check-prefix=DOMAIN < %t.passes4
;; x86's LVI load hardening (nothing to do without the lvi-load-hardening
;; feature) and the dominance frontier it needs are left out at every level
;; (MachineCode.cpp).
;; PASSES-NOT: Dominance Frontier
;; PASSES-NOT: Load Value Injection (LVI) Load Hardening
;; RUN: %FileCheck %s --check-prefix=NO-LVI < %t.passes3
;; NO-LVI-NOT: Dominance Frontier
;; NO-LVI-NOT: Load Value Injection (LVI) Load Hardening
;; NO-LVI: X86 Load Value Injection (LVI) Ret-Hardening
;; DOMAIN: Reaching Definitions Analysis
;; DOMAIN: X86 Execution Dependency Fix
;; DOMAIN: BreakFalseDeps
;; BASIC-NOT: Greedy Register Allocator
;; BASIC: Basic Register Allocator
;; BASIC-NOT: Greedy Register Allocator
;; IR-LABEL: define internal {{.*}}@i1.sum(
;; IR-NOT: alloca
;; IR: %membase = load ptr
;; IR: loop:
;; IR-NOT: = load ptr, ptr @
;; IR-NOT: <4 x i32>
;; IR: ret i32
;; IR-LABEL: define internal {{.*}}@i1.run(
;; IR: call {{.*}}@i1.sum(
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "sum ok\n")
  ;; The sum of the n i32s at p.
  (func $sum (param $p i32) (param $n i32) (result i32) (local $acc i32) (local $k i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $i i32)
    (loop $fill
      (i32.store offset=4096 (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024))))
    (if (i32.eq (call $sum (i32.const 4096) (i32.const 1024)) (i32.const 523776))
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 7) (i32.const 0))))
    (i32.const 0)))
