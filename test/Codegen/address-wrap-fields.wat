;; AddressWrapVersioningPass checks before a loop that each address's ends
;; lie in [0, 2^32). Fields of one array of records (PCRE2's DFA scans
;; `states[j].offset` and `states[j].count` at each entry of a short loop)
;; are addresses whose ends differ by constants: only the greatest end of
;; them is compared with 2^32 - 1 and only the least with 0. Here records
;; of 12 bytes have fields at p - 4, p and p + 4, the loop reads the first
;; two; the check is one compare of p's last end and one of p - 4's first
;; (before, both last ends were compared, `or`ed into one value first).
;; Values: a record found, a scan ending at the last
;; byte of memory (no trap), and one record further (traps in the no-wrap
;; copy); with an argument, p = 0, so p - 4 wraps below 0: the check fails
;; and the original loop traps at the wrapped address, as wasm does. On
;; x86-64 and under qemu-aarch64.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: not %t > %t.out 2>&1
;; RUN: %FileCheck %s < %t.out
;; RUN: not %t 1 > %t.wrap.out 2>&1
;; RUN: %FileCheck %s --check-prefix=WRAP < %t.wrap.out
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 --emit=llvm %t.wasm -o %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=IR < %t.aarch64.ll %}
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 > %t.aarch64.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s < %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 > %t.aarch64.wrap.out 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=WRAP < %t.aarch64.wrap.out %}
;; CHECK: {{^}}found ok{{$}}
;; CHECK-NEXT: {{^}}edge ok{{$}}
;; CHECK-NEXT: wasm trap: out of bounds memory access
;; CHECK-NOT: after
;; WRAP: {{^}}found ok{{$}}
;; WRAP-NEXT: {{^}}edge ok{{$}}
;; WRAP-NEXT: wasm trap: out of bounds memory access
;; WRAP-NOT: after
;; The check block: one compare below 2^32, one at or above 0, and no
;; second end `or`ed into the first.
;; IR-LABEL: define internal {{.*}}@i1.find(
;; IR-NOT: or i64
;; IR: icmp {{[a-z ]*}}ult i64 %{{[0-9a-z.]+}}, 4294967296
;; IR-NOT: or i64
;; IR: br i1 %{{[0-9a-z.]+}}, label %{{[a-z.0-9]*}}nowrap{{[.a-z0-9]*}}, label
;; IR: {{^}}}
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "found ok\nedge ok\nafter\n")
  (global $heap (mut i32) (i32.const 16384))
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through the exported table so that it stays a function.
  (type $find (func (param i32 i32 i32 i32) (result i32)))
  (table (export "table") funcref (elem $find))
  ;; The field at p + 12j + 4 of the first j < n whose fields at p + 12j - 4
  ;; and p + 12j are x and y; -1 if none.
  (func $find (param $p i32) (param $n i32) (param $x i32) (param $y i32) (result i32) (local $j i32) (local $at i32)
    (block $none
      (loop $scan
        (br_if $none (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $at (i32.add (local.get $p) (i32.mul (local.get $j) (i32.const 12))))
        (if (i32.eq (i32.load (i32.add (local.get $at) (i32.const -4))) (local.get $x))
          (then (if (i32.eq (i32.load (local.get $at)) (local.get $y))
            (then (return (i32.load (i32.add (local.get $at) (i32.const 4))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $scan)))
    (i32.const -1))
  (func $print (param $at i32) (param $len i32)
    (call $write (call $get-stdout) (local.get $at) (local.get $len) (i32.const 0)))
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32) (local $j i32)
    ;; Records j < 200 at 4100 + 12j: fields j, 2j, 3j.
    (loop $fill
      (i32.store offset=4096 (i32.mul (local.get $j) (i32.const 12)) (local.get $j))
      (i32.store offset=4100 (i32.mul (local.get $j) (i32.const 12)) (i32.shl (local.get $j) (i32.const 1)))
      (i32.store offset=4104 (i32.mul (local.get $j) (i32.const 12)) (i32.mul (local.get $j) (i32.const 3)))
      (br_if $fill (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 200))))
    (if (i32.eq (call_indirect (type $find) (i32.const 4100) (i32.const 200) (i32.const 123) (i32.const 246) (i32.const 0))
                (i32.const 369))
      (then (call $print (i32.const 64) (i32.const 9))))
    ;; 100 records whose last field ends at the last byte of memory: p + 12 *
    ;; 99 + 8 = 65536; nothing matches (memory there is zero; x = 1).
    (if (i32.eq (call_indirect (type $find) (i32.const 64340) (i32.const 100) (i32.const 1) (i32.const 0) (i32.const 0))
                (i32.const -1))
      (then (call $print (i32.const 73) (i32.const 8))))
    ;; With an argument (argv[1]): p = 0, the first field's address wraps
    ;; to 2^32 - 4, out of bounds.
    (call $get-arguments (i32.const 16))
    (if (i32.gt_u (i32.load (i32.const 20)) (i32.const 1))
      (then (drop (call_indirect (type $find) (i32.const 0) (i32.const 10) (i32.const 1) (i32.const 0) (i32.const 0)))
            (call $print (i32.const 81) (i32.const 6))))
    ;; One record further: its last field is past the end.
    (drop (call_indirect (type $find) (i32.const 64340) (i32.const 101) (i32.const 1) (i32.const 0) (i32.const 0)))
    (call $print (i32.const 81) (i32.const 6))
    (i32.const 0)))
