;; Host functions the preview1 adapter never calls: get-terminal-stdout
;; (none, stdout is a file here), write-zeroes, poll over an output stream's
;; pollable and a 10 s deadline (only the stream is ready: poll returns [1]), and exit-with-code.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: not %t > %t.out
;; RUN: od -An -c %t.out | %FileCheck %s
;; RUN: sh -c '%t > /dev/null; test $? -eq 7'
;; CHECK: t   t   y   :   n  \0  \0  \0   r   e   a   d   y   :   1   :
;; CHECK-NEXT: 1
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.write-zeroes"
    (func $zeroes (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.subscribe"
    (func $subscribe (param i32) (result i32)))
  (import "wasi:clocks/monotonic-clock@@VERSION@" "subscribe-duration"
    (func $after (param i64) (result i32)))
  (import "wasi:io/poll@@VERSION@" "poll" (func $poll (param i32 i32 i32)))
  (import "wasi:cli/terminal-stdout@@VERSION@" "get-terminal-stdout" (func $tty (param i32)))
  (import "wasi:cli/exit@@VERSION@" "exit-with-code" (func $exit (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 100) "tty:")
  (data (i32.const 110) "ready:")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $result i32)
    (local.set $result (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (i32.add (local.get 3) (i32.const 8))))
    (local.get $result))
  ;; Writes one byte.
  (func $byte (param $out i32) (param $value i32)
    (i32.store8 (i32.const 200) (local.get $value))
    (call $write (local.get $out) (i32.const 200) (i32.const 1) (i32.const 300)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $out i32)
    (local.set $out (call $stdout))
    (call $write (local.get $out) (i32.const 100) (i32.const 4) (i32.const 300))
    (call $tty (i32.const 400))
    (call $byte (local.get $out)
      (select (i32.const 121) (i32.const 110) (i32.load8_u (i32.const 400))))
    (call $zeroes (local.get $out) (i64.const 3) (i32.const 300))
    ;; poll([deadline in 10 s, stdout's pollable]) -> [1]
    (i32.store (i32.const 500) (call $after (i64.const 10000000000)))
    (i32.store (i32.const 504) (call $subscribe (local.get $out)))
    (call $poll (i32.const 500) (i32.const 2) (i32.const 600))
    (call $write (local.get $out) (i32.const 110) (i32.const 6) (i32.const 300))
    (call $byte (local.get $out)
      (i32.add (i32.const 48) (i32.load (i32.load (i32.const 600)))))
    (call $byte (local.get $out) (i32.const 58))
    (call $byte (local.get $out) (i32.add (i32.const 48) (i32.load (i32.const 604))))
    (call $exit (i32.const 7))
    (i32.const 0)))
