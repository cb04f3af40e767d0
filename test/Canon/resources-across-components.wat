;; A resource defined by one component and used by another: the callee
;; creates it (resource.new) and returns own<counter>; the caller borrows it
;; back (a borrow lowered into the implementing component is the rep itself),
;; then drops it, which runs the callee's destructor on the rep. Using the
;; handle after the drop traps.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: not %t > %t.out 2> %t.err
;; RUN: %FileCheck %s < %t.out
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.err
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t-arm64
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t-arm64 2>&1 | %FileCheck %s --check-prefixes=CHECK,TRAP %}
;; CHECK: value ok
;; CHECK-NEXT: second ok
;; CHECK-NEXT: destructor ok
;; TRAP: wasm trap: invalid resource handle
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
    (core module $dtor-module
      (global $dropped (mut i32) (i32.const 0))
      (func (export "dtor") (param i32) (global.set $dropped (i32.add (global.get $dropped) (local.get 0))))
      (func (export "dropped") (result i32) (global.get $dropped)))
    (core instance $d (instantiate $dtor-module))
    (type $counter (resource (rep i32) (dtor (core func $d "dtor"))))
    (core func $new (canon resource.new $counter))
    (core module $m
      (import "r" "new" (func $new (param i32) (result i32)))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      (func (export "value") (param i32) (result i32) (local.get 0)))
    (core instance $mi (instantiate $m (with "r" (instance (export "new" (func $new))))))
    (export $counter-export "counter" (type $counter))
    (func (export "make") (param "v" u32) (result (own $counter-export)) (canon lift (core func $mi "make")))
    (func (export "[method]counter.value") (param "self" (borrow $counter-export)) (result u32)
      (canon lift (core func $mi "value")))
    (func (export "dropped") (result u32) (canon lift (core func $d "dropped"))))
  (instance $lib-instance (instantiate $lib))
  (alias export $lib-instance "counter" (type $counter))
  (alias export $lib-instance "make" (func $make))
  (alias export $lib-instance "[method]counter.value" (func $value))
  (alias export $lib-instance "dropped" (func $dropped))

  (core module $env-module (memory (export "memory") 1))
  (core instance $env (instantiate $env-module))
  (alias core export $env "memory" (core memory $app-memory))
  (alias export $stdout "get-stdout" (func $get-stdout))
  (alias export $streams "[method]output-stream.blocking-write-and-flush" (func $write))
  (core func $get-stdout-core (canon lower (func $get-stdout)))
  (core func $write-core (canon lower (func $write) (memory $app-memory)))
  (core func $make-core (canon lower (func $make)))
  (core func $value-core (canon lower (func $value)))
  (core func $dropped-core (canon lower (func $dropped)))
  (core func $drop-core (canon resource.drop $counter))
  (core instance $imports
    (export "get-stdout" (func $get-stdout-core)) (export "write" (func $write-core))
    (export "make" (func $make-core)) (export "value" (func $value-core))
    (export "dropped" (func $dropped-core)) (export "drop" (func $drop-core)))
  (core module $app
    (import "env" "memory" (memory 1))
    (import "host" "get-stdout" (func $get-stdout (result i32)))
    (import "host" "write" (func $write (param i32 i32 i32 i32)))
    (import "host" "make" (func $make (param i32) (result i32)))
    (import "host" "value" (func $value (param i32) (result i32)))
    (import "host" "dropped" (func $dropped (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    (data (i32.const 0) "value ok\n")
    (data (i32.const 16) "second ok\n")
    (data (i32.const 32) "destructor ok\n")
    (data (i32.const 48) "FAIL\n")
    (global $out (mut i32) (i32.const 0))
    (func $expect (param $ok i32) (param $msg i32) (param $len i32)
      (if (local.get $ok)
        (then (call $write (global.get $out) (local.get $msg) (local.get $len) (i32.const 1024)))
        (else (call $write (global.get $out) (i32.const 48) (i32.const 5) (i32.const 1024)))))
    (func (export "run") (result i32)
      (local $a i32) (local $b i32)
      (global.set $out (call $get-stdout))
      (local.set $a (call $make (i32.const 7)))
      (local.set $b (call $make (i32.const 30)))
      (call $expect (i32.eq (call $value (local.get $a)) (i32.const 7)) (i32.const 0) (i32.const 9))
      (call $expect (i32.eq (call $value (local.get $b)) (i32.const 30)) (i32.const 16) (i32.const 10))
      (call $drop (local.get $a))
      (call $drop (local.get $b))
      (call $expect (i32.eq (call $dropped) (i32.const 37)) (i32.const 32) (i32.const 14))
      ;; The handle is gone: this traps.
      (drop (call $value (local.get $a)))
      (i32.const 0)))
  (core instance $app-instance (instantiate $app (with "env" (instance $env)) (with "host" (instance $imports))))
  (func $run (result (result)) (canon lift (core func $app-instance "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
