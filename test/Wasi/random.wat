;; wasi:random/random, insecure and insecure-seed: the byte lists have the
;; length asked for (zero included), and two draws differ (a chance of 2^-64
;; or less that they do not). jco's run prints the same.
;; RUN: %prelude-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %jco run %t.wasm | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; CHECK: random bytes 32 0 differ 1
;; CHECK-NEXT: random u64 differ 1
;; CHECK-NEXT: insecure bytes 32 0 differ 1
;; CHECK-NEXT: insecure u64 differ 1
;; CHECK-NEXT: insecure-seed called
  (import "wasi:random/random@@VERSION@" "get-random-bytes" (func $random-bytes (param i64 i32)))
  (import "wasi:random/random@@VERSION@" "get-random-u64" (func $random-u64 (result i64)))
  (import "wasi:random/insecure@@VERSION@" "get-insecure-random-bytes" (func $insecure-bytes (param i64 i32)))
  (import "wasi:random/insecure@@VERSION@" "get-insecure-random-u64" (func $insecure-u64 (result i64)))
  (import "wasi:random/insecure-seed@@VERSION@" "insecure-seed" (func $insecure-seed (param i32)))
  (data (i32.const 1024) "random\00")
  (data (i32.const 1088) "insecure\00")
  (data (i32.const 1152) "bytes\00")
  (data (i32.const 1216) "u64\00")
  (data (i32.const 1280) "differ\00")
  (data (i32.const 1344) "insecure-seed called\00")
  ;; Prints "<name> bytes <len of 32-byte draw> <len of 0-byte draw> differ
  ;; <two 32-byte draws differ>" for a get-*-bytes import.
  (func $bytes (param $name i32) (param $insecure i32)
    (if (local.get $insecure)
      (then (call $insecure-bytes (i64.const 32) (i32.const 256))
            (call $insecure-bytes (i64.const 0) (i32.const 264))
            (call $insecure-bytes (i64.const 32) (i32.const 272)))
      (else (call $random-bytes (i64.const 32) (i32.const 256))
            (call $random-bytes (i64.const 0) (i32.const 264))
            (call $random-bytes (i64.const 32) (i32.const 272))))
    (call $say (local.get $name))
    (call $say (i32.const 1152))
    (call $putu32 (i32.load (i32.const 260))) (call $sp)
    (call $putu32 (i32.load (i32.const 268))) (call $sp)
    (call $say (i32.const 1280))
    (call $putu32 (i32.eqz (call $memeq (i32.load (i32.const 256)) (i32.load (i32.const 272))
                                        (i32.const 32))))
    (call $nl))
  (func $u64 (param $name i32) (param $a i64) (param $b i64)
    (call $say (local.get $name))
    (call $say (i32.const 1216))
    (call $say (i32.const 1280))
    (call $putu32 (i64.ne (local.get $a) (local.get $b)))
    (call $nl))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $bytes (i32.const 1024) (i32.const 0))
    (call $u64 (i32.const 1024) (call $random-u64) (call $random-u64))
    (call $bytes (i32.const 1088) (i32.const 1))
    (call $u64 (i32.const 1088) (call $insecure-u64) (call $insecure-u64))
    (call $insecure-seed (i32.const 304))
    (call $puts (i32.const 1344)) (call $nl)
    (i32.const 0))
