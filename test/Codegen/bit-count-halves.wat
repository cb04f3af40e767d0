;; 64-bit bit counts written as two 32-bit ones, as clang's wasm32 build of
;; C that guards __builtin_ctzll with __LP64__ leaves them (zstd's bits.h),
;; become one 64-bit count (compiler/codegen/BitCountHalves.h), and give the
;; same results as i64.ctz/clz/popcnt for every input, zero included; the
;; masked ctz is the form InstCombine turns `+ 32` into `^ 32` in.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=WIDE < %t.ll
;; RUN: %FileCheck %s --check-prefix=SPLIT < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc -O2 --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; WIDE-LABEL: define {{.*}}@i1.ctz(
;; WIDE: @llvm.cttz.i64(
;; WIDE-LABEL: define {{.*}}@i1.ctz_low6(
;; WIDE: @llvm.cttz.i64(
;; WIDE: and i32 {{.*}}, 63
;; WIDE-LABEL: define {{.*}}@i1.clz(
;; WIDE: @llvm.ctlz.i64(
;; WIDE-LABEL: define {{.*}}@i1.popcnt(
;; WIDE: @llvm.ctpop.i64(
;; SPLIT-NOT: @llvm.cttz.i32(
;; SPLIT-NOT: @llvm.ctlz.i32(
;; SPLIT-NOT: @llvm.ctpop.i32(
;; CHECK: bit counts ok
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "bit counts ok\n")
  (data (i32.const 32) "bit counts differ\n")
  ;; An exported (so mutable) table: the counts are not inlined into $run,
  ;; where they would fold against the reference counts.
  (type $count (func (param i64) (result i32)))
  (table (export "t") 4 funcref)
  (elem (i32.const 0) $ctz $clz $popcnt $ctz_low6)
  ;; The inputs: 0, 1, 2^31, 2^32, 2^32 + 1, 2^63, -1, 0x00f0000000000000,
  ;; 0x0000000180000000, 0x8000000000000001, 0xffffffff, 0xffffffff00000000.
  (data (i32.const 256)
    "\00\00\00\00\00\00\00\00" "\01\00\00\00\00\00\00\00" "\00\00\00\80\00\00\00\00"
    "\00\00\00\00\01\00\00\00" "\01\00\00\00\01\00\00\00" "\00\00\00\00\00\00\00\80"
    "\ff\ff\ff\ff\ff\ff\ff\ff" "\00\00\00\00\00\00\f0\00" "\00\00\00\80\01\00\00\00"
    "\01\00\00\00\00\00\00\80" "\ff\ff\ff\ff\00\00\00\00" "\00\00\00\00\ff\ff\ff\ff")
  ;; lo == 0 ? 32 + ctz32(hi) : ctz32(lo)
  (func $ctz (param i64) (result i32)
    (local i32)
    (select
      (i32.add (i32.ctz (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32)))) (i32.const 32))
      (i32.ctz (local.tee 1 (i32.wrap_i64 (local.get 0))))
      (i32.eqz (local.get 1))))
  ;; (lo == 0 ? 32 + ctz32(hi) : ctz32(lo)) & 63: InstCombine makes the
  ;; `+ 32` an `^ 32` (only six bits are used), which differs at zero.
  (func $ctz_low6 (param i64) (result i32)
    (i32.and (call $ctz (local.get 0)) (i32.const 63)))
  ;; hi == 0 ? 32 + clz32(lo) : clz32(hi)
  (func $clz (param i64) (result i32)
    (local i64)
    (select
      (i32.add (i32.clz (i32.wrap_i64 (local.get 0))) (i32.const 32))
      (i32.clz (i32.wrap_i64 (local.tee 1 (i64.shr_u (local.get 0) (i64.const 32)))))
      (i64.eqz (local.get 1))))
  (func $popcnt (param i64) (result i32)
    (i32.add (i32.popcnt (i32.wrap_i64 (local.get 0)))
             (i32.popcnt (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32))))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $i i32) (local $x i64) (local $bad i32)
    (loop $l
      (local.set $x (i64.load offset=256 (local.get $i)))
      (local.set $bad (i32.or (local.get $bad)
        (i32.ne (call_indirect (type $count) (local.get $x) (i32.const 0)) (i32.wrap_i64 (i64.ctz (local.get $x))))))
      (local.set $bad (i32.or (local.get $bad)
        (i32.ne (call_indirect (type $count) (local.get $x) (i32.const 3))
                (i32.and (i32.wrap_i64 (i64.ctz (local.get $x))) (i32.const 63)))))
      (local.set $bad (i32.or (local.get $bad)
        (i32.ne (call_indirect (type $count) (local.get $x) (i32.const 1)) (i32.wrap_i64 (i64.clz (local.get $x))))))
      (local.set $bad (i32.or (local.get $bad)
        (i32.ne (call_indirect (type $count) (local.get $x) (i32.const 2)) (i32.wrap_i64 (i64.popcnt (local.get $x))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 96))))
    (if (local.get $bad)
      (then (call $write (call $get-stdout) (i32.const 32) (i32.const 18) (i32.const 0)))
      (else (call $write (call $get-stdout) (i32.const 16) (i32.const 14) (i32.const 0))))
    (i32.const 0)))
