;; A program translated a partition at a time (--partition-size, by default
;; for programs of more than 2 MiB of code at -O2, 150 KiB at -O0 and -O1:
;; codegen/PartitionStream.h)
;; behaves as when translated whole: calls, a table and globals that cross
;; partitions, small functions copied for inlining, data, and a trap named
;; from the function-name entries each partition adds. With a size of one
;; instruction every core function is a partition of its own, and the last
;; holds what is left (adapters, instantiation, wacc_main).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t.whole
;; RUN: sh -c '%t.whole; echo "exit=$?"' > %t.whole.out 2>&1
;; RUN: %FileCheck %s < %t.whole.out
;; RUN: %wacc %t.wasm -o %t.stream --partition-size=1 --time-report 2> %t.report
;; RUN: %FileCheck %s --check-prefix=REPORT < %t.report
;; RUN: sh -c '%t.stream; echo "exit=$?"' > %t.stream.out 2>&1
;; RUN: %FileCheck %s < %t.stream.out
;; The same partitions whatever the threads, and the same executable.
;; RUN: %wacc %t.wasm -o %t.stream1 --partition-size=1 -j 1
;; RUN: cmp %t.stream %t.stream1
;; -O0 and -O1 (no copies for inlining): each partition is compiled as soon
;; as it is cut, its symbols all external, while the rest is translated; the
;; executable does not depend on the threads or on which finished first.
;; RUN: %wacc -O0 %t.wasm -o %t.stream0 --partition-size=1 --time-report 2> %t.report0
;; RUN: %FileCheck %s --check-prefix=REPORT-FAST < %t.report0
;; RUN: sh -c '%t.stream0; echo "exit=$?"' > %t.stream0.out 2>&1
;; RUN: %FileCheck %s < %t.stream0.out
;; RUN: %wacc -O0 %t.wasm -o %t.stream0-1 --partition-size=1 -j 1
;; RUN: cmp %t.stream0 %t.stream0-1
;; RUN: %wacc -O1 %t.wasm -o %t.stream01 --partition-size=1 --time-report 2> %t.report01
;; RUN: %FileCheck %s --check-prefix=REPORT-FAST < %t.report01
;; RUN: sh -c '%t.stream01; echo "exit=$?"' > %t.stream01.out 2>&1
;; RUN: %FileCheck %s < %t.stream01.out
;; RUN: %wacc -O1 %t.wasm -o %t.stream01-4 --partition-size=1 -j 4
;; RUN: cmp %t.stream01 %t.stream01-4
;; Partitions of 60 instructions: several functions each.
;; RUN: %wacc %t.wasm -o %t.stream60 --partition-size=60 --time-report 2> %t.report60
;; RUN: %FileCheck %s --check-prefix=REPORT60 < %t.report60
;; RUN: sh -c '%t.stream60; echo "exit=$?"' > %t.stream60.out 2>&1
;; RUN: %FileCheck %s < %t.stream60.out
;; A size larger than the program: one partition, everything in it.
;; RUN: %wacc %t.wasm -o %t.stream-one --partition-size=10000000 --time-report 2> %t.report-one
;; RUN: %FileCheck %s --check-prefix=REPORT-ONE < %t.report-one
;; RUN: sh -c '%t.stream-one; echo "exit=$?"' > %t.stream-one.out 2>&1
;; RUN: %FileCheck %s < %t.stream-one.out
;; RUN: not %wacc %t.wasm -o %t.bad --partition-size=10 --partitions=2 2>&1 | %FileCheck %s --check-prefix=BAD
;; RUN: not %wacc %t.wasm -o %t.bad --partition-size=-1 2>&1 | %FileCheck %s --check-prefix=BADSIZE
;; CHECK: {{^}}streamed 8{{$}}
;; CHECK-NEXT: {{^}}wasm trap: out of bounds memory access, in function peek{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; REPORT: translate to LLVM IR, a partition at a time ({{.*}} MiB of bitcode)
;; REPORT-NEXT: optimise and machine code (9 partitions, {{[1-9]}} thread
;; REPORT-FAST: translate to LLVM IR, a partition at a time ({{.*}} MiB of bitcode, compiled meanwhile)
;; REPORT-FAST-NEXT: optimise and machine code (9 partitions, {{[1-9]}} thread
;; REPORT60: optimise and machine code (3 partitions,
;; REPORT-ONE: optimise and machine code (1 partition, 1 thread)
;; BAD: wacc: error: --partition-size and --partitions cannot be combined
;; BADSIZE: wacc: error: invalid --partition-size value -1
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "streamed ?\n")
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
  ;; Larger than the others (translated after them, in a partition of its own).
  (func $digit (param i32) (result i32)
    (local $r i32)
    (local.set $r (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.lt_u (local.get 0) (i32.const 10)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 10)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next)))
    (i32.add (i32.const 48) (i32.add (local.get 0) (i32.mul (local.get $r) (i32.const 0)))))
  (func $mix (param i32) (result i32)
    (call $bump)
    (call $bump)
    (i32.add (call_indirect (type $unary) (local.get 0) (i32.const 0))
             (call_indirect (type $unary) (global.get $counter) (i32.const 1))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; mix(5) = 5*2 + 14*3 = 52; its last digit, 52 - 5*10 + 6 = 8
    (if (i32.eq (call $mix (i32.const 5)) (i32.const 52))
      (then (i32.store8 offset=25 (i32.const 0) (i32.add (call $digit (i32.const 52)) (i32.const 6)))
            (call $write (call $get-stdout) (i32.const 16) (i32.const 11) (i32.const 0))))
    (call_indirect (type $unary) (i32.const 0x7fff0000) (i32.const 2))))
