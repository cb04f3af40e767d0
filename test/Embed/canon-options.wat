;; The canon options a module's exports provide: an import whose results the
;; host allocates (get-arguments: list<string>) gets `cabi_realloc`, the
;; lifted run gets its `cabi_post_` post-return, and `_initialize` runs (from
;; the fixup module's start function) before run. The executable prints what
;; jco run prints for wacc's component.
;; RUN: rm -rf %t && mkdir %t
;; RUN: %jco parse %s -o %t/args.wasm
;; RUN: %wacc %t/args.wasm --wit %jco_wit -o %t/args
;; RUN: %t/args one two three > %t/args.out
;; RUN: %FileCheck %s --match-full-lines --strict-whitespace < %t/args.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu %t/args.wasm --wit %jco_wit -o %t/args-arm64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t/args-arm64 one two three | %FileCheck %s --match-full-lines --strict-whitespace %}
;;
;; RUN: %wacc %t/args.wasm --wit %jco_wit --emit=component -o %t/args-component.wasm
;; RUN: %jco print %t/args-component.wasm | %FileCheck %s --check-prefix=COMPONENT
;; RUN: %jco run %t/args-component.wasm one two three > %t/jco.out
;; RUN: diff %t/jco.out %t/args.out
;;
;; COMPONENT: (import "wasi:cli/environment@0.2.12" (instance
;; COMPONENT:     (export "_initialize" (func $init))
;; COMPONENT: (core func (;[[GET:[0-9]+]];) (canon lower (func {{[0-9]+}}) (memory 0) (realloc [[REALLOC:[0-9]+]])))
;; COMPONENT: (alias core export {{[0-9]+}} "_initialize" (core func
;; COMPONENT: (canon lift (core func {{[0-9]+}}) (post-return {{[0-9]+}}))
;;
;; CHECK:initialised
;; CHECK-NEXT:one
;; CHECK-NEXT:two
;; CHECK-NEXT:three
;; CHECK-EMPTY:

;; Prints "initialised" (written by _initialize) and every argument after
;; the first, one per line.
(module
  (import "wasi:cli/environment@0.2.12" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (global $greeting (mut i32) (i32.const 0))
  (data (i32.const 200) "\n")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  (func $init (export "_initialize")
    (i64.store (i32.const 100) (i64.const 0x6573696c61697469))  ;; "itialise"
    (i32.store16 (i32.const 98) (i32.const 0x6e69))             ;; "in"
    (i32.store8 (i32.const 108) (i32.const 0x64))               ;; "d"
    (global.set $greeting (i32.const 98)))
  (func $line (param $out i32) (param $ptr i32) (param $len i32)
    (call $write (local.get $out) (local.get $ptr) (local.get $len) (i32.const 16))
    (call $write (local.get $out) (i32.const 200) (i32.const 1) (i32.const 16)))
  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $out i32) (local $list i32) (local $n i32) (local $i i32)
    (local.set $out (call $get-stdout))
    (call $line (local.get $out) (global.get $greeting) (i32.const 11))
    (call $get-arguments (i32.const 0))
    (local.set $list (i32.load (i32.const 0)))
    (local.set $n (i32.load (i32.const 4)))
    (local.set $i (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $line (local.get $out)
          (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3))))
          (i32.load offset=4 (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))
  (func (export "cabi_post_wasi:cli/run@0.2.12#run") (param i32)))
