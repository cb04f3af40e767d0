;; call_indirect through a frozen table whose slots of the call's signature
;; are one run (here 1..3): a single range test on the index, then the load
;; of the code, with no bounds test and no null test of its own. Every index
;; outside the run still traps with its exact reason: slot 0 and slot 5 are
;; null (uninitialized element), slot 4 holds a function of another
;; signature (type mismatch), slot 6 is past the end (out of bounds).
;; RUN: sed 's/@SLOT@/0/' %s > %t.0.wat
;; RUN: %wasi-component %t.0.wat %t.0.wasm
;; RUN: %wacc -O2 %t.0.wasm -o %t.0
;; RUN: sh -c '%t.0; echo "exit=$?"' > %t.0.out 2>&1
;; RUN: sed 's/@SLOT@/4/' %s > %t.4.wat
;; RUN: %wasi-component %t.4.wat %t.4.wasm
;; RUN: %wacc -O2 %t.4.wasm -o %t.4
;; RUN: sh -c '%t.4; echo "exit=$?"' > %t.4.out 2>&1
;; RUN: sed 's/@SLOT@/5/' %s > %t.5.wat
;; RUN: %wasi-component %t.5.wat %t.5.wasm
;; RUN: %wacc -O2 %t.5.wasm -o %t.5
;; RUN: sh -c '%t.5; echo "exit=$?"' > %t.5.out 2>&1
;; RUN: sed 's/@SLOT@/6/' %s > %t.6.wat
;; RUN: %wasi-component %t.6.wat %t.6.wasm
;; RUN: %wacc -O2 %t.6.wasm -o %t.6
;; RUN: sh -c '%t.6; echo "exit=$?"' > %t.6.out 2>&1
;; RUN: cat %t.0.out %t.4.out %t.5.out %t.6.out | %FileCheck %s
;; RUN: %wacc -O0 --emit=llvm %t.4.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; IR-LABEL: define internal {{.*}}@i{{[0-9]+}}.call(
;; IR: [[OFFSET:%[0-9]+]] = sub i32 %{{[0-9]+}}, 1
;; IR-NEXT: icmp uge i32 [[OFFSET]], 3
;; IR-NOT: icmp
;; IR: %code = load ptr
;; IR-NOT: icmp eq ptr %code, null
;; IR: call_indirect.wrong:
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.4.wasm -o %t.4.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.4.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=A64 < %t.aarch64.out %}
;; CHECK: {{^}}calls ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: uninitialized element, in function call{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; CHECK-NEXT: {{^}}calls ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: indirect call type mismatch, in function call{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; CHECK-NEXT: {{^}}calls ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: uninitialized element, in function call{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; CHECK-NEXT: {{^}}calls ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: out of bounds table access, in function call{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
;; A64: {{^}}calls ok{{$}}
;; A64-NEXT: {{^}}wasm trap: indirect call type mismatch, in function call{{$}}
;; A64-NEXT: {{^}}exit=134{{$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "calls ok\nafter\n")
  (type $unary (func (param i32) (result i32)))
  (table 6 funcref)
  (elem (i32.const 1) func $add1 $double $square $seven)
  (func $add1 (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $double (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))
  (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $seven (result i32) (i32.const 7))
  (func $call (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $slot)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; 6 + 1, 6 * 2, 6 * 6 through slots 1, 2, 3.
    (if (i32.and (i32.eq (call $call (i32.const 1) (i32.const 6)) (i32.const 7))
          (i32.and (i32.eq (call $call (i32.const 2) (i32.const 6)) (i32.const 12))
                   (i32.eq (call $call (i32.const 3) (i32.const 6)) (i32.const 36))))
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 9) (i32.const 0))))
    (drop (call $call (i32.const @SLOT@) (i32.const 0)))
    (call $write (call $get-stdout) (i32.const 73) (i32.const 6) (i32.const 0))
    (i32.const 0)))
