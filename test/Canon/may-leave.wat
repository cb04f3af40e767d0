;; While the canonical ABI calls a component's realloc (to place a string
;; it returns into the caller), that component must not call out of itself
;; (may_leave): this realloc calls the host's get-stdout, which traps.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: not %t 2>&1 | %FileCheck %s
;; CHECK: wasm trap: cannot leave component instance
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

  (component $lib
    (core module $m
      (memory (export "memory") 1)
      (data (i32.const 0) "hi")
      (data (i32.const 8) "\00\00\00\00\02\00\00\00")
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
      (func (export "greet") (result i32) (i32.const 8)))
    (core instance $i (instantiate $m))
    (alias core export $i "memory" (core memory $mem))
    (alias core export $i "realloc" (core func $realloc))
    (func (export "greet") (result string)
      (canon lift (core func $i "greet") (memory $mem) (realloc $realloc))))
  (instance $lib-instance (instantiate $lib))
  (alias export $stdout "get-stdout" (func $get-stdout))
  (core func $get-stdout-core (canon lower (func $get-stdout)))
  (core module $env-module
    (import "host" "get-stdout" (func $get-stdout (result i32)))
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (drop (call $get-stdout))
      (i32.const 1024)))
  (core instance $env (instantiate $env-module
    (with "host" (instance (export "get-stdout" (func $get-stdout-core))))))
  (alias core export $env "memory" (core memory $app-memory))
  (alias core export $env "realloc" (core func $app-realloc))
  (alias export $lib-instance "greet" (func $greet))
  (core func $greet-core (canon lower (func $greet) (memory $app-memory) (realloc $app-realloc)))
  (core module $app
    (import "lib" "greet" (func $greet (param i32)))
    (func (export "run") (result i32) (call $greet (i32.const 16)) (i32.const 0)))
  (core instance $app-instance (instantiate $app (with "lib" (instance (export "greet" (func $greet-core))))))
  (func $run (result (result)) (canon lift (core func $app-instance "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
