;; RerollLoops (compiler/codegen/RerollLoops.h) where each copy's address
;; is an induction of its own. bench/run's matmul, `c[i*384 + j] += a *
;; b[k*384 + j]`, arrives from clang's scalar wasm build unrolled three times
;; (384 = 3 x 128; j steps by 24 bytes, c[j+1] at (c + j) + 8), and the
;; versioning passes (AddressWrapVersioning.h) widen each of the six
;; addresses of their no-wrap copies into an i64 induction variable, while
;; the wrapping copy keeps `zext(c + j)`. Unrolled, the vectoriser sees
;; interleave groups of factor 3, loads b and c lane by lane and stores
;; `<6 x double>` shuffles. Rolled (in all three copies: none is reached
;; only through a preheader), each access is consecutive and the loop is
;; vectorised as native clang vectorises the source: `<2 x double>` loads
;; and stores. The results are the unrolled loop's: the same as a loop
;; written rolled (also when c overlaps b, one element ahead, which makes
;; every access depend on the one before); a loop ending at the last byte
;; of memory does not trap and one running a double past it does.
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
;; CHECK: {{^}}disjoint ok{{$}}
;; CHECK-NEXT: {{^}}overlap ok{{$}}
;; CHECK-NEXT: {{^}}edge ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.row3(
;; IR-NOT: <6 x double>
;; IR: load <2 x double>
;; IR-NOT: <6 x double>
;; IR: store <2 x double>
;; IR-NOT: <6 x double>
;; IR: ret void
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "disjoint ok\noverlap ok\nedge ok\nafter\n")
  ;; Called through the exported table so that they stay functions.
  (type $row (func (param i32 i32 f64)))
  (table (export "table") funcref (elem $row3 $row1))
  ;; c[j] += a * b[j] for j < 384, as clang's wasm has it: three a turn.
  (func $row3 (param $c i32) (param $b i32) (param $a f64) (local $j i32) (local $p i32) (local $q i32)
    (loop $l
      (f64.store (local.tee $p (i32.add (local.get $c) (local.get $j)))
        (f64.add (f64.mul (local.get $a) (f64.load (local.tee $q (i32.add (local.get $b) (local.get $j)))))
                 (f64.load (local.get $p))))
      (f64.store (i32.add (local.get $p) (i32.const 8))
        (f64.add (f64.mul (local.get $a) (f64.load (i32.add (local.get $q) (i32.const 8))))
                 (f64.load (i32.add (local.get $p) (i32.const 8)))))
      (f64.store (i32.add (local.get $p) (i32.const 16))
        (f64.add (f64.mul (local.get $a) (f64.load (i32.add (local.get $q) (i32.const 16))))
                 (f64.load (i32.add (local.get $p) (i32.const 16)))))
      (br_if $l (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 24))) (i32.const 3072)))))
  ;; The same, one a turn (the reference).
  (func $row1 (param $c i32) (param $b i32) (param $a f64) (local $j i32)
    (loop $l
      (f64.store (i32.add (local.get $c) (local.get $j))
        (f64.add (f64.mul (local.get $a) (f64.load (i32.add (local.get $b) (local.get $j))))
                 (f64.load (i32.add (local.get $c) (local.get $j)))))
      (br_if $l (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 8))) (i32.const 3072)))))
  ;; Whether the n bytes at x and y are equal.
  (func $same (param $x i32) (param $y i32) (param $n i32) (result i32)
    (loop $l
      (if (i32.ne (i32.load8_u (local.get $x)) (i32.load8_u (local.get $y))) (then (return (i32.const 0))))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.const 1))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $k i32)
    ;; 4 KiB blocks at 4096 .. 40960: double k at 4096 + 8k, k / 3 + 0.25
    ;; at 8192 + 8k (c), copied to 12288 (c'); 392 doubles (k + 1) / 7 at
    ;; 16384 and at 24576.
    (loop $fill
      (f64.store offset=4096 (i32.shl (local.get $k) (i32.const 3)) (f64.convert_i32_u (local.get $k)))
      (f64.store offset=8192 (i32.shl (local.get $k) (i32.const 3))
        (f64.add (f64.div (f64.convert_i32_u (local.get $k)) (f64.const 3)) (f64.const 0.25)))
      (f64.store offset=12288 (i32.shl (local.get $k) (i32.const 3))
        (f64.add (f64.div (f64.convert_i32_u (local.get $k)) (f64.const 3)) (f64.const 0.25)))
      (f64.store offset=16384 (i32.shl (local.get $k) (i32.const 3))
        (f64.div (f64.convert_i32_u (i32.add (local.get $k) (i32.const 1))) (f64.const 7)))
      (f64.store offset=24576 (i32.shl (local.get $k) (i32.const 3))
        (f64.div (f64.convert_i32_u (i32.add (local.get $k) (i32.const 1))) (f64.const 7)))
      (br_if $fill (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 392))))
    ;; Apart: c = 8192 and c' = 12288, b = 4096.
    (call_indirect (type $row) (i32.const 8192) (i32.const 4096) (f64.const 0.1) (i32.const 0))
    (call_indirect (type $row) (i32.const 12288) (i32.const 4096) (f64.const 0.1) (i32.const 1))
    (if (call $same (i32.const 8192) (i32.const 12288) (i32.const 3072))
      (then (call $print (i32.const 64) (i32.const 12))))
    ;; Overlapping: c one double ahead of b, in each copy.
    (call_indirect (type $row) (i32.const 16392) (i32.const 16384) (f64.const 1.1) (i32.const 0))
    (call_indirect (type $row) (i32.const 24584) (i32.const 24576) (f64.const 1.1) (i32.const 1))
    (if (call $same (i32.const 16384) (i32.const 24576) (i32.const 3136))
      (then (call $print (i32.const 76) (i32.const 11))))
    ;; The last 3072 bytes of memory: no trap.
    (call_indirect (type $row) (i32.const 62464) (i32.const 4096) (f64.const 1) (i32.const 0))
    (call $print (i32.const 87) (i32.const 8))
    ;; One double further: c[383] is past the end, and traps.
    (call_indirect (type $row) (i32.const 62472) (i32.const 4096) (f64.const 1) (i32.const 0))
    (call $print (i32.const 95) (i32.const 6))
    (i32.const 0)))
