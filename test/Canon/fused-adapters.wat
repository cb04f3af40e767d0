;; Component-to-component calls: the root lowers functions that a nested
;; component lifted, so each call goes through one fused adapter: strings
;; copied between the two linear memories with each side's realloc, more than
;; 16 parameters spilled into the callee's memory, results spilled through
;; return pointers, option/result payloads, and the callee's post-return.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %jco run %t.wasm | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t-arm64
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t-arm64 | %FileCheck %s %}
;; CHECK: hello, world
;; CHECK-NEXT: sum17 ok
;; CHECK-NEXT: swap ok
;; CHECK-NEXT: none
;; CHECK-NEXT: some ok
;; CHECK-NEXT: post-return ok
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

  ;; The callee: its own memory, a bump allocator, and a post-return counter.
  (component $lib
    (core module $m
      (memory (export "memory") 1)
      (global $heap (mut i32) (i32.const 4096))
      (global $posts (mut i32) (i32.const 0))
      (data (i32.const 0) "hello, ")
      (data (i32.const 16) "none")
      (func $alloc (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $p i32)
        (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get 2))))
        (global.set $heap (i32.add (local.get $p) (local.get 3)))
        (local.get $p))
      (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
        (local $s i32) (local $pair i32)
        (local.set $s (call $alloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 7))))
        (memory.copy (local.get $s) (i32.const 0) (i32.const 7))
        (memory.copy (i32.add (local.get $s) (i32.const 7)) (local.get $ptr) (local.get $len))
        (local.set $pair (call $alloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
        (i32.store (local.get $pair) (local.get $s))
        (i32.store offset=4 (local.get $pair) (i32.add (local.get $len) (i32.const 7)))
        (local.get $pair))
      (func (export "greet-post") (param i32)
        (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
      (func (export "posts") (result i32) (global.get $posts))
      (func (export "sum17") (param $p i32) (result i32)
        (local $i i32) (local $sum i32)
        (loop $next
          (local.set $sum (i32.add (local.get $sum)
                                   (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $next (i32.lt_u (local.get $i) (i32.const 17))))
        (local.get $sum))
      (func (export "swap") (param $a i32) (param $b i32) (param $c f64) (result i32)
        (local $r i32)
        (local.set $r (call $alloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 16)))
        (f64.store (local.get $r) (local.get $c))
        (i32.store16 offset=8 (local.get $r) (local.get $b))
        (i32.store8 offset=10 (local.get $r) (local.get $a))
        (local.get $r))
      (func (export "check") (param $disc i32) (param $v i32) (result i32)
        (local $r i32)
        (local.set $r (call $alloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 12)))
        (if (local.get $disc)
          (then
            (i32.store8 (local.get $r) (i32.const 0))
            (i32.store offset=4 (local.get $r) (i32.mul (local.get $v) (i32.const 2))))
          (else
            (i32.store8 (local.get $r) (i32.const 1))
            (i32.store offset=4 (local.get $r) (i32.const 16))
            (i32.store offset=8 (local.get $r) (i32.const 4))))
        (local.get $r)))
    (core instance $i (instantiate $m))
    (alias core export $i "memory" (core memory $mem))
    (alias core export $i "realloc" (core func $realloc))
    (func (export "greet") (param "name" string) (result string)
      (canon lift (core func $i "greet") (memory $mem) (realloc $realloc) (post-return (core func $i "greet-post"))))
    (func (export "posts") (result u32) (canon lift (core func $i "posts")))
    (func (export "sum17")
      (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32) (param "f" u32)
      (param "g" u32) (param "h" u32) (param "i" u32) (param "j" u32) (param "k" u32) (param "l" u32)
      (param "m" u32) (param "n" u32) (param "o" u32) (param "p" u32) (param "q" u32) (result u32)
      (canon lift (core func $i "sum17") (memory $mem) (realloc $realloc)))
    (func (export "swap") (param "a" u8) (param "b" s16) (param "c" f64) (result (tuple f64 s16 u8))
      (canon lift (core func $i "swap") (memory $mem) (realloc $realloc)))
    (func (export "check") (param "v" (option u32)) (result (result u32 (error string)))
      (canon lift (core func $i "check") (memory $mem) (realloc $realloc))))
  (instance $lib-instance (instantiate $lib))

  ;; The caller's memory and allocator live in their own core instance so the
  ;; lowered functions can name them before the caller is instantiated.
  (core module $env-module
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 8192))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $heap (i32.add (local.get $p) (local.get 3)))
      (local.get $p)))
  (core instance $env (instantiate $env-module))
  (alias core export $env "memory" (core memory $app-memory))
  (alias core export $env "realloc" (core func $app-realloc))

  (alias export $stdout "get-stdout" (func $get-stdout))
  (alias export $streams "[method]output-stream.blocking-write-and-flush" (func $write))
  (core func $get-stdout-core (canon lower (func $get-stdout)))
  (core func $write-core (canon lower (func $write) (memory $app-memory)))
  (core instance $wasi (export "get-stdout" (func $get-stdout-core)) (export "write" (func $write-core)))

  (alias export $lib-instance "greet" (func $greet))
  (alias export $lib-instance "posts" (func $posts))
  (alias export $lib-instance "sum17" (func $sum17))
  (alias export $lib-instance "swap" (func $swap))
  (alias export $lib-instance "check" (func $check))
  (core func $greet-core (canon lower (func $greet) (memory $app-memory) (realloc $app-realloc)))
  (core func $posts-core (canon lower (func $posts)))
  (core func $sum17-core (canon lower (func $sum17) (memory $app-memory)))
  (core func $swap-core (canon lower (func $swap) (memory $app-memory)))
  (core func $check-core (canon lower (func $check) (memory $app-memory) (realloc $app-realloc)))
  (core instance $lib-core
    (export "greet" (func $greet-core)) (export "posts" (func $posts-core)) (export "sum17" (func $sum17-core))
    (export "swap" (func $swap-core)) (export "check" (func $check-core)))

  (core module $app
    (import "env" "memory" (memory 1))
    (import "wasi" "get-stdout" (func $get-stdout (result i32)))
    (import "wasi" "write" (func $write (param i32 i32 i32 i32)))
    (import "lib" "greet" (func $greet (param i32 i32 i32)))
    (import "lib" "posts" (func $posts (result i32)))
    (import "lib" "sum17" (func $sum17 (param i32) (result i32)))
    (import "lib" "swap" (func $swap (param i32 i32 f64 i32)))
    (import "lib" "check" (func $check (param i32 i32 i32)))
    (data (i32.const 0) "world\n")
    (data (i32.const 16) "sum17 ok\n")
    (data (i32.const 32) "swap ok\n")
    (data (i32.const 48) "some ok\n")
    (data (i32.const 64) "post-return ok\n")
    (data (i32.const 80) "FAIL\n")
    (global $out (mut i32) (i32.const 0))
    (func $print (param i32 i32) (call $write (global.get $out) (local.get 0) (local.get 1) (i32.const 1024)))
    (func $expect (param $ok i32) (param $msg i32) (param $len i32)
      (if (local.get $ok) (then (call $print (local.get $msg) (local.get $len)))
                          (else (call $print (i32.const 80) (i32.const 5)))))
    (func (export "run") (result i32)
      (local $i i32)
      (global.set $out (call $get-stdout))
      ;; greet: a string in, a string out through the return pointer at 512.
      (call $greet (i32.const 0) (i32.const 5) (i32.const 512))
      (call $print (i32.load (i32.const 512)) (i32.load (i32.const 516)))
      (call $print (i32.const 5) (i32.const 1))
      ;; sum17: 1..17 stored at 600 and passed by pointer.
      (loop $fill
        (i32.store (i32.add (i32.const 600) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $fill (i32.lt_u (local.get $i) (i32.const 17))))
      (call $expect (i32.eq (call $sum17 (i32.const 600)) (i32.const 153)) (i32.const 16) (i32.const 9))
      ;; swap: u8 200 and s16 -5 come back in the other order around 2.5.
      (call $swap (i32.const 200) (i32.const -5) (f64.const 2.5) (i32.const 704))
      (call $expect (i32.and (i32.and (f64.eq (f64.load (i32.const 704)) (f64.const 2.5))
                                      (i32.eq (i32.load16_s offset=8 (i32.const 704)) (i32.const -5)))
                             (i32.eq (i32.load8_u offset=10 (i32.const 704)) (i32.const 200)))
                    (i32.const 32) (i32.const 8))
      ;; check(none) = err("none"); check(some 21) = ok(42).
      (call $check (i32.const 0) (i32.const 0) (i32.const 768))
      (if (i32.eq (i32.load8_u (i32.const 768)) (i32.const 1))
        (then (call $print (i32.load offset=4 (i32.const 768)) (i32.load offset=8 (i32.const 768)))
              (call $print (i32.const 5) (i32.const 1)))
        (else (call $print (i32.const 80) (i32.const 5))))
      (call $check (i32.const 1) (i32.const 21) (i32.const 768))
      (call $expect (i32.and (i32.eqz (i32.load8_u (i32.const 768))) (i32.eq (i32.load offset=4 (i32.const 768)) (i32.const 42)))
                    (i32.const 48) (i32.const 8))
      (call $expect (i32.eq (call $posts) (i32.const 1)) (i32.const 64) (i32.const 15))
      (i32.const 0)))
  (core instance $app-instance (instantiate $app
    (with "env" (instance $env)) (with "wasi" (instance $wasi)) (with "lib" (instance $lib-core))))
  (func $run (result (result)) (canon lift (core func $app-instance "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
