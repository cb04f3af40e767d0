;; The code of a preview1 program: wacc_main gives the runtime the exported
;; memory (before instantiating: a start function may call WASI), instantiates,
;; calls _start and returns 0; each import's trampoline
;; forwards the core values to the runtime function unchanged, and once
;; optimised the guest calls the runtime directly. The object needs exactly
;; the runtime's preview1 symbols.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc -O0 --emit=llvm %t.wasm -o %t.O0.ll
;; RUN: %FileCheck %s --check-prefix=O0 < %t.O0.ll
;; RUN: %wacc --emit=llvm %t.wasm -o %t.O2.ll
;; RUN: %FileCheck %s --check-prefix=O2 < %t.O2.ll
;; RUN: %wacc --emit=obj %t.wasm -o %t.o
;; RUN: llvm-nm %t.o | %FileCheck %s --check-prefix=NM
;; RUN: %wacc --target=aarch64-linux-gnu --emit=obj %t.wasm -o %t.aarch64.o
;; RUN: llvm-nm %t.aarch64.o | %FileCheck %s --check-prefix=NM
;; O0:      define internal i32 @preview1.clock_time_get(i32 %0, i64 %1, i32 %2)
;; O0-NEXT: entry:
;; O0-NEXT:   %3 = call i32 @wacc_p1_clock_time_get(i32 %0, i64 %1, i32 %2)
;; O0:      define i32 @wacc_main()
;; O0-NEXT: entry:
;; O0-NEXT:   call void @wacc_p1_init(ptr @i0.memory0)
;; O0-NEXT:   call void @i0.instantiate()
;; O0-NEXT:   call void @i0.start() #[[NOINLINE:[0-9]+]]
;; O0-NEXT:   ret i32 0
;; O0:      declare void @wacc_p1_init(ptr)
;; O0:      attributes #[[NOINLINE]] = { noinline }
;; O2:      define {{.*}}void @i0.start()
;; O2:        call i32 @wacc_p1_clock_time_get(i32 1, i64 1000, i32 16)
;; O2-NOT:  @preview1.
;; NM-DAG: U wacc_p1_clock_time_get
;; NM-DAG: U wacc_p1_init
;; NM-DAG: T wacc_main
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (func $start (export "_start")
    (if (call $clock_time_get (i32.const 1) (i64.const 1000) (i32.const 16))
      (then unreachable))))
