;; call_indirect through a table nothing can change after instantiation
;; (defined here, not exported, no table.set/grow/fill/copy/init into it,
;; constant active segments) loads the callee from a constant per-signature
;; code table: the slot's code when its function has the call's signature,
;; null otherwise. Null takes the general checks, which trap with the exact
;; reason. A table some instruction writes keeps the general path (signature
;; id loaded from the descriptor and compared).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O0 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: sh -c '%t; echo "exit=$?"' > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; IR: @[[PREFIX:i[0-9]+]].table0.code[[SIG:[0-9]+]] = internal unnamed_addr constant [5 x ptr] [ptr @[[PREFIX]].add1, ptr @[[PREFIX]].double, ptr null, ptr null, ptr @[[PREFIX]].add1]
;; IR-NOT: table1.code
;; IR-LABEL: define internal {{.*}}@i{{[0-9]+}}.frozen(
;; IR: %code = load ptr, ptr %{{[0-9]+}}
;; IR: call_indirect.wrong:
;; IR-NOT: %sig = load
;; IR-LABEL: define internal {{.*}}@i{{[0-9]+}}.written(
;; IR: %sig = load i32
;; IR: ret i32
;; CHECK: {{^}}calls ok{{$}}
;; CHECK-NEXT: {{^}}wasm trap: indirect call type mismatch, in function frozen{{$}}
;; CHECK-NEXT: {{^}}exit=134{{$}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "calls ok\n")
  (type $unary (func (param i32) (result i32)))
  (type $nullary (func (result i32)))
  ;; Slot 2 holds $seven (another signature), slot 3 stays null.
  (table $frozen 5 funcref)
  (elem (table $frozen) (i32.const 0) func $add1 $double)
  (elem (table $frozen) (i32.const 2) func $seven)
  (elem (table $frozen) (i32.const 4) func $add1)
  (table $written 2 funcref)
  (elem (table $written) (i32.const 0) func $add1 $double)
  (func $add1 (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $double (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))
  (func $seven (result i32) (i32.const 7))
  (func $frozen (param $slot i32) (param $x i32) (result i32)
    (call_indirect $frozen (type $unary) (local.get $x) (local.get $slot)))
  (func $written (param $slot i32) (param $x i32) (result i32)
    (table.set $written (i32.const 1) (table.get $written (i32.const 0)))
    (call_indirect $written (type $unary) (local.get $x) (local.get $slot)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; 41 + 1, 21 * 2, 41 + 1 (slot 4), and slot 1 of $written now adds 1.
    (if (i32.and
          (i32.and (i32.eq (call $frozen (i32.const 0) (i32.const 41)) (i32.const 42))
                   (i32.eq (call $frozen (i32.const 1) (i32.const 21)) (i32.const 42)))
          (i32.and (i32.eq (call $frozen (i32.const 4) (i32.const 41)) (i32.const 42))
                   (i32.eq (call $written (i32.const 1) (i32.const 41)) (i32.const 42))))
      (then (call $write (call $get-stdout) (i32.const 64) (i32.const 9) (i32.const 0))))
    ;; Slot 2 holds a function of another signature.
    (drop (call $frozen (i32.const 2) (i32.const 0)))
    (i32.const 0)))
