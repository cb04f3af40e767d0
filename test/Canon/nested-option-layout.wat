;; A lifted function whose parameter is an option nested 40 deep, lowered by
;; the root component, so its fused adapter needs the type's memory layout
;; (41 flat values: spilled to memory). LayoutOf asked for each case's layout
;; three times, so this took 3^40 steps (wacc-fuzz-component: a 640-byte
;; input that hung the compiler); now it compiles at once and runs: the callee
;; answers 1 when its argument arrived as some(some(none)), and `run` returns
;; ok (exit status 0) only then.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: timeout 60 %wacc %t.wasm -o %t
;; RUN: %t
(component
  (component $lib
    (type $o0 (option u8))
    (type $o1 (option $o0))
    (type $o2 (option $o1))
    (type $o3 (option $o2))
    (type $o4 (option $o3))
    (type $o5 (option $o4))
    (type $o6 (option $o5))
    (type $o7 (option $o6))
    (type $o8 (option $o7))
    (type $o9 (option $o8))
    (type $o10 (option $o9))
    (type $o11 (option $o10))
    (type $o12 (option $o11))
    (type $o13 (option $o12))
    (type $o14 (option $o13))
    (type $o15 (option $o14))
    (type $o16 (option $o15))
    (type $o17 (option $o16))
    (type $o18 (option $o17))
    (type $o19 (option $o18))
    (type $o20 (option $o19))
    (type $o21 (option $o20))
    (type $o22 (option $o21))
    (type $o23 (option $o22))
    (type $o24 (option $o23))
    (type $o25 (option $o24))
    (type $o26 (option $o25))
    (type $o27 (option $o26))
    (type $o28 (option $o27))
    (type $o29 (option $o28))
    (type $o30 (option $o29))
    (type $o31 (option $o30))
    (type $o32 (option $o31))
    (type $o33 (option $o32))
    (type $o34 (option $o33))
    (type $o35 (option $o34))
    (type $o36 (option $o35))
    (type $o37 (option $o36))
    (type $o38 (option $o37))
    (type $o39 (option $o38))
    (core module $m
      (memory (export "memory") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 256))
      (func (export "f") (param $p i32) (result i32)
        (i32.and (i32.and (i32.eq (i32.load8_u (local.get $p)) (i32.const 1))
                          (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.const 1)))
                 (i32.eqz (i32.load8_u offset=2 (local.get $p))))))
    (core instance $i (instantiate $m))
    (func (export "f") (param "x" $o39) (result u32)
      (canon lift (core func $i "f") (memory (core memory $i "memory")) (realloc (core func $i "realloc")))))
  (instance $lib (instantiate $lib))
  (alias export $lib "f" (func $f))

  ;; The caller passes some(some(none)) from its memory.
  (core module $memory (memory (export "memory") 1))
  (core instance $caller-memory (instantiate $memory))
  (core func $f-lowered (canon lower (func $f) (memory (core memory $caller-memory "memory"))))
  (core module $main
    (import "lib" "f" (func $f (param i32) (result i32)))
    (import "lib" "memory" (memory 1))
    (data (i32.const 8) "\01\01\00")
    (func (export "run") (result i32)
      (i32.eqz (call $f (i32.const 8)))))
  (core instance $main (instantiate $main (with "lib" (instance
    (export "f" (func $f-lowered))
    (export "memory" (memory $caller-memory "memory"))))))
  (func $run (result (result)) (canon lift (core func $main "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
