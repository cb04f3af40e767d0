;; -O0's pipeline is LLVM's, which also invokes the points where -O2 adds
;; wacc's passes (Optimizer.cpp). Before the vectoriser (MismatchLoops,
;; InBoundsLoops, RerollLoops) they only serve the loop vectoriser, which
;; -O0 does not run: there they are left out (they computed loops and scalar
;; evolution of every function for nothing), while KeptLoads, which keeps a
;; trapping load FastISel would drop, still runs. -O2 runs all of them.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O0 -j1 -mllvm -time-passes --emit=obj %t.wasm -o %t.o 2> %t.times0
;; RUN: %FileCheck %s --check-prefix=O0 < %t.times0
;; RUN: %wacc -O2 -j1 -mllvm -time-passes --emit=obj %t.wasm -o %t.o 2> %t.times2
;; RUN: %FileCheck %s --check-prefix=O2 < %t.times2
;; RUN: %wacc -O0 %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; O0-NOT: MismatchLoopsPass
;; O0-NOT: InBoundsLoopsPass
;; O0-NOT: RerollLoopsPass
;; O0: KeptLoadsToFakeUsesPass
;; O0-NOT: MismatchLoopsPass
;; O2-DAG: MismatchLoopsPass
;; O2-DAG: InBoundsLoopsPass
;; O2-DAG: RerollLoopsPass
;; O2-DAG: KeptLoadsToFakeUsesPass
;; The load past the end of memory traps, though its value is dropped.
;; CHECK: out of bounds
;; CHECK: exit=
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func $sum (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (drop (call $sum (i32.const 100)))
    (drop (i32.load (i32.const 65536)))
    (i32.const 0)))
