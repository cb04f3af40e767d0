;; Loops over memory as clang emits them for wasm: a negative i32 counter
;; running up to 0 and addresses `counter + array end`. The i32 sums never
;; overflow, which ScalarEvolution proves; AddressNoWrapFlagsPass records it
;; (nsw, zext nneg), so the optimised loop indexes memory with a 64-bit
;; induction variable and no 32-bit masking of each address.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; A loop whose address does wrap past 2^32 (the pointer comes from memory,
;; nothing is proven) still reads the low addresses it wraps to.
;; CHECK: {{^}}sum ok{{$}}
;; CHECK-NEXT: {{^}}wrapped ok{{$}}
;; IR-LABEL: define internal {{.*}}@i1.sum(
;; IR-NOT: {{and i64 .*, 4294967295}}
;; IR-NOT: zext i32
;; IR: ret i32
;; IR-LABEL: define internal {{.*}}@i1.wrapped(
;; IR-NOT: zext nneg
;; IR: zext i32
;; IR: ret i32
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; Called through the table (index from memory) so they stay functions.
  (type $get (func (result i32)))
  (table funcref (elem $sum $wrapped))
  (data (i32.const 16) "sum ok\nwrapped ok\n")
  ;; 1024 i32s at 4096: the values 0..1023.
  (func $fill (local $i i32)
    (loop $l
      (i32.store offset=4096 (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024)))))
  (func $sum (export "sum") (result i32) (local $i i32) (local $acc i32)
    (local.set $i (i32.const -4096))
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (i32.load (i32.add (local.get $i) (i32.const 8192)))))
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 4)))))
    (local.get $acc))
  ;; Sums 4 i32s from base + 0x1000 + 4k for a base of 2^32 - 0x1000 + 0x10
  ;; stored at address 0: the additions wrap to 0x10 + 4k.
  (func $wrapped (export "wrapped") (result i32) (local $k i32) (local $acc i32) (local $base i32)
    (local.set $base (i32.load (i32.const 0)))
    (loop $l
      (local.set $acc (i32.add (local.get $acc)
        (i32.load (i32.add (i32.add (local.get $base) (i32.const 0x1000)) (i32.shl (local.get $k) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 4))))
    (local.get $acc))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $fill)
    ;; 0 + 1 + ... + 1023
    (if (i32.eq (call_indirect (type $get) (i32.load (i32.const 4))) (i32.const 523776))
      (then (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))))
    (i32.store (i32.const 0) (i32.const 0xfffff010))
    ;; 0x10..0x1f hold "sum ok\nwrapped o" as bytes; compare with the sum of those words.
    (i32.store (i32.const 4) (i32.const 1))
    (if (i32.eq (call_indirect (type $get) (i32.load (i32.const 4)))
                (i32.add (i32.add (i32.load (i32.const 16)) (i32.load (i32.const 20)))
                         (i32.add (i32.load (i32.const 24)) (i32.load (i32.const 28)))))
      (then (call $write (call $get-stdout) (i32.const 23) (i32.const 11) (i32.const 0))))
    (i32.const 0)))
