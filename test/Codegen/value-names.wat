;; The translation names its values and blocks (%local, %membase,
;; %br_if.cont, ...) only where someone reads them: --emit=llvm, and
;; compiles given -mllvm options (printing passes, remarks). An
;; executable or object is made without them (compiler/driver/Compile.cpp),
;; and its code is the same: at -O0, -O1 and -O2 the object made without
;; names equals the one made with them (an -mllvm option that changes
;; nothing keeps them), in one partition and in two.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O1 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O0 --emit=obj %t.wasm -o %t.0.o
;; RUN: %wacc -O0 --emit=obj -mllvm -x86-asm-syntax=att %t.wasm -o %t.0.named.o
;; RUN: cmp %t.0.o %t.0.named.o
;; RUN: %wacc -O1 --emit=obj %t.wasm -o %t.1.o
;; RUN: %wacc -O1 --emit=obj -mllvm -x86-asm-syntax=att %t.wasm -o %t.1.named.o
;; RUN: cmp %t.1.o %t.1.named.o
;; RUN: %wacc -O2 --emit=obj %t.wasm -o %t.2.o
;; RUN: %wacc -O2 --emit=obj -mllvm -x86-asm-syntax=att %t.wasm -o %t.2.named.o
;; RUN: cmp %t.2.o %t.2.named.o
;; RUN: %wacc -O1 --partitions=2 %t.wasm -o %t.parts
;; RUN: %wacc -O1 --partitions=2 -mllvm -x86-asm-syntax=att %t.wasm -o %t.parts.named
;; RUN: cmp %t.parts %t.parts.named
;; RUN: %t.parts | %FileCheck %s
;; CHECK: names 55
;; IR-LABEL: define internal {{.*}}@i1.sum(
;; IR: %membase
;; IR: br_if.cont
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "names 00\n")
  ;; 1 + 2 + ... + n, read from memory: a loop, a br_if, loads.
  (func $sum (param $n i32) (result i32) (local $i i32) (local $s i32)
    (i32.store (i32.const 128) (local.get $n))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const 128))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (br $next)))
    (local.get $s))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $s i32)
    (local.set $s (call $sum (i32.const 10)))
    (i32.store8 (i32.const 70) (i32.add (i32.const 48) (i32.div_u (local.get $s) (i32.const 10))))
    (i32.store8 (i32.const 71) (i32.add (i32.const 48) (i32.rem_u (local.get $s) (i32.const 10))))
    (call $write (call $get-stdout) (i32.const 64) (i32.const 9) (i32.const 256))
    (i32.const 0)))
