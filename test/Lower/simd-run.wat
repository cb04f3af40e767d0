;; A component computing with SIMD (lane compares and masks, swizzle, float
;; sqrt and conversions, saturating narrows, dot product, bitmask) runs with
;; the same output on x86-64 (SSE2 baseline) and on AArch64 (NEON), optimised
;; and not. The inputs come from memory so the optimiser cannot fold them.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s --match-full-lines --strict-whitespace
;; RUN: %wacc -O0 %t.wasm -o %t-O0
;; RUN: %t-O0 | %FileCheck %s --match-full-lines --strict-whitespace
;; The AArch64 half is simd-run-aarch64.test.

;; CHECK:HELLO SIMD WORLD
;; CHECK-NEXT:dlrow dmis olleh
;; CHECK-NEXT:2345
;; CHECK-NEXT:204 014
;; CHECK-EMPTY:
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello simd world")
  (data (i32.const 16) "\04\00\00\00\09\00\00\00\10\00\00\00\19\00\00\00")
  (data (i32.const 32) "\01\00\02\00\03\00\04\00\05\00\06\00\07\00\08\00")

  ;; All-ones in the lanes holding 'a'..'z'.
  (func $isLower (param v128) (result v128)
    (v128.and (i8x16.ge_u (local.get 0) (i8x16.splat (i32.const 97)))
              (i8x16.le_u (local.get 0) (i8x16.splat (i32.const 122)))))
  (func $upper (param v128) (result v128)
    (i8x16.sub (local.get 0) (v128.and (call $isLower (local.get 0)) (i8x16.splat (i32.const 0x20)))))
  ;; Three decimal digits of n (< 1000) at addr.
  (func $dec3 (param $addr i32) (param $n i32)
    (i32.store8 (local.get $addr) (i32.add (i32.const 48) (i32.div_u (local.get $n) (i32.const 100))))
    (i32.store8 offset=1 (local.get $addr)
      (i32.add (i32.const 48) (i32.rem_u (i32.div_u (local.get $n) (i32.const 10)) (i32.const 10))))
    (i32.store8 offset=2 (local.get $addr) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10)))))

  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $dot v128)
    (local $zero v128)
    ;; "HELLO SIMD WORLD\n" at 100
    (v128.store (i32.const 100) (call $upper (v128.load (i32.const 0))))
    (i32.store8 (i32.const 116) (i32.const 10))
    ;; reversed with a swizzle, at 117
    (v128.store (i32.const 117)
      (i8x16.swizzle (v128.load (i32.const 0))
                     (v128.const i8x16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0)))
    (i32.store8 (i32.const 133) (i32.const 10))
    ;; sqrt(4 9 16 25) as ASCII digits, narrowed i32 -> i16 -> i8, at 134
    (v128.store32_lane 0 (i32.const 134)
      (i8x16.narrow_i16x8_u
        (i16x8.narrow_i32x4_s
          (i32x4.add (i32x4.trunc_sat_f32x4_s (f32x4.sqrt (f32x4.convert_i32x4_s (v128.load (i32.const 16)))))
                     (i32x4.splat (i32.const 48)))
          (local.get $zero))
        (local.get $zero)))
    (i32.store8 (i32.const 138) (i32.const 10))
    ;; (1..8) . (1..8) = 204, and the number of lowercase letters: 14
    (local.set $dot (i32x4.dot_i16x8_s (v128.load (i32.const 32)) (v128.load (i32.const 32))))
    (call $dec3 (i32.const 139)
      (i32.add (i32.add (i32x4.extract_lane 0 (local.get $dot)) (i32x4.extract_lane 1 (local.get $dot)))
               (i32.add (i32x4.extract_lane 2 (local.get $dot)) (i32x4.extract_lane 3 (local.get $dot)))))
    (i32.store8 (i32.const 142) (i32.const 32))
    (call $dec3 (i32.const 143) (i32.popcnt (i8x16.bitmask (call $isLower (v128.load (i32.const 0))))))
    (i32.store8 (i32.const 146) (i32.const 10))
    (call $write (call $get-stdout) (i32.const 100) (i32.const 47) (i32.const 0))
    (i32.const 0)))
