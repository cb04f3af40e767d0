;; args_get/args_sizes_get and environ_get/environ_sizes_get: the arguments
;; after argv[0] and the environment baked with --env, each NUL turned into a
;; newline and written with fd_write. The adapter route prints the same.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc --env GREETING=hello --env EMPTY= --env PASSED %t.wasm -o %t
;; RUN: env PASSED=through %t one "two words" "" héllo > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %wacc --target=aarch64-linux-gnu --env GREETING=hello --env EMPTY= --env PASSED %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ env PASSED=through %run-aarch64 %t.aarch64 one "two words" "" héllo | %FileCheck %s %}
;; RUN: %jco new %t.wasm --wasi-command -o %t.component.wasm
;; RUN: %wacc --env GREETING=hello --env EMPTY= --env PASSED %t.component.wasm -o %t.component
;; RUN: env PASSED=through %t.component one "two words" "" héllo > %t.component.out
;; RUN: cmp %t.out %t.component.out
;; CHECK:      {{^}}argc=5{{$}}
;; CHECK-NEXT: {{^}}one{{$}}
;; CHECK-NEXT: {{^}}two words{{$}}
;; CHECK-EMPTY:
;; CHECK-NEXT: {{^}}héllo{{$}}
;; CHECK-NEXT: {{^}}--{{$}}
;; CHECK-DAG:  {{^}}GREETING=hello{{$}}
;; CHECK-DAG:  {{^}}EMPTY={{$}}
;; CHECK-DAG:  {{^}}PASSED=through{{$}}
;; CHECK:      {{^}}end{{$}}
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 32) "argc=0\n--\nend\n")
  ;; Layout: argc/argv_buf_size at 0/4, environ count/size at 8/12, iovec at
  ;; 16, nwritten at 24; argv[] at 1024, argv strings at 4096, environ[] at
  ;; 2048, environ strings at 8192.
  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (if (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))
      (then unreachable)))
  ;; NUL terminators become newlines, so the strings print one a line.
  (func $lines (param $p i32) (param $end i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.eqz (i32.load8_u (local.get $p)))
          (then (i32.store8 (local.get $p) (i32.const 10))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next))))
  (func (export "_start")
    (local $end i32)
    (if (call $args_sizes_get (i32.const 0) (i32.const 4)) (then unreachable))
    (if (call $args_get (i32.const 1024) (i32.const 4096)) (then unreachable))
    (i32.store8 (i32.const 37) (i32.add (i32.const 48) (i32.load (i32.const 0))))
    (call $write (i32.const 32) (i32.const 7))
    (local.set $end (i32.add (i32.const 4096) (i32.load (i32.const 4))))
    (call $lines (i32.const 4096) (local.get $end))
    ;; From argv[1]: argv[0] names the executable, differently per build.
    (call $write (i32.load (i32.const 1028)) (i32.sub (local.get $end) (i32.load (i32.const 1028))))
    (call $write (i32.const 39) (i32.const 3))
    (if (call $environ_sizes_get (i32.const 8) (i32.const 12)) (then unreachable))
    (if (call $environ_get (i32.const 2048) (i32.const 8192)) (then unreachable))
    (local.set $end (i32.add (i32.const 8192) (i32.load (i32.const 12))))
    (call $lines (i32.const 8192) (local.get $end))
    (call $write (i32.const 8192) (i32.load (i32.const 12)))
    (call $write (i32.const 42) (i32.const 4))))
