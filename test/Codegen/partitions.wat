;; A program cut into partitions (--partitions) behaves as when compiled
;; whole: calls, a table and globals that cross partitions, data, and a trap
;; named from the function-name entries each partition adds.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t.whole --partitions=1
;; RUN: sh -c '%t.whole; echo "exit=$?"' > %t.whole.out 2>&1
;; RUN: %FileCheck %s < %t.whole.out
;; RUN: %wacc %t.wasm -o %t.parts --partitions=4 --time-report 2> %t.report
;; RUN: %FileCheck %s --check-prefix=REPORT < %t.report
;; RUN: sh -c '%t.parts; echo "exit=$?"' > %t.parts.out 2>&1
;; RUN: %FileCheck %s < %t.parts.out
;; Fewer threads than partitions: a worker takes the next partition when it
;; is done (and one first drops the whole module's bodies).
;; RUN: %wacc %t.wasm -o %t.queued --partitions=4 -j 1 --time-report 2> %t.report1
;; RUN: %FileCheck %s --check-prefix=REPORT1 < %t.report1
;; RUN: sh -c '%t.queued; echo "exit=$?"' > %t.queued.out 2>&1
;; RUN: %FileCheck %s < %t.queued.out
;; RUN: cmp %t.parts %t.queued
;; RUN: %wacc %t.wasm -o %t.threads --partitions=4 --threads=3 --time-report 2> %t.report3
;; RUN: %FileCheck %s --check-prefix=REPORT3 < %t.report3
;; RUN: %wacc %t.wasm -o %t.jobs --partitions=4 -j2 --time-report 2> %t.report2
;; RUN: %FileCheck %s --check-prefix=REPORT2 < %t.report2
;; The first partition is compiled in the translated module itself, the
;; others read back from its bitcode (Backend.cpp), with a thread for every
;; partition or fewer, at -O1 and -O2; the threads do not change the code.
;; RUN: %wacc %t.wasm -o %t.inplace --partitions=2 -j2
;; RUN: sh -c '%t.inplace; echo "exit=$?"' > %t.inplace.out 2>&1
;; RUN: %FileCheck %s < %t.inplace.out
;; RUN: %wacc -O1 %t.wasm -o %t.inplace1 --partitions=4 -j4
;; RUN: sh -c '%t.inplace1; echo "exit=$?"' > %t.inplace1.out 2>&1
;; RUN: %FileCheck %s < %t.inplace1.out
;; RUN: %wacc -O1 %t.wasm -o %t.inplace1q --partitions=4 -j1
;; RUN: cmp %t.inplace1 %t.inplace1q
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu --partitions=2 -j2 %t.wasm -o %t.inplace.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.inplace.aarch64; echo "exit=$?"' > %t.inplace.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.inplace.aarch64.out %}
;; RUN: %wacc -O0 %t.wasm -o %t.parts0 --partitions=4 --jobs=2
;; RUN: sh -c '%t.parts0; echo "exit=$?"' > %t.parts0.out 2>&1
;; RUN: %FileCheck %s < %t.parts0.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu --partitions=3 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; RUN: not %wacc %t.wasm -o %t.bad --partitions=65 2>&1 | %FileCheck %s --check-prefix=BAD
;; CHECK: {{^}}partitioned{{$}}
;; CHECK-NEXT: {{^}}wasm trap: out of bounds memory access, in function peek{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; REPORT: translate to LLVM IR
;; REPORT: optimise and machine code (4 partitions, {{[1-4]}} thread
;; REPORT: link
;; REPORT: total
;; BAD: wacc: error: invalid --partitions value 65 (expected 1 to 64)
;; RUN: not %wacc %t.wasm -o %t.bad --jobs=65 2>&1 | %FileCheck %s --check-prefix=BADJOBS
;; BADJOBS: wacc: error: invalid --jobs value 65 (expected 1 to 64)
;; REPORT1: optimise and machine code (4 partitions, 1 thread)
;; REPORT2: optimise and machine code (4 partitions, 2 threads)
;; REPORT3: optimise and machine code (4 partitions, 3 threads)
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "partitioned\n")
  (global $counter (mut i32) (i32.const 0))
  (global $step i32 (i32.const 7))
  (type $unary (func (param i32) (result i32)))
  ;; Exported, so that its contents are not constant and $peek, called
  ;; through it, is not inlined (the trap names it).
  (table (export "table") funcref (elem $double $triple $peek))
  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $bump (global.set $counter (i32.add (global.get $counter) (global.get $step))))
  ;; No explicit check: the access lands in the guard region and faults.
  (func $peek (param i32) (result i32) (i32.load offset=16 (local.get 0)))
  (func $mix (param i32) (result i32)
    (call $bump)
    (call $bump)
    (i32.add (call_indirect (type $unary) (local.get 0) (i32.const 0))
             (call_indirect (type $unary) (global.get $counter) (i32.const 1))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; mix(5) = 5*2 + 14*3 = 52
    (if (i32.eq (call $mix (i32.const 5)) (i32.const 52))
      (then (call $write (call $get-stdout) (i32.const 16) (i32.const 12) (i32.const 0))))
    (call_indirect (type $unary) (i32.const 0x7fff0000) (i32.const 2))))
