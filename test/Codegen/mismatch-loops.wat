;; musl's memcmp, the byte loop every wasi-libc program has, compares 16
;; bytes at a time before entering its loop at the first difference
;; (compiler/codegen/MismatchLoops.h). The results and the traps are the
;; loop's own: blocks that cross a 4 KiB boundary go a byte at a time, the
;; last bytes of memory compare without a trap, a difference before the end
;; of memory stops the search before it traps, and a search that reaches
;; the end traps.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: %if qemu-aarch64 %{ %wacc -O2 --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64; echo "exit=$?"' > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; IR-LABEL: define internal {{.*}}@{{.*}}memcmp(
;; IR: load <16 x i8>
;; IR: load <16 x i8>
;; IR: icmp ne <16 x i8>
;; IR: load i8
;; IR: ret i32
;; CHECK: memcmp ok
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "memcmp ok\n")
  (data (i32.const 32) "after\n")
  (type $cmp (func (param i32 i32 i32) (result i32)))
  ;; An exported (so mutable) table: $memcmp is not inlined into $run.
  (table (export "t") 1 funcref)
  (elem (i32.const 0) $memcmp)
  ;; for (; n && *l == *r; n--, l++, r++); return n ? *l - *r : 0;
  (func $memcmp (param $l i32) (param $r i32) (param $n i32) (result i32)
    (local $a i32) (local $b i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (if (i32.ne (local.tee $a (i32.load8_u (local.get $l)))
                    (local.tee $b (i32.load8_u (local.get $r))))
          (then (return (i32.sub (local.get $a) (local.get $b)))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br_if $next (local.tee $n (i32.add (local.get $n) (i32.const -1))))))
    (i32.const 0))
  (func $cmp (param i32 i32 i32) (result i32)
    (call_indirect (type $cmp) (local.get 0) (local.get 1) (local.get 2) (i32.const 0)))
  ;; n bytes at p: byte i is i * 7, or `x` when x is not -1.
  (func $fill (param $p i32) (param $n i32) (param $x i32) (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (select (i32.mul (local.get $i) (i32.const 7)) (local.get $x) (i32.eq (local.get $x) (i32.const -1))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $ok i32)
    ;; Two 8 KiB streams of equal bytes, at 0x1000 and 0x4000.
    (call $fill (i32.const 0x1000) (i32.const 0x2000) (i32.const -1))
    (call $fill (i32.const 0x4000) (i32.const 0x2000) (i32.const -1))
    (local.set $ok (i32.eqz (call $cmp (i32.const 0x1000) (i32.const 0x4000) (i32.const 0x2000))))
    (local.set $ok (i32.and (local.get $ok) (i32.eqz (call $cmp (i32.const 0x1004) (i32.const 0x4004) (i32.const 3)))))
    ;; Blocks across 0x2000 / 0x5000, equal then one byte different.
    (local.set $ok (i32.and (local.get $ok)
      (i32.eqz (call $cmp (i32.const 0x1ff0) (i32.const 0x4ff0) (i32.const 200)))))
    ;; byte 0x100a of the stream is 0x100a * 7 & 255 = 0x46.
    (i32.store8 (i32.const 0x500a) (i32.const 0xff))
    (local.set $ok (i32.and (local.get $ok)
      (i32.eq (call $cmp (i32.const 0x1ff0) (i32.const 0x4ff0) (i32.const 200)) (i32.const -185))))
    (local.set $ok (i32.and (local.get $ok)
      (i32.eq (call $cmp (i32.const 0x5000) (i32.const 0x2000) (i32.const 100)) (i32.const 185))))
    ;; 256 `x` at the end of memory and 1024 at 0x6000.
    (call $fill (i32.const 0xff00) (i32.const 0x100) (i32.const 0x78))
    (call $fill (i32.const 0x6000) (i32.const 0x400) (i32.const 0x78))
    (local.set $ok (i32.and (local.get $ok)
      (i32.eqz (call $cmp (i32.const 0xffd8) (i32.const 0x6000) (i32.const 40)))))
    ;; A difference before the end: no trap.
    (i32.store8 (i32.const 0x6014) (i32.const 0x79))
    (local.set $ok (i32.and (local.get $ok)
      (i32.eq (call $cmp (i32.const 0xff00) (i32.const 0x6000) (i32.const 1000)) (i32.const -1))))
    (if (local.get $ok)
      (then (call $write (call $get-stdout) (i32.const 16) (i32.const 10) (i32.const 0))))
    ;; None: the search reads past the end.
    (i32.store8 (i32.const 0x6014) (i32.const 0x78))
    (drop (call $cmp (i32.const 0xff00) (i32.const 0x6000) (i32.const 1000)))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
