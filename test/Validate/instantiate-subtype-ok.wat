;; Subtyping that must still compile: a nested component imports an instance
;; with one function, and the instantiation gives it the host's whole
;; wasi:cli/stdout instance, which has more exports; the function's resource
;; type matches through the abstract output-stream import it was bound to.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; CHECK: subtype hello
(component
  (type $error-iface (instance (export "error" (type (sub resource)))))
  (import "wasi:io/error@0.2.0" (instance $error (type $error-iface)))
  (alias export $error "error" (type $error-type))
  (type $streams-iface (instance
    (export "output-stream" (type (sub resource)))
    (alias outer 1 $error-type (type))
    (export "error" (type (eq 1)))
    (type (own 2))
    (type (variant (case "last-operation-failed" 3) (case "closed")))
    (export "stream-error" (type (eq 4)))
    (type (borrow 0))
    (type (list u8))
    (type (result (error 5)))
    (type (func (param "self" 6) (param "contents" 7) (result 8)))
    (export "[method]output-stream.blocking-write-and-flush" (func (type 9)))))
  (import "wasi:io/streams@0.2.0" (instance $streams (type $streams-iface)))
  (alias export $streams "output-stream" (type $output-stream))
  (type $stdout-iface (instance
    (alias outer 1 $output-stream (type))
    (export "output-stream" (type (eq 0)))
    (type (own 1))
    (type (func (result 2)))
    (export "get-stdout" (func (type 3)))))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout (type $stdout-iface)))

  (component $app
    (import "output-stream" (type $os (sub resource)))
    (import "error" (type $err (sub resource)))
    (type $stream-error-def (variant (case "last-operation-failed" (own $err)) (case "closed")))
    (import "stream-error" (type $stream-error (eq $stream-error-def)))
    ;; Only get-stdout of the stdout interface; it is given the whole host
    ;; instance, which also exports output-stream.
    (import "stdout" (instance $stdout-imp (export "get-stdout" (func (result (own $os))))))
    (alias export $stdout-imp "get-stdout" (func $get-stdout))
    (import "write" (func $write (param "self" (borrow $os)) (param "contents" (list u8))
                                 (result (result (error $stream-error)))))
    (core module $main
      (import "host" "get-stdout" (func $get-stdout (result i32)))
      (import "host" "write" (func $write (param i32 i32 i32 i32)))
      (import "env" "memory" (memory 1))
      (data (i32.const 8) "subtype hello\n")
      (func (export "run") (result i32)
        (call $write (call $get-stdout) (i32.const 8) (i32.const 14) (i32.const 32))
        (i32.const 0)))
    (core module $memory-provider
      (memory (export "mem") 1))
    (core instance $mem (instantiate $memory-provider))
    (alias core export $mem "mem" (core memory $scratch))
    (core instance $mem-exports (export "memory" (memory $scratch)))
    (core func $get-stdout-lowered (canon lower (func $get-stdout)))
    (core func $write-lowered (canon lower (func $write) (memory $scratch)))
    (core instance $host
      (export "get-stdout" (func $get-stdout-lowered))
      (export "write" (func $write-lowered)))
    (core instance $m (instantiate $main (with "host" (instance $host)) (with "env" (instance $mem-exports))))
    (type $run-type (func (result (result))))
    (alias core export $m "run" (core func $run-core))
    (func $run (type $run-type) (canon lift (core func $run-core)))
    (export "run" (func $run)))

  (alias export $streams "[method]output-stream.blocking-write-and-flush" (func $write))
  (alias export $streams "stream-error" (type $stream-error))
  (instance $app-instance (instantiate $app
    (with "output-stream" (type $output-stream))
    (with "error" (type $error-type))
    (with "stream-error" (type $stream-error))
    (with "stdout" (instance $stdout))
    (with "write" (func $write))))
  (alias export $app-instance "run" (func $run))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
