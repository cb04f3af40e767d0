;; A preview1 module that imports no WASI function needs no 'memory' export
;; (nothing on the host side reads its memory), nor a memory at all: Wasmtime
;; runs such a module, and so does wacc. Returning from _start is status 0;
;; a trap in it is reported as for any module, the runtime's memory guard
;; included (at -O0, so that read_far is not inlined and names the trap).
;; RUN: split-file %s %t
;; RUN: %wacc %t/empty.wat -o %t/empty
;; RUN: %t/empty
;; RUN: %wacc --emit=plan %t/empty.wat | %FileCheck %s --check-prefix=PLAN
;; PLAN: preview1 memory = none
;; RUN: %wacc -O0 %t/hidden-memory.wat -o %t/hidden
;; RUN: sh -c '%t/hidden; echo "exit=$?"' > %t/hidden.out 2>&1
;; RUN: %FileCheck %s < %t/hidden.out
;; RUN: %wacc -O0 --target=aarch64-linux-gnu %t/hidden-memory.wat -o %t/hidden.aarch64
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t/hidden.aarch64; echo "exit=$?"' > %t/hidden.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t/hidden.aarch64.out %}
;; CHECK:      {{^}}wasm trap: out of bounds memory access, in function read_far{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
#--- empty.wat
(module (func (export "_start")))
#--- hidden-memory.wat
(module
  (memory 1)
  (func $read_far (param i32) (result i32) (i32.load (i32.add (local.get 0) (i32.const 70000))))
  (func (export "_start") (drop (call $read_far (i32.const 0)))))
