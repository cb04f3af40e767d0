;; AddressRangeVersioningPass leaves an address alone when its 32-bit sum
;; is needed in the loop anyway (zlib's longest_match, reduced): `match =
;; window + (cur & mask)` is loaded from, and `match + best` too, best
;; varying without a bound. Widening the first access would keep `match`
;; in 32 bits for the second and add membase + window as a 64-bit pointer:
;; one more register and no add fewer (zlib: 10% more instructions in
;; longest_match, a register copied out and back every iteration). With
;; no other address to gain, the loop is not versioned at all. Results
;; and the trap past the end of memory are wasm's.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; CHECK: {{^}}sum ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.chain(
;; IR-NOT: inrange
;; IR: {{^}}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "sum ok\nafter\n")
  ;; Called through the exported table so that it stays a function.
  (type $chain (func (param i32 i32 i32 i32) (result i32)))
  (table (export "table") funcref (elem $chain))
  ;; n steps: match = window + (cur & mask); acc += match[0] + match[best];
  ;; best grows by match[0]; cur = cur + 3.
  (func $chain (param $window i32) (param $mask i32) (param $cur i32) (param $n i32) (result i32)
    (local $match i32) (local $best i32) (local $acc i32) (local $b i32)
    (block $done
      (loop $step
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $match (i32.add (local.get $window) (i32.and (local.get $cur) (local.get $mask))))
        (local.set $b (i32.load8_u (local.get $match)))
        (local.set $acc (i32.add (local.get $acc)
          (i32.add (local.get $b) (i32.load8_u (i32.add (local.get $match) (local.get $best))))))
        (local.set $best (i32.add (local.get $best) (local.get $b)))
        (local.set $cur (i32.add (local.get $cur) (i32.const 3)))
        (br $step)))
    (local.get $acc))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    ;; Bytes of value 1 at 2048..2559: 8 steps read 1 + 1 each, best 0..7.
    (memory.fill (i32.const 2048) (i32.const 1) (i32.const 512))
    (if (i32.eq (call_indirect (type $chain) (i32.const 2048) (i32.const 255) (i32.const 0) (i32.const 8)
                  (i32.const 0))
                (i32.const 16))
      (then (call $print (i32.const 64) (i32.const 7))))
    ;; window + best runs past the last byte of memory: a trap.
    (memory.fill (i32.const 65520) (i32.const 8) (i32.const 16))
    (drop (call_indirect (type $chain) (i32.const 65520) (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 0)))
    (call $print (i32.const 71) (i32.const 6))
    (i32.const 0)))
