;; Every guard-page load keeps a use so that no pass deletes it (it may
;; trap; compiler/lower/Memory.cpp), but that use is needed only where
;; nothing else keeps the load. A load whose value flows, inside its block,
;; into a store needs none: `b[i] += a[i]` loses its fake uses and the loop
;; vectoriser (which gives up on any call, fake uses included) widens it.
;; A load whose value is dropped keeps its fake use.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; CHECK: {{^}}add ok{{$}}
;; IR-LABEL: define internal {{.*}}@{{.*}}add(
;; IR-NOT: fake.use
;; IR: add <4 x i32>
;; IR-NOT: fake.use
;; IR: ret void
;; IR-LABEL: define internal {{.*}}@{{.*}}probe(
;; IR: [[V:%[0-9a-z.]+]] = load i32
;; IR-NEXT: call void (...) @llvm.fake.use(i32 [[V]])
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "add ok\n")
  ;; Called through an exported (so mutable) table: neither is inlined.
  (type $add (func))
  (type $probe (func (param i32)))
  (table (export "cases") 2 funcref)
  (elem (i32.const 0) $add $probe)
  ;; 1024 i32s at 4096: the values 0..1023; the 1024 at 8192 start as 0.
  (func $fill (local $i i32)
    (loop $l
      (i32.store offset=4096 (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024)))))
  ;; b[i] += a[i], with a at 4096 and b at 8192, as clang writes the loop.
  (func $add (local $i i32)
    (local.set $i (i32.const -4096))
    (loop $l
      (i32.store (i32.add (local.get $i) (i32.const 12288))
        (i32.add (i32.load (i32.add (local.get $i) (i32.const 12288)))
                 (i32.load (i32.add (local.get $i) (i32.const 8192)))))
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 4))))))
  (func $probe (param i32)
    (drop (i32.load (local.get 0))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $fill)
    (call_indirect (type $add) (i32.const 0))
    (call_indirect (type $add) (i32.const 0))
    (call_indirect (type $probe) (i32.const 4096) (i32.const 1))
    ;; b[k] = 2k
    (if (i32.and (i32.eq (i32.load (i32.const 8200)) (i32.const 4))
                 (i32.eq (i32.load (i32.const 12284)) (i32.const 2046)))
      (then (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))))
    (i32.const 0)))
