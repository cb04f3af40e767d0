;; Loads whose value is stored back where they read (compiler/codegen/
;; KeptLoads.cpp, Link's single-bit rule and StaysWhole).
;;
;; A bit set's remove and insert, `bits[j >> 3] &= ~(1 << (j & 7))` (clang
;; writes the mask `rotl(-2, j & 7)`) and `bits[j >> 3] |= 1 << (j & 7)`,
;; change one bit of the byte they load: every byte of the load still counts
;; and the stored value is never the loaded one, so the load needs no fake
;; use and x86 selects `and`/`or` to memory (the previous compiler kept it:
;; `movzbl; ...; and; mov`).
;;
;; A word stored back changed by a constant, `*p ^= 0x100`, is narrowed by
;; instruction selection to the byte it changes once nothing else uses the
;; load (`xorb $1, 1(p)`): at p = 65534, the last two bytes of the page, the
;; word ends past memory but the byte does not, and the program ran on. Its
;; load keeps the fake use, unless the changed bits reach the word's last
;; byte (`*p ^= 0x1000000` narrows to that byte, which faults as the word
;; did).
;;
;; The values: multiples of 3 cleared from and inserted into 64 bytes. The
;; traps (the case is the number of program arguments): 0 a remove and 1 an
;; insert running into the end of memory, 2 `*p ^= 0x100` and 3 `*p ^=
;; 0x1000000` at 65534, 4 the same on a 64-bit word at 65530.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s --check-prefix=VALUES < %t.out
;; RUN: not %t 1 > %t.0 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.0
;; RUN: not %t 1 2 > %t.1 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.1
;; RUN: not %t 1 2 3 > %t.2 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.2
;; RUN: not %t 1 2 3 4 > %t.3 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.3
;; RUN: not %t 1 2 3 4 5 > %t.4 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.4
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=VALUES < %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 > %t.aarch64.0 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=TRAP < %t.aarch64.0 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 3 > %t.aarch64.2 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=TRAP < %t.aarch64.2 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 3 4 5 > %t.aarch64.4 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=TRAP < %t.aarch64.4 %}
;; VALUES: {{^}}bits ok{{$}}
;; TRAP: before
;; TRAP-NEXT: wasm trap: out of bounds memory access
;; TRAP-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.remove(
;; IR-NOT: fake.use
;; IR: {{^}}}{{$}}
;; IR-LABEL: define internal {{.*}}@i1.insert(
;; IR-NOT: fake.use
;; IR: {{^}}}{{$}}
;; IR-LABEL: define internal {{.*}}@i1.low(
;; IR: [[V:%[0-9a-z.]+]] = load i32
;; IR-NEXT: call void (...) @llvm.fake.use(i32 [[V]])
;; IR-LABEL: define internal {{.*}}@i1.high(
;; IR-NOT: fake.use
;; IR: {{^}}}{{$}}
;; IR-LABEL: define internal {{.*}}@i1.low64(
;; IR: [[W:%[0-9a-z.]+]] = load i64
;; IR-NEXT: call void (...) @llvm.fake.use(i64 [[W]])
(module
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 16) "before\n")
  (data (i32.const 32) "after\n")
  (data (i32.const 48) "bits ok\n")
  ;; 64 bytes of ones at 1024; zeros at 2048.
  (data (i32.const 1024) "\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (data (i32.const 1056) "\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through an exported (so mutable) table: never inlined.
  (type $bits (func (param i32 i32 i32 i32)))
  (type $word (func (param i32)))
  (table (export "cases") 5 funcref)
  (elem (i32.const 0) $remove $insert $low $high $low64)
  ;; for (j = start; j < end; j += step) bits[j >> 3] &= rotl(-2, j & 7),
  ;; as clang compiles the sieve's inner loop.
  (func $remove (type $bits) (param $bits i32) (param $j i32) (param $step i32) (param $end i32)
    (local $p i32)
    (loop $next
      (local.set $p (i32.add (local.get $bits) (i32.shr_u (local.get $j) (i32.const 3))))
      (i32.store8 (local.get $p)
        (i32.and (i32.load8_u (local.get $p))
                 (i32.rotl (i32.const -2) (i32.and (local.get $j) (i32.const 7)))))
      (local.set $j (i32.add (local.get $j) (local.get $step)))
      (br_if $next (i32.lt_u (local.get $j) (local.get $end)))))
  ;; The same with bits[j >> 3] |= 1 << (j & 7).
  (func $insert (type $bits) (param $bits i32) (param $j i32) (param $step i32) (param $end i32)
    (local $p i32)
    (loop $next
      (local.set $p (i32.add (local.get $bits) (i32.shr_u (local.get $j) (i32.const 3))))
      (i32.store8 (local.get $p)
        (i32.or (i32.load8_u (local.get $p))
                (i32.shl (i32.const 1) (i32.and (local.get $j) (i32.const 7)))))
      (local.set $j (i32.add (local.get $j) (local.get $step)))
      (br_if $next (i32.lt_u (local.get $j) (local.get $end)))))
  (func $low (type $word) (param $p i32)
    (i32.store (local.get $p) (i32.xor (i32.load (local.get $p)) (i32.const 0x100))))
  (func $high (type $word) (param $p i32)
    (i32.store (local.get $p) (i32.xor (i32.load (local.get $p)) (i32.const 0x1000000))))
  (func $low64 (type $word) (param $p i32)
    (i64.store (local.get $p) (i64.xor (i64.load (local.get $p)) (i64.const 0x100))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $case i32)
    (call $get-arguments (i32.const 0))
    (local.set $case (i32.sub (i32.load (i32.const 4)) (i32.const 2)))
    (if (i32.lt_s (local.get $case) (i32.const 0))
      (then
        ;; Bits 3k, 0 < 3k < 512, removed from ones and inserted into zeros:
        ;; bytes 0..3 are ~0x48 ~0x92 ~0x24 ~0x49 (0x48 0x92 0x24 0x49), and
        ;; so is byte 63 ~0x49 (0x49).
        (call_indirect (type $bits) (i32.const 1024) (i32.const 3) (i32.const 3) (i32.const 512) (i32.const 0))
        (call_indirect (type $bits) (i32.const 2048) (i32.const 3) (i32.const 3) (i32.const 512) (i32.const 1))
        ;; And the words: 0x100 flipped twice, 0x1000000 once.
        (call_indirect (type $word) (i32.const 3072) (i32.const 2))
        (call_indirect (type $word) (i32.const 3072) (i32.const 2))
        (call_indirect (type $word) (i32.const 3072) (i32.const 3))
        (call_indirect (type $word) (i32.const 3080) (i32.const 4))
        (if (i32.and
              (i32.and (i32.eq (i32.load (i32.const 1024)) (i32.const 0xb6db6db7))
                       (i32.eq (i32.load8_u (i32.const 1087)) (i32.const 0xb6)))
              (i32.and
                (i32.and (i32.eq (i32.load (i32.const 2048)) (i32.const 0x49249248))
                         (i32.eq (i32.load8_u (i32.const 2111)) (i32.const 0x49)))
                (i32.and (i32.eq (i32.load (i32.const 3072)) (i32.const 0x1000000))
                         (i64.eq (i64.load (i32.const 3080)) (i64.const 0x100)))))
          (then (call $write (call $get-stdout) (i32.const 48) (i32.const 8) (i32.const 0))))
        (return (i32.const 0))))
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    (if (i32.lt_u (local.get $case) (i32.const 2))
      (then
        ;; Bits 8 apart from the page's last 8 bytes on: the ninth is past it.
        (call_indirect (type $bits) (i32.const 0xfff8) (i32.const 0) (i32.const 8) (i32.const 128) (local.get $case)))
      (else
        (call_indirect (type $word) (select (i32.const 0xfffa) (i32.const 0xfffe) (i32.eq (local.get $case) (i32.const 4)))
          (local.get $case))))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
