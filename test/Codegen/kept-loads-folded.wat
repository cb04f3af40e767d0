;; A guard-page load loses its fake use when its value flows into a store
;; (compiler/codegen/KeptLoads.cpp), but only if no later pass can show the
;; store not to need some bit of it. Each case below reads past the single
;; 64 KiB page, so each must trap; with the fake use dropped as soon as any
;; chain of instructions reached a store, none did:
;;  0 `out[i] = in[i] * ((63 - i) >> 3)`, 64 iterations: the loop is
;;    vectorised, then unrolled, the last copy multiplies by zero, and the
;;    loads of in[56..63] (the ones past the end) were deleted;
;;  1-3 an i32.load of which only the low byte is stored (store8, `and 255`,
;;    an add then store8): instruction selection narrowed it to a one-byte
;;    load of the page's last byte, which does not fault.
;; The case is the number of program arguments.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.0 2>&1
;; RUN: %FileCheck %s < %t.0
;; RUN: not %t 1 > %t.1 2>&1
;; RUN: %FileCheck %s < %t.1
;; RUN: not %t 1 2 > %t.2 2>&1
;; RUN: %FileCheck %s < %t.2
;; RUN: not %t 1 2 3 > %t.3 2>&1
;; RUN: %FileCheck %s < %t.3
;; CHECK: before
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
(module
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 16) "before\n")
  (data (i32.const 32) "after\n")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through an exported (so mutable) table: never inlined.
  (type $case (func (param i32 i32)))
  (table (export "cases") 4 funcref)
  (elem (i32.const 0) $scaled $store8 $masked $added)
  (func $scaled (type $case) (local $i i32)
    (loop $next
      (i32.store (i32.add (local.get 1) (i32.shl (local.get $i) (i32.const 2)))
        (i32.mul (i32.load (i32.add (local.get 0) (i32.shl (local.get $i) (i32.const 2))))
                 (i32.shr_u (i32.sub (i32.const 63) (local.get $i)) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 64)))))
  (func $store8 (type $case)
    (i32.store8 (local.get 1) (i32.load (local.get 0))))
  (func $masked (type $case)
    (i32.store (local.get 1) (i32.and (i32.load (local.get 0)) (i32.const 255))))
  (func $added (type $case)
    (i32.store8 (local.get 1) (i32.add (i32.load (local.get 0)) (i32.const 3))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $case i32)
    (call $get-arguments (i32.const 0))
    (local.set $case (i32.sub (i32.load (i32.const 4)) (i32.const 1)))
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    ;; Case 0: in[0..55] in the page, in[56..63] past it. The others: the
    ;; load's low byte is the page's last, the other three past it.
    (call_indirect (type $case)
      (select (i32.const 65312) (i32.const 0xffff) (i32.eqz (local.get $case)))
      (i32.const 1024) (local.get $case))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
