;; --emit=plan of a preview1 module: one core instance, no component
;; instances; each import (a function imported twice included) is its own
;; Preview1Host trampoline naming the runtime symbol, its core type and
;; whether it returns; then the memory given to the runtime and the entry.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc --emit=plan %t.wasm -o - | %FileCheck %s
;; CHECK:      {{^}}plan: 1 core instances, 0 funcs, 4 trampolines, 0 resources, 0 component instances{{$}}
;; CHECK-NEXT: {{^}}trampoline 0: preview1 host wacc_p1_fd_write (i32, i32, i32, i32) -> i32{{$}}
;; CHECK-NEXT: {{^}}trampoline 1: preview1 host wacc_p1_clock_time_get (i32, i64, i32) -> i32{{$}}
;; CHECK-NEXT: {{^}}trampoline 2: preview1 host wacc_p1_proc_exit (i32) -> () noreturn{{$}}
;; CHECK-NEXT: {{^}}trampoline 3: preview1 host wacc_p1_fd_write (i32, i32, i32, i32) -> i32{{$}}
;; CHECK-NEXT: {{^}}core instance 0 "main": 2 funcs defined{{$}}
;; CHECK-NEXT: {{^}}  import "wasi_snapshot_preview1" "fd_write" func = trampoline 0{{$}}
;; CHECK-NEXT: {{^}}  import "wasi_snapshot_preview1" "clock_time_get" func = trampoline 1{{$}}
;; CHECK-NEXT: {{^}}  import "wasi_snapshot_preview1" "proc_exit" func = trampoline 2{{$}}
;; CHECK-NEXT: {{^}}  import "wasi_snapshot_preview1" "fd_write" func = trampoline 3{{$}}
;; CHECK-NEXT: {{^}}preview1 memory = core instance 0 memory 0{{$}}
;; CHECK-NEXT: {{^}}preview1 entry = core instance 0 func 5 (start){{$}}
;; CHECK-NOT: {{.}}
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (memory $mem 1)
  (export "memory" (memory $mem))
  (func $helper)
  (func $start (export "_start") (call $helper)))
