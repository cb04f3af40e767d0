;; Float operations map to LLVM operations with wasm's exact semantics:
;; NaN-propagating min/max, round-half-even `nearest`, quieted NaN results
;; (llvm.canonicalize), trapping and saturating truncation.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc --emit=llvm -O0 %t.wasm -o %t.ll
;; RUN: %FileCheck %s < %t.ll

;; CHECK-LABEL: define internal float @{{.*}}ops(float %0, float %1)
;; CHECK: call float @llvm.minimum.f32(
;; CHECK: call float @llvm.canonicalize.f32(
;; CHECK: call float @llvm.maximum.f32(
;; CHECK: call float @llvm.roundeven.f32(
;; CHECK: call float @llvm.copysign.f32(

;; CHECK-LABEL: define internal i32 @{{.*}}trunc(double %0)
;; CHECK: fcmp uno double
;; CHECK: fcmp ogt double %{{.*}}, 0xC1E0000000200000
;; CHECK: fcmp olt double %{{.*}}, 0x41E0000000000000
;; CHECK: call void @wacc_rt_trap(i32 3,
;; CHECK: fptosi double %{{.*}} to i32
;; CHECK: call void @wacc_rt_trap(i32 2,

;; CHECK-LABEL: define internal i64 @{{.*}}trunc_sat(float %0)
;; CHECK: call i64 @llvm.fptoui.sat.i64.f32(float
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (func $ops (param f32 f32) (result f32)
    (f32.copysign
      (f32.nearest (f32.max (f32.min (local.get 0) (local.get 1)) (local.get 1)))
      (local.get 1)))
  (func $trunc (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $trunc_sat (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (drop (call $ops (f32.const 1) (f32.const 2)))
    (drop (call $trunc (f64.const 1)))
    (drop (call $trunc_sat (f32.const 1)))
    (i32.const 0)))
