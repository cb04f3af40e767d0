;; SIMD instructions become generic LLVM vector IR on <4 x i32> values,
;; bitcast to the lane shape each operation needs: no target intrinsics, so
;; the backends pick SSE2 or NEON instructions.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %FileCheck %s < %t.ll
;; RUN: %FileCheck %s --check-prefix=NOTARGET < %t.ll
;; NOTARGET-NOT: @llvm.x86
;; NOTARGET-NOT: @llvm.aarch64

;; CHECK-LABEL: define internal <4 x i32> @{{.*}}int_ops(<4 x i32> %0, <4 x i32> %1, i32 %2)
;; CHECK: add <4 x i32>
;; CHECK: call <16 x i8> @llvm.sadd.sat.v16i8(
;; CHECK: call <8 x i16> @llvm.umin.v8i16(
;; Shift counts are taken modulo the lane width.
;; CHECK: and i32 %{{.*}}, 15
;; CHECK: ashr <8 x i16>
;; CHECK: icmp slt <4 x i32>
;; CHECK: sext <4 x i1> %{{.*}} to <4 x i32>
;; Saturating narrow: clamp the concatenated lanes, then truncate.
;; CHECK: shufflevector <4 x i32> %{{.*}}, <4 x i32> %{{.*}}, <8 x i32> <i32 0, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7>
;; CHECK: call <8 x i32> @llvm.smax.v8i32(<8 x i32> %{{.*}}, <8 x i32> splat (i32 -32768))
;; CHECK: call <8 x i32> @llvm.smin.v8i32(<8 x i32> %{{.*}}, <8 x i32> splat (i32 32767))
;; CHECK: trunc <8 x i32> %{{.*}} to <8 x i16>
;; CHECK: shufflevector <16 x i8> %{{.*}}, <16 x i8> %{{.*}}, <16 x i32> <i32 0, i32 17,
;; swizzle: out-of-range indices select 0.
;; CHECK: extractelement <16 x i8> %{{.*}}, i8 %
;; CHECK: icmp ult <16 x i8> %{{.*}}, splat (i8 16)
;; CHECK: select <16 x i1> %{{.*}}, <16 x i8> %{{.*}}, <16 x i8> zeroinitializer

;; CHECK-LABEL: define internal <4 x i32> @{{.*}}float_ops(<4 x i32> %0, <4 x i32> %1)
;; min is NaN-propagating with -0 < +0, and its NaN result is quieted.
;; CHECK: call <4 x float> @llvm.minimum.v4f32(
;; CHECK: call <4 x float> @llvm.canonicalize.v4f32(
;; pmin(a, b) = b < a ? b : a, returning the operand's bits unchanged.
;; CHECK: fcmp olt <2 x double> %[[B:[0-9]+]], %[[A:[0-9]+]]
;; CHECK: select <2 x i1> %{{.*}}, <2 x double> %[[B]], <2 x double> %[[A]]
;; CHECK: call <4 x float> @llvm.roundeven.v4f32(
;; CHECK: call <4 x i32> @llvm.fptoui.sat.v4i32.v4f32(

;; CHECK-LABEL: define internal i32 @{{.*}}reductions(<4 x i32> %0)
;; CHECK: bitcast <16 x i1> %{{.*}} to i16
;; CHECK: call i1 @llvm.vector.reduce.and.v4i1(
;; CHECK: icmp ne i128

;; CHECK-LABEL: define internal void @{{.*}}memory(i32 %0)
;; CHECK: load <4 x i32>, ptr %{{.*}}, align 1
;; CHECK: load <8 x i8>, ptr %{{.*}}, align 1
;; CHECK: sext <8 x i8> %{{.*}} to <8 x i16>
;; CHECK: load i16, ptr %{{.*}}, align 1
;; CHECK: insertelement <8 x i16> %{{.*}}, i16 %{{.*}}, i64 3
;; CHECK: extractelement <2 x i64> %{{.*}}, i64 1
;; CHECK: store i64 %{{.*}}, ptr %{{.*}}, align 1
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func $int_ops (param v128 v128 i32) (result v128)
    (i32x4.add (local.get 0) (local.get 1))
    (i8x16.add_sat_s (local.get 1))
    (i16x8.min_u (local.get 0))
    (i16x8.shr_s (local.get 2))
    (i32x4.lt_s (local.get 1))
    (i16x8.narrow_i32x4_s (local.get 0))
    (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 1))
    (i8x16.swizzle (local.get 0)))
  (func $float_ops (param v128 v128) (result v128)
    (f32x4.min (local.get 0) (local.get 1))
    (f64x2.pmin (local.get 1))
    (f32x4.nearest)
    (i32x4.trunc_sat_f32x4_u))
  (func $reductions (param v128) (result i32)
    (i32.add (i8x16.bitmask (local.get 0))
             (i32.add (i32x4.all_true (local.get 0)) (v128.any_true (local.get 0)))))
  (func $memory (param i32)
    (v128.store64_lane 1 (local.get 0)
      (v128.load16_lane offset=2 3 (local.get 0)
        (i16x8.add (v128.load (local.get 0)) (v128.load8x8_s offset=16 (local.get 0))))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (drop (call $int_ops (v128.const i32x4 1 2 3 4) (v128.const i32x4 5 6 7 8) (i32.const 3)))
    (drop (call $float_ops (v128.const f32x4 1 2 3 4) (v128.const f32x4 5 6 7 8)))
    (drop (call $reductions (v128.const i32x4 1 2 3 4)))
    (call $memory (i32.const 0))
    (i32.const 0)))
