;; AddressWrapVersioningPass on an address that decreases (bench memcopy's
;; reversed copy, reduced: `dst[i] = src[n - 1 - i]`, which clang computes
;; as `last + t` with t counting down from 0, negative as an i32, so the
;; i32 sum wraps by design). The integer sum runs from last down to
;; last - (n - 1): one check before the loop that both ends lie in
;; [0, 2^32) picks a copy whose addresses are 64-bit recurrences; a second
;; check, that the two streams (one increasing, one decreasing) are apart,
;; picks a third whose accesses say so, and that copy is vectorised (a byte
;; reverse), as native code is. A source whose
;; sum does wrap below 0 takes the original loop, which reads the wrapped
;; address and traps (out of bounds, 2^32 - 1) where wasm does; a copy past
;; the end of memory traps in the fast copy. Each trap comes after what the
;; runs before it printed.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: not %t 1 > %t.top.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TOP < %t.top.out
;; RUN: %wacc -O2 --bounds-checks %t.wasm -o %t.bounds
;; RUN: not %t.bounds > %t.bounds.out 2>&1
;; RUN: %FileCheck %s < %t.bounds.out
;; RUN: not %t.bounds 1 > %t.bounds.top.out 2>&1
;; RUN: %FileCheck %s --check-prefix=TOP < %t.bounds.top.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 > %t.aarch64.top.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=TOP < %t.aarch64.top.out %}
;; CHECK: {{^}}fast ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; TOP: {{^}}fast ok{{$}}
;; TOP-NEXT: wasm trap: out of bounds memory access
;; TOP-NOT: after
;; The check: the source's last byte read, last - (n - 1), not below 0,
;; and the destination's below 2^32. The third copy, whose two streams are
;; checked apart, reverses bytes in vectors.
;; IR-LABEL: define internal {{.*}}@i1.reverse(
;; IR: icmp sgt i64 %{{[0-9]+}}, -1
;; IR: br i1 %{{[0-9a-z.]+}}, label %{{[a-z.]*}}nowrap{{[.a-z0-9]*}}, label
;; IR: load <{{[0-9]+}} x i8>{{.*}} !alias.scope
;; IR: shufflevector <{{[0-9]+}} x i8> %{{.*}}, <{{[0-9]+}} x i8> poison, <{{[0-9]+}} x i32> <i32 {{[0-9]+}}, i32
;; IR: {{^}}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "fast ok\nafter\n")
  (global $heap (mut i32) (i32.const 16384))
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through the exported table so that it stays a function.
  (type $reverse (func (param i32 i32 i32)))
  (table (export "table") funcref (elem $reverse))
  ;; dst[i] = last[t] for i = 0, 1, ..., n - 1 and t = 0, -1, ..., 1 - n.
  (func $reverse (param $dst i32) (param $last i32) (param $n i32) (local $i i32) (local $t i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $copy
        (i32.store8 (i32.add (local.get $dst) (local.get $i))
          (i32.load8_u (i32.add (local.get $last) (local.get $t))))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (br_if $copy (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $i i32) (local $ok i32)
    ;; Bytes i & 255 at 4096..4095+1000; reversed into 8192.
    (loop $fill
      (i32.store8 offset=4096 (local.get $i) (local.get $i))
      (br_if $fill (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
    (call_indirect (type $reverse) (i32.const 8192) (i32.const 5095) (i32.const 1000) (i32.const 0))
    (local.set $ok (i32.const 1))
    (local.set $i (i32.const 0))
    (loop $verify
      (if (i32.ne (i32.load8_u offset=8192 (local.get $i)) (i32.and (i32.sub (i32.const 999) (local.get $i)) (i32.const 255)))
        (then (local.set $ok (i32.const 0))))
      (br_if $verify (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
    (if (local.get $ok) (then (call $print (i32.const 64) (i32.const 8))))
    ;; Any argument (argv[1]): 100 bytes from 65600 down, past the end of
    ;; memory from the start; the check holds, the fast copy traps.
    (call $get-arguments (i32.const 16))
    (if (i32.gt_u (i32.load (i32.const 20)) (i32.const 1))
      (then (call_indirect (type $reverse) (i32.const 8192) (i32.const 65600) (i32.const 100) (i32.const 0))
            (call $print (i32.const 72) (i32.const 6))))
    ;; Without: 100 bytes from 30 down: the sum goes below 0 and wraps to
    ;; 2^32 - 1 after 31 bytes; the check fails, the original traps there.
    (call_indirect (type $reverse) (i32.const 8192) (i32.const 30) (i32.const 100) (i32.const 0))
    (call $print (i32.const 72) (i32.const 6))
    (i32.const 0)))
