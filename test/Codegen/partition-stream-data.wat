;; A streamed program's data is in the bitcode of the partition that defines
;; it, not in every partition's (PartitionStream::write): the others see it
;; as the declaration SelectPartition would make of it anyway. The program
;; below has 512 KiB of data and is cut into a partition per function; the
;; time report gives the partitions' bitcode, which held the data once per
;; partition it was cut after (2.0 MiB) before.
;; RUN: %python -c "import sys; print(open(sys.argv[1]).read().replace('BIG', 'wacc' * 131072))" %s > %t.wat
;; RUN: %wasi-component %t.wat %t.wasm
;; RUN: %wacc %t.wasm -o %t --partition-size=1 --time-report 2> %t.report
;; RUN: %FileCheck %s --check-prefix=REPORT < %t.report
;; RUN: %t | %FileCheck %s
;; RUN: %wacc -O1 %t.wasm -o %t.o1 --partition-size=1
;; RUN: %t.o1 | %FileCheck %s
;; REPORT: translate to LLVM IR, a partition at a time (0.{{[0-9]}} MiB of bitcode)
;; REPORT-NEXT: optimise and machine code (5 partitions,
;; CHECK: {{^}}data: wacc wacc{{$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 10)
  (data (i32.const 16) "data: ")
  (data (i32.const 32) "BIG")
  (global $last i32 (i32.const 524316))
  ;; The first and the last four bytes of the large segment, after the label.
  (func $copy4 (param $to i32) (param $from i32) (i32.store (local.get $to) (i32.load (local.get $from))))
  (func $line
    (call $copy4 (i32.const 22) (i32.const 32))
    (i32.store8 (i32.const 26) (i32.const 32))
    (call $copy4 (i32.const 27) (global.get $last))
    (i32.store8 (i32.const 31) (i32.const 10)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $line)
    (call $write (call $get-stdout) (i32.const 16) (i32.const 16) (i32.const 0))
    (i32.const 0)))
