;; wasi:clocks/monotonic-clock and wall-clock with wasi:io/poll: now and
;; resolution, subscribe-duration and subscribe-instant pollables (not
;; ready before their time, ready after pollable.block or poll; an instant
;; in the past and a zero duration ready at once), poll over several ready
;; pollables returning every index, and the wall clock's now and resolution.
;; jco's run prints the same.
;; RUN: %prelude-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; RUN: %jco run %t.wasm | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;; CHECK: monotonic resolution 1
;; CHECK-NEXT: duration ready before 0
;; CHECK-NEXT: duration block ready after 1 elapsed 1
;; CHECK-NEXT: instant in the past ready 1
;; CHECK-NEXT: zero duration ready 1
;; CHECK-NEXT: poll instant count 1 index 1 elapsed 1
;; CHECK-NEXT: poll ready count 2 index 0 1
;; CHECK-NEXT: wall now after 2023 1 nanoseconds 1
;; CHECK-NEXT: wall resolution 1
  (import "wasi:clocks/monotonic-clock@@VERSION@" "now" (func $now (result i64)))
  (import "wasi:clocks/monotonic-clock@@VERSION@" "resolution" (func $resolution (result i64)))
  (import "wasi:clocks/monotonic-clock@@VERSION@" "subscribe-instant" (func $at (param i64) (result i32)))
  (import "wasi:clocks/monotonic-clock@@VERSION@" "subscribe-duration" (func $after (param i64) (result i32)))
  (import "wasi:clocks/wall-clock@@VERSION@" "now" (func $wall-now (param i32)))
  (import "wasi:clocks/wall-clock@@VERSION@" "resolution" (func $wall-resolution (param i32)))
  (import "wasi:io/poll@@VERSION@" "[method]pollable.ready" (func $ready (param i32) (result i32)))
  (import "wasi:io/poll@@VERSION@" "[method]pollable.block" (func $block (param i32)))
  (import "wasi:io/poll@@VERSION@" "poll" (func $poll (param i32 i32 i32)))
  (import "wasi:io/poll@@VERSION@" "[resource-drop]pollable" (func $drop (param i32)))
  (data (i32.const 1024) "monotonic resolution\00")
  (data (i32.const 1088) "duration ready before\00")
  (data (i32.const 1152) "duration block ready after\00")
  (data (i32.const 1216) "elapsed\00")
  (data (i32.const 1280) "instant in the past ready\00")
  (data (i32.const 1344) "zero duration ready\00")
  (data (i32.const 1408) "poll instant count\00")
  (data (i32.const 1472) "index\00")
  (data (i32.const 1536) "poll ready count\00")
  (data (i32.const 1600) "wall now after 2023\00")
  (data (i32.const 1664) "nanoseconds\00")
  (data (i32.const 1728) "wall resolution\00")
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $start i64) (local $p i32) (local $q i32) (local $r i32) (local $list i32)
    (local.set $start (call $now))
    ;; 0 < resolution <= 1 s
    (call $say (i32.const 1024))
    (call $putu32 (i32.and (i64.gt_u (call $resolution) (i64.const 0))
                           (i64.le_u (call $resolution) (i64.const 1000000000))))
    (call $nl)
    ;; A 50 ms duration.
    (local.set $p (call $after (i64.const 50000000)))
    (call $say (i32.const 1088)) (call $putu32 (call $ready (local.get $p))) (call $nl)
    (call $block (local.get $p))
    (call $say (i32.const 1152)) (call $putu32 (call $ready (local.get $p))) (call $sp)
    (call $say (i32.const 1216))
    (call $putu32 (i64.ge_u (i64.sub (call $now) (local.get $start)) (i64.const 50000000)))
    (call $nl)
    (call $drop (local.get $p))
    ;; Already due.
    (local.set $p (call $at (local.get $start)))
    (call $say (i32.const 1280)) (call $putu32 (call $ready (local.get $p))) (call $nl)
    (local.set $q (call $after (i64.const 0)))
    (call $say (i32.const 1344)) (call $putu32 (call $ready (local.get $q))) (call $nl)
    ;; poll([in 10 s, at now + 30 ms]) wakes for the instant only.
    (local.set $start (call $now))
    (i32.store (i32.const 512) (call $after (i64.const 10000000000)))
    (i32.store (i32.const 516) (local.tee $r (call $at (i64.add (local.get $start) (i64.const 30000000)))))
    (call $poll (i32.const 512) (i32.const 2) (i32.const 256))
    (local.set $list (i32.load (i32.const 256)))
    (call $say (i32.const 1408)) (call $putu32 (i32.load (i32.const 260))) (call $sp)
    (call $say (i32.const 1472)) (call $putu32 (i32.load (local.get $list))) (call $sp)
    (call $say (i32.const 1216))
    (call $putu32 (i64.ge_u (i64.sub (call $now) (local.get $start)) (i64.const 30000000)))
    (call $nl)
    (call $drop (i32.load (i32.const 512)))
    (call $drop (local.get $r))
    ;; poll([due, due]) returns both.
    (i32.store (i32.const 512) (local.get $p))
    (i32.store (i32.const 516) (local.get $q))
    (call $poll (i32.const 512) (i32.const 2) (i32.const 256))
    (local.set $list (i32.load (i32.const 256)))
    (call $say (i32.const 1536)) (call $putu32 (i32.load (i32.const 260))) (call $sp)
    (call $say (i32.const 1472)) (call $putu32 (i32.load (local.get $list))) (call $sp)
    (call $putu32 (i32.load offset=4 (local.get $list))) (call $nl)
    (call $drop (local.get $p))
    (call $drop (local.get $q))
    ;; The wall clock: after 2023-01-01, nanoseconds below 10^9.
    (call $wall-now (i32.const 256))
    (call $say (i32.const 1600))
    (call $putu32 (i64.gt_u (i64.load (i32.const 256)) (i64.const 1672531200))) (call $sp)
    (call $say (i32.const 1664))
    (call $putu32 (i32.lt_u (i32.load (i32.const 264)) (i32.const 1000000000))) (call $nl)
    ;; 0 < resolution <= 1 s
    (call $wall-resolution (i32.const 256))
    (call $say (i32.const 1728))
    (call $putu32 (i32.or (i32.and (i64.eqz (i64.load (i32.const 256)))
                                   (i32.ne (i32.load (i32.const 264)) (i32.const 0)))
                          (i32.and (i64.eq (i64.load (i32.const 256)) (i64.const 1))
                                   (i32.eqz (i32.load (i32.const 264))))))
    (call $nl)
    (i32.const 0))
