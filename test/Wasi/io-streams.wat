;; wasi:io/streams on stdin, stdout and stderr, every method: input-stream
;; subscribe (then pollable.block and ready), read, skip, blocking-read,
;; blocking-skip, splice and blocking-splice into stdout, and at end of input
;; `closed` from each reading method; output-stream check-write, write,
;; flush, blocking-flush, write of nothing, write-zeroes and
;; blocking-write-zeroes-and-flush (to stderr, checked byte for byte), and
;; the resource drops. stdin is a file, then a pipe, then empty.
;; RUN: %prelude-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t < %S/Inputs/streams.txt 2> %t.err | %FileCheck %s
;; RUN: printf '\0\0\0\0\0' | cmp - %t.err
;; RUN: cat %S/Inputs/streams.txt | %t 2> %t.err | %FileCheck %s
;; RUN: %t < /dev/null 2> %t.err | %FileCheck %s --check-prefix=EMPTY
;; jco's preview2-shim gets input-stream.skip wrong: it returns the skipped
;; bytes, not their count, and the run dies ("Cannot convert 44,32 to a
;; BigInt"). So jco is compared up to the first skip only. On empty stdin
;; its read returns ok with no bytes, not closed, so that run is not compared.
;; RUN: not %jco run %t.wasm < %S/Inputs/streams.txt 2> /dev/null | %FileCheck %s --check-prefix=JCO
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 < %S/Inputs/streams.txt 2> %t.err | %FileCheck %s %}
;; RUN: printf '\0\0\0\0\0' | cmp - %t.err
;; RUN: %if qemu-aarch64 %{ cat %S/Inputs/streams.txt | %run-aarch64 %t.aarch64 2> /dev/null | %FileCheck %s %}
;;
;; CHECK: stdin ready 1
;; CHECK-NEXT: read ok hello
;; CHECK-NEXT: skip ok 2
;; CHECK-NEXT: blocking-read ok str
;; CHECK-NEXT: blocking-skip ok 1
;; CHECK-NEXT: splice ams -> ok 3
;; CHECK-NEXT: blocking-splice !
;; CHECK-NEXT: -> ok 2
;; A pipe's writer may not have closed it yet: read then has nothing (ok).
;; CHECK-NEXT: read {{err closed|ok $}}
;; CHECK-NEXT: blocking-read err closed
;; CHECK-NEXT: skip err closed
;; CHECK-NEXT: blocking-skip err closed
;; CHECK-NEXT: splice err closed
;; CHECK-NEXT: blocking-splice err closed
;; CHECK-NEXT: check-write ok positive 1
;; CHECK-NEXT: abc write ok
;; CHECK-NEXT: flush ok
;; CHECK-NEXT: blocking-flush ok
;; CHECK-NEXT: empty write ok
;; CHECK-NEXT: write-zeroes ok
;; CHECK-NEXT: blocking-write-zeroes-and-flush ok
;; CHECK-NEXT: done
;; JCO: stdin ready 1
;; JCO-NEXT: read ok hello
;; EMPTY: stdin ready 1
;; EMPTY-NEXT: read err closed
;; EMPTY-NEXT: blocking-read err closed
;; EMPTY-NEXT: skip err closed
  (import "wasi:cli/stdin@@VERSION@" "get-stdin" (func $get-stdin (result i32)))
  (import "wasi:cli/stderr@@VERSION@" "get-stderr" (func $get-stderr (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]input-stream.read" (func $read (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]input-stream.blocking-read" (func $blocking-read (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]input-stream.skip" (func $skip (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]input-stream.blocking-skip" (func $blocking-skip (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]input-stream.subscribe" (func $in-subscribe (param i32) (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.check-write" (func $check-write (param i32 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.write" (func $out-write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.flush" (func $flush (param i32 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-flush" (func $blocking-flush (param i32 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.write-zeroes" (func $write-zeroes (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-zeroes-and-flush"
    (func $blocking-write-zeroes (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.splice" (func $splice (param i32 i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-splice" (func $blocking-splice (param i32 i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[resource-drop]input-stream" (func $drop-input (param i32)))
  (import "wasi:io/streams@@VERSION@" "[resource-drop]output-stream" (func $drop-output (param i32)))
  (import "wasi:io/poll@@VERSION@" "[method]pollable.ready" (func $ready (param i32) (result i32)))
  (import "wasi:io/poll@@VERSION@" "[method]pollable.block" (func $block (param i32)))
  (import "wasi:io/poll@@VERSION@" "[resource-drop]pollable" (func $drop-pollable (param i32)))
  (data (i32.const 1024) "stdin ready\00")
  (data (i32.const 1088) "read\00")
  (data (i32.const 1152) "skip\00")
  (data (i32.const 1216) "blocking-read\00")
  (data (i32.const 1280) "blocking-skip\00")
  (data (i32.const 1344) "splice\00")
  (data (i32.const 1408) "blocking-splice\00")
  (data (i32.const 1472) "check-write\00")
  (data (i32.const 1536) "positive\00")
  (data (i32.const 1600) "abc\00")
  (data (i32.const 1664) "write\00")
  (data (i32.const 1728) "flush\00")
  (data (i32.const 1792) "blocking-flush\00")
  (data (i32.const 1856) "empty write\00")
  (data (i32.const 1920) "write-zeroes\00")
  (data (i32.const 1984) "blocking-write-zeroes-and-flush\00")
  (data (i32.const 2048) "done\00")
  (data (i32.const 2112) "->\00")
  ;; "<label> ok <bytes>" or "<label> err <why>" for a result<list<u8>> at 256.
  (func $list-result (param $label i32)
    (call $say (local.get $label))
    (if (i32.eqz (i32.load8_u (i32.const 256)))
      (then (call $say (i32.const 0x8004))
            (call $write (i32.load (i32.const 260)) (i32.load (i32.const 264)))
            (call $nl))
      (else (drop (call $stream-result (i32.const 256) (i32.const 4))))))
  ;; "<label> ok <n>" or "<label> err <why>" for a result<u64> at 256.
  (func $u64-result (param $label i32)
    (call $say (local.get $label))
    (if (i32.eqz (i32.load8_u (i32.const 256)))
      (then (call $say (i32.const 0x8004)) (call $putu (i64.load (i32.const 264))) (call $nl))
      (else (drop (call $stream-result (i32.const 256) (i32.const 8))))))
  (func $unit-result (param $label i32)
    (call $say (local.get $label))
    (drop (call $stream-result (i32.const 256) (i32.const 4))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $in i32) (local $out i32) (local $err i32) (local $p i32)
    (local.set $in (call $get-stdin))
    (local.set $out (call $stdout))
    (local.set $err (call $get-stderr))
    (local.set $p (call $in-subscribe (local.get $in)))
    (call $block (local.get $p))
    (call $say (i32.const 1024)) (call $putu32 (call $ready (local.get $p))) (call $nl)
    (call $drop-pollable (local.get $p))
    (call $read (local.get $in) (i64.const 5) (i32.const 256))
    (call $list-result (i32.const 1088))
    (if (i32.load8_u (i32.const 256))
      (then ;; Empty input: the other readers say closed too.
        (call $blocking-read (local.get $in) (i64.const 3) (i32.const 256))
        (call $list-result (i32.const 1216))
        (call $skip (local.get $in) (i64.const 2) (i32.const 256))
        (call $u64-result (i32.const 1152))
        (return (i32.const 0))))
    (call $skip (local.get $in) (i64.const 2) (i32.const 256))
    (call $u64-result (i32.const 1152))
    (call $blocking-read (local.get $in) (i64.const 3) (i32.const 256))
    (call $list-result (i32.const 1216))
    (call $blocking-skip (local.get $in) (i64.const 1) (i32.const 256))
    (call $u64-result (i32.const 1280))
    ;; "ams" then "!\n" go straight from stdin to stdout.
    (call $say (i32.const 1344))
    (call $splice (local.get $out) (local.get $in) (i64.const 3) (i32.const 256))
    (call $sp)
    (call $u64-result (i32.const 2112))
    (call $say (i32.const 1408))
    (call $blocking-splice (local.get $out) (local.get $in) (i64.const 100) (i32.const 256))
    (call $u64-result (i32.const 2112))
    ;; End of input.
    (call $read (local.get $in) (i64.const 10) (i32.const 256))
    (call $list-result (i32.const 1088))
    (call $blocking-read (local.get $in) (i64.const 10) (i32.const 256))
    (call $list-result (i32.const 1216))
    (call $skip (local.get $in) (i64.const 10) (i32.const 256))
    (call $u64-result (i32.const 1152))
    (call $blocking-skip (local.get $in) (i64.const 10) (i32.const 256))
    (call $u64-result (i32.const 1280))
    (call $splice (local.get $out) (local.get $in) (i64.const 10) (i32.const 256))
    (call $u64-result (i32.const 1344))
    (call $blocking-splice (local.get $out) (local.get $in) (i64.const 10) (i32.const 256))
    (call $u64-result (i32.const 1408))
    ;; Output.
    (call $check-write (local.get $out) (i32.const 256))
    (call $say (i32.const 1472))
    (if (i32.eqz (i32.load8_u (i32.const 256)))
      (then (call $say (i32.const 0x8004)) (call $say (i32.const 1536))
            (call $putu32 (i64.gt_u (i64.load (i32.const 264)) (i64.const 0))) (call $nl))
      (else (drop (call $stream-result (i32.const 256) (i32.const 8)))))
    (call $out-write (local.get $out) (i32.const 1600) (i32.const 3) (i32.const 256))
    (call $sp)
    (call $unit-result (i32.const 1664))
    (call $flush (local.get $out) (i32.const 256))
    (call $unit-result (i32.const 1728))
    (call $blocking-flush (local.get $out) (i32.const 256))
    (call $unit-result (i32.const 1792))
    (call $out-write (local.get $out) (i32.const 1600) (i32.const 0) (i32.const 256))
    (call $unit-result (i32.const 1856))
    (call $write-zeroes (local.get $err) (i64.const 2) (i32.const 256))
    (call $unit-result (i32.const 1920))
    (call $blocking-write-zeroes (local.get $err) (i64.const 3) (i32.const 256))
    (call $unit-result (i32.const 1984))
    (call $drop-input (local.get $in))
    (call $drop-output (local.get $err))
    (call $puts (i32.const 2048)) (call $nl)
    (i32.const 0))
