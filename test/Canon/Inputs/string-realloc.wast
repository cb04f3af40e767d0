;; The realloc calls of a string lowered into another encoding: the worst
;; case first, then a shrink (CanonicalABI.md store_string). Each callee's
;; realloc records its calls in memory and checks them; the callee returns
;; the log so the assertion sees the sequence.

;; The callee `g(s: string) -> u32` `g(s: string) -> u32` whose realloc keeps
;; (old_size, new_size) pairs at 0x100.. and returns 0x200 + 8*call, and
;; whose body returns the number of calls * 1000 + the log's checksum.
(component
  (component $Callee
    (core module $m
      (memory (export "memory") 1)
      (global $n (mut i32) (i32.const 0))
      (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
        (if (i32.ne (local.get $align) (i32.const 2)) (then unreachable))
        (i32.store (i32.add (i32.const 0x100) (i32.mul (global.get $n) (i32.const 8))) (local.get $old_size))
        (i32.store (i32.add (i32.const 0x104) (i32.mul (global.get $n) (i32.const 8))) (local.get $new_size))
        (global.set $n (i32.add (global.get $n) (i32.const 1)))
        (i32.add (i32.const 0x200) (i32.mul (global.get $n) (i32.const 8))))
      ;; calls * 10000 + old1 * 1000 + new1 * 100 + old2 * 10 + new2 (of the
      ;; first two calls; small sizes only)
      (func (export "g") (param i32 i32) (result i32)
        (i32.add (i32.mul (global.get $n) (i32.const 10000))
          (i32.add (i32.mul (i32.load (i32.const 0x100)) (i32.const 1000))
            (i32.add (i32.mul (i32.load (i32.const 0x104)) (i32.const 100))
              (i32.add (i32.mul (i32.load (i32.const 0x108)) (i32.const 10))
                (i32.load (i32.const 0x10c))))))))
    (core instance $m (instantiate $m))
    (func (export "g16") (param "s" string) (result u32)
      (canon lift (core func $m "g") (memory (core memory $m "memory")) (realloc (core func $m "realloc"))
        string-encoding=utf16))
    (func (export "gl1") (param "s" string) (result u32)
      (canon lift (core func $m "g") (memory (core memory $m "memory")) (realloc (core func $m "realloc"))
        string-encoding=latin1+utf16)))
  (component $caller
    (import "g16" (func $g16 (param "s" string) (result u32)))
    (import "gl1" (func $gl1 (param "s" string) (result u32)))
    (core module $libc
      (memory (export "memory") 1)
      ;; 0: "é" (2 bytes, 1 UTF-16 unit); 8: "aé" (3 bytes: é is 2 in UTF-8, 1 in Latin-1)
      (data (i32.const 0) "\c3\a9")
      (data (i32.const 8) "a\c3\a9"))
    (core instance $libc (instantiate $libc))
    (core func $g16 (canon lower (func $g16) (memory (core memory $libc "memory"))))
    (core func $gl1 (canon lower (func $gl1) (memory (core memory $libc "memory"))))
    (core module $m
      (import "" "g16" (func $g16 (param i32 i32) (result i32)))
      (import "" "gl1" (func $gl1 (param i32 i32) (result i32)))
      (func (export "utf16") (result i32) (call $g16 (i32.const 0) (i32.const 2)))
      (func (export "latin1") (result i32) (call $gl1 (i32.const 8) (i32.const 3))))
    (core instance $m (instantiate $m (with "" (instance (export "g16" (func $g16)) (export "gl1" (func $gl1))))))
    (func (export "utf16") (result u32) (canon lift (core func $m "utf16")))
    (func (export "latin1") (result u32) (canon lift (core func $m "latin1"))))
  (instance $a (instantiate $Callee))
  (instance $b (instantiate $Callee))
  (instance $c1 (instantiate $caller (with "g16" (func $a "g16")) (with "gl1" (func $b "gl1"))))
  (export "utf16" (func $c1 "utf16"))
  (export "latin1" (func $c1 "latin1")))

;; "é" into UTF-16: 4 bytes worst case for 2 UTF-8 bytes, shrunk to the 2
;; of its one unit: realloc(0, 0, 2, 4), realloc(p, 4, 2, 2).
(assert_return (invoke "utf16") (u32.const 20442))
;; "aé" into latin1+utf16: the source's 3 bytes, shrunk to the 2 Latin-1 ones.
(assert_return (invoke "latin1") (u32.const 20332))
