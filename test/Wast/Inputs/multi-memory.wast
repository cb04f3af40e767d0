;; A component whose core modules have two memories each: the canonical
;; ABI's `memory` option names the second one, and a second module imports
;; both memories of the first.
(component
  (core module $a
    (memory $m0 (export "m0") 1)
    (memory $m1 (export "m1") 1)
    (global $top (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $top))
      (global.set $top (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store $m1 (i32.const 0) (local.get 0))
      (i32.store $m1 (i32.const 4) (local.get 1))
      (i32.const 0))
    (func (export "m0-byte") (param i32) (result i32) (i32.load8_u $m0 (local.get 0))))
  (core instance $i (instantiate $a))
  (core module $b
    (import "a" "m0" (memory 1))
    (import "a" "m1" (memory $shared 1))
    (func (export "word-at") (param i32) (result i32) (i32.load $shared (local.get 0)))
    (func (export "grow") (param i32) (result i32) (memory.grow $shared (local.get 0)))
    (func (export "size") (result i32) (memory.size $shared)))
  (core instance $j (instantiate $b (with "a" (instance $i))))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $i "m1")) (realloc (core func $i "realloc"))))
  (func (export "m0-byte") (param "a" u32) (result u8) (canon lift (core func $i "m0-byte")))
  (func (export "m1-word") (param "a" u32) (result u32) (canon lift (core func $j "word-at")))
  (func (export "grow") (param "pages" u32) (result s32) (canon lift (core func $j "grow")))
  (func (export "size") (result u32) (canon lift (core func $j "size"))))

(assert_return (invoke "echo" (str.const "hello, second memory")) (str.const "hello, second memory"))
;; The string went to 1024 in memory 1, which the other module reads; memory 0 is untouched.
(assert_return (invoke "m1-word" (u32.const 1024)) (u32.const 0x6c6c6568))
(assert_return (invoke "m0-byte" (u32.const 1024)) (u8.const 0))
;; Growing the imported memory grows the exporter's.
(assert_return (invoke "grow" (u32.const 2)) (s32.const 1))
(assert_return (invoke "size") (u32.const 3))
(assert_trap (invoke "m1-word" (u32.const 196606)) "out of bounds memory access")
