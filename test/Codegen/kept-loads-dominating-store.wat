;; A word stored back changed by a constant (`*p ^= 0x100`) keeps its load's
;; fake use, so that instruction selection cannot narrow it to the byte it
;; changes where the word ends past memory (kept-loads-stored-back.wat) --
;; unless a store of a constant at least as wide, to the same pointer, runs
;; before it on every path (compiler/codegen/KeptLoads.cpp, InBoundsBefore:
;; PCRE2's `workspace[0] = 0` before its loop's `workspace[0] ^= 1`). That
;; store faults unless the whole word is inside memory, and memory never
;; shrinks, so the narrowed access cannot fault differently: the load needs
;; no fake use and x86 selects `xorb $1, 1(p)`. A store on one path only, or
;; a narrower one (two bytes at the page's last two), proves nothing: those
;; loads keep their fake use and the word still traps.
;;
;; The case is the number of program arguments: 1 checks the values, 2 runs
;; the dominated store back at 65534 (its first store traps), 3 the store
;; back behind a store on one path not taken, 4 the one after a two-byte
;; store, both at 65534, where only the word's second byte is past memory.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc -O2 --emit=llvm %t.wasm -o %t.ll
;; RUN: %FileCheck %s --check-prefix=IR < %t.ll
;; RUN: %wacc -O2 --emit=asm %t.wasm -o %t.s
;; RUN: %FileCheck %s --check-prefix=ASM < %t.s
;; RUN: %wacc -O2 %t.wasm -o %t
;; RUN: %t > %t.out
;; RUN: %FileCheck %s --check-prefix=VALUES < %t.out
;; RUN: not %t 1 > %t.1 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.1
;; RUN: not %t 1 2 > %t.2 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.2
;; RUN: not %t 1 2 3 > %t.3 2>&1
;; RUN: %FileCheck %s --check-prefix=TRAP < %t.3
;; RUN: %if qemu-aarch64 %{ %wacc --target=aarch64-linux-gnu -O2 %t.wasm -o %t.aarch64 %}
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 > %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=VALUES < %t.aarch64.out %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 > %t.aarch64.2 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=TRAP < %t.aarch64.2 %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 1 2 3 > %t.aarch64.3 2>&1 %}
;; RUN: %if qemu-aarch64 %{ %FileCheck %s --check-prefix=TRAP < %t.aarch64.3 %}
;; VALUES: {{^}}words ok{{$}}
;; TRAP: before
;; TRAP-NEXT: wasm trap: out of bounds memory access
;; TRAP-NOT: after
;; IR-LABEL: define internal {{.*}}@i1.dominated(
;; IR-NOT: fake.use
;; IR: {{^}}}{{$}}
;; IR-LABEL: define internal {{.*}}@i1.one_path(
;; IR: [[V:%[0-9a-z.]+]] = load i32, ptr %{{[0-9]+}}, align 1
;; IR-NEXT: call void (...) @llvm.fake.use(i32 [[V]])
;; IR-LABEL: define internal {{.*}}@i1.narrower(
;; IR: [[W:%[0-9a-z.]+]] = load i32, ptr %{{[0-9]+}}, align 1
;; IR-NEXT: call void (...) @llvm.fake.use(i32 [[W]])
;; ASM-LABEL: {{^}}i1.dominated:
;; ASM: {{xorb[[:space:]]+\$1, 1\(}}
(module
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 16) "before\n")
  (data (i32.const 32) "after\n")
  (data (i32.const 48) "words ok\n")
  (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32)
    (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  ;; Called through an exported (so mutable) table: never inlined, and what
  ;; `$touch` may write (it writes 4000) keeps the stored zero from reaching
  ;; the load.
  (type $word (func (param i32 i32)))
  (table (export "cases") 4 funcref)
  (elem (i32.const 0) $touch $dominated $one_path $narrower)
  (func $touch (type $word) (param $p i32) (param $v i32)
    (i32.store (i32.const 4000) (local.get $v)))
  (func $dominated (type $word) (param $p i32) (param $v i32)
    (i32.store (local.get $p) (i32.const 0))
    (call_indirect (type $word) (local.get $p) (local.get $v) (i32.const 0))
    (i32.store (local.get $p) (i32.xor (i32.load (local.get $p)) (i32.const 0x100))))
  (func $one_path (type $word) (param $p i32) (param $v i32)
    (if (local.get $v) (then (i32.store (local.get $p) (i32.const 0))))
    (call_indirect (type $word) (local.get $p) (local.get $v) (i32.const 0))
    (i32.store (local.get $p) (i32.xor (i32.load (local.get $p)) (i32.const 0x100))))
  (func $narrower (type $word) (param $p i32) (param $v i32)
    (i32.store16 (local.get $p) (i32.const 0))
    (call_indirect (type $word) (local.get $p) (local.get $v) (i32.const 0))
    (i32.store (local.get $p) (i32.xor (i32.load (local.get $p)) (i32.const 0x100))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $case i32)
    (call $get-arguments (i32.const 0))
    (local.set $case (i32.load (i32.const 4)))
    (if (i32.eq (local.get $case) (i32.const 1))
      (then
        ;; 0xffffffff at 3072 and 3080 (one_path stores its zero), 0xffff0000
        ;; at 3088 (narrower clears the low half): each then has bit 8 flipped.
        (i32.store (i32.const 3072) (i32.const -1))
        (i32.store (i32.const 3080) (i32.const -1))
        (i32.store (i32.const 3088) (i32.const -1))
        (call_indirect (type $word) (i32.const 3072) (i32.const 7) (i32.const 1))
        (call_indirect (type $word) (i32.const 3080) (i32.const 7) (i32.const 2))
        (call_indirect (type $word) (i32.const 3088) (i32.const 7) (i32.const 3))
        (if (i32.and
              (i32.and (i32.eq (i32.load (i32.const 3072)) (i32.const 0x100))
                       (i32.eq (i32.load (i32.const 3080)) (i32.const 0x100)))
              (i32.and (i32.eq (i32.load (i32.const 3088)) (i32.const 0xffff0100))
                       (i32.eq (i32.load (i32.const 4000)) (i32.const 7))))
          (then (call $write (call $get-stdout) (i32.const 48) (i32.const 9) (i32.const 0))))
        (return (i32.const 0))))
    (call $write (call $get-stdout) (i32.const 16) (i32.const 7) (i32.const 0))
    ;; 2: $dominated, 3: $one_path with its store skipped, 4: $narrower.
    (call_indirect (type $word) (i32.const 0xfffe) (i32.const 0) (i32.sub (local.get $case) (i32.const 1)))
    (call $write (call $get-stdout) (i32.const 32) (i32.const 6) (i32.const 0))
    (i32.const 0)))
