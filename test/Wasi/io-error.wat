;; wasi:io/error through a stream write that fails: stdout is /dev/full, so
;; blocking-write-and-flush and write report last-operation-failed with an
;; error resource; filesystem-error-code maps it (ENOSPC: insufficient-space)
;; and to-debug-string describes it. The test prints to stderr (the
;; prelude's output stream is switched to it). jco's run is not compared:
;; preview2-shim throws on the failed write instead of returning the error.
;; RUN: %prelude-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t 2>&1 > /dev/full | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 2>&1 > /dev/full | %FileCheck %s %}
;; CHECK: blocking-write-and-flush err failed
;; CHECK-NEXT: filesystem-error-code some insufficient-space
;; CHECK-NEXT: to-debug-string {{.+}}
;; CHECK-NEXT: write err failed
;; CHECK-NEXT: done
  (import "wasi:cli/stderr@@VERSION@" "get-stderr" (func $get-stderr (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write-and-flush (param i32 i32 i32 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.write" (func $out-write (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "filesystem-error-code" (func $filesystem-error-code (param i32 i32)))
  (import "wasi:io/error@@VERSION@" "[method]error.to-debug-string" (func $to-debug-string (param i32 i32)))
  (import "wasi:io/error@@VERSION@" "[resource-drop]error" (func $drop-error (param i32)))
  (data (i32.const 1024) "blocking-write-and-flush\00")
  (data (i32.const 1088) "filesystem-error-code\00")
  (data (i32.const 1152) "some\00")
  (data (i32.const 1216) "none\00")
  (data (i32.const 1280) "to-debug-string\00")
  (data (i32.const 1344) "write\00")
  (data (i32.const 1408) "done\00")
  (data (i32.const 1472) "data for /dev/full")
  ;; Prints the error at 256 (a result<_, stream-error>) and what
  ;; filesystem-error-code and to-debug-string say of it.
  (func $describe (param $label i32) (param $details i32)
    (local $error i32)
    (call $say (local.get $label))
    (if (i32.eqz (call $stream-result (i32.const 256) (i32.const 4)))
      (then
        (if (i32.eqz (i32.load8_u (i32.const 260)))
          (then
            (local.set $error (i32.load (i32.const 264)))
            (if (local.get $details)
              (then
                (call $filesystem-error-code (local.get $error) (i32.const 256))
                (call $say (i32.const 1088))
                (if (i32.load8_u (i32.const 256))
                  (then (call $say (i32.const 1152)) (call $error-code (i32.load8_u (i32.const 257))))
                  (else (call $puts (i32.const 1216))))
                (call $nl)
                (call $to-debug-string (local.get $error) (i32.const 256))
                (call $say (i32.const 1280))
                (call $write (i32.load (i32.const 256)) (i32.load (i32.const 260)))
                (call $nl)))
            (call $drop-error (local.get $error)))))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $out i32)
    (local.set $out (call $stdout))
    (global.set $prelude.stdout (call $get-stderr))
    (call $write-and-flush (local.get $out) (i32.const 1472) (i32.const 18) (i32.const 256))
    (call $describe (i32.const 1024) (i32.const 1))
    (call $out-write (local.get $out) (i32.const 1472) (i32.const 18) (i32.const 256))
    (call $describe (i32.const 1344) (i32.const 0))
    (call $puts (i32.const 1408)) (call $nl)
    (i32.const 0))
