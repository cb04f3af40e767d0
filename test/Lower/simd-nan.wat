;; NaN results of SIMD float arithmetic are quiet even where LLVM folds the
;; operation away (demote of a promote, multiplication by 1) and where the
;; lowering of min passes an operand through: a signalling NaN goes in, each
;; line's digit is the quiet bit of the result (1 = quiet).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s --match-full-lines --strict-whitespace
;; RUN: %wacc -O0 %t.wasm -o %t-O0
;; RUN: %t-O0 | %FileCheck %s --match-full-lines --strict-whitespace
;; The AArch64 runs are in simd-run-aarch64.test.

;; Demote is quieted at full width (<2 x float> cannot be canonicalized).
;; IR: fptrunc <2 x double> %{{.*}} to <2 x float>
;; IR: call <4 x float> @llvm.canonicalize.v4f32(
;; IR: fmul <4 x float>
;; IR: call <4 x float> @llvm.canonicalize.v4f32(
;; IR: call <4 x float> @llvm.minimum.v4f32(
;; IR: call <4 x float> @llvm.canonicalize.v4f32(

;; CHECK:demote(promote(sNaN)) 1
;; CHECK-NEXT:sNaN * 1 1
;; CHECK-NEXT:min(sNaN, sNaN) 1
;; CHECK-EMPTY:
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; lane 0: the signalling NaN 0x7fa00000; lane 1: 1.0
  (data (i32.const 0) "\00\00\a0\7f\00\00\80\3f")
  (data (i32.const 100) "demote(promote(sNaN)) ?\nsNaN * 1 ?\nmin(sNaN, sNaN) ?\n")
  ;; Writes '0' + the quiet bit of lane 0 of v at addr.
  (func $quietBit (param $addr i32) (param $v v128)
    (i32.store8 (local.get $addr)
      (i32.add (i32.const 48)
        (i32.and (i32.shr_u (i32x4.extract_lane 0 (local.get $v)) (i32.const 22)) (i32.const 1)))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $quietBit (i32.const 122)
      (f32x4.demote_f64x2_zero (f64x2.promote_low_f32x4 (v128.load (i32.const 0)))))
    (call $quietBit (i32.const 133) (f32x4.mul (v128.load (i32.const 0)) (v128.const f32x4 1 1 1 1)))
    (call $quietBit (i32.const 151) (f32x4.min (v128.load (i32.const 0)) (v128.load (i32.const 0))))
    (call $write (call $get-stdout) (i32.const 100) (i32.const 53) (i32.const 0))
    (i32.const 0)))
