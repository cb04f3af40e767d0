;; Blocks with results, multi-value loops, br_table, call_indirect through a
;; table filled by an element segment, and memory: the program prints "ok"
;; only if every step computed the expected value.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %wacc --bounds-checks %t.wasm -o %t-checked
;; RUN: %t-checked | %FileCheck %s
;; CHECK: ok
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (data (i32.const 32) "bad\n")
  (type $binop (func (param i32 i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $add $mul)
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
  ;; sum of n..1 with a loop carrying (acc, i) as block parameters.
  (func $sum (param $n i32) (result i32)
    i32.const 0
    local.get $n
    (loop $l (param i32 i32) (result i32)
      local.set $n
      local.get $n
      i32.add
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      local.get $n
      br_if $l
      drop))
  (func $classify (param i32) (result i32)
    (block $c
      (block $b
        (block $a
          (br_table $a $b $c (local.get 0)))
        (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30))
  (func $swap (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func $check (result i32)
    (local $ok i32)
    (local.set $ok (i32.const 1))
    (if (i32.ne (call_indirect (type $binop) (i32.const 6) (i32.const 7) (i32.const 1)) (i32.const 42))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call_indirect (type $binop) (i32.const 6) (i32.const 7) (i32.const 0)) (i32.const 13))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $classify (i32.const 0)) (i32.const 10)) (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $classify (i32.const 1)) (i32.const 20)) (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $classify (i32.const 9)) (i32.const 30)) (then (local.set $ok (i32.const 0))))
    (if (i32.ne (i32.sub (call $swap (i32.const 1) (i32.const 5))) (i32.const 4))
      (then (local.set $ok (i32.const 0))))
    (if (i32.ne (call $sum (i32.const 4)) (i32.const 10)) (then (local.set $ok (i32.const 0))))
    (i64.store (i32.const 64) (i64.const 0x0102030405060708))
    (if (i32.ne (i32.load8_u (i32.const 64)) (i32.const 8)) (then (local.set $ok (i32.const 0))))
    (local.get $ok))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (if (call $check)
      (then (call $write (call $get-stdout) (i32.const 16) (i32.const 3) (i32.const 0)))
      (else (call $write (call $get-stdout) (i32.const 32) (i32.const 4) (i32.const 0))))
    (i32.const 0)))
