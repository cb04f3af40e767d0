;; A lifted string or list is at most 2^28-1 bytes (CanonicalABI.md,
;; MAX_STRING_BYTE_LENGTH and MAX_LIST_BYTE_LENGTH), checked before its range:
;; a 2^28-byte value inside the callee's memory traps when the caller's
;; adapter lifts it, and one byte less crosses.
(component definition $T
  (component $A
    (core module $m
      (memory (export "mem") 4097)
      (func (export "get") (param $n i32) (result i32)
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (local.get $n))
        (i32.const 0)))
    (core instance $i (instantiate $m))
    (func (export "get-string") (param "n" u32) (result string)
      (canon lift (core func $i "get") (memory (core memory $i "mem"))))
    (func (export "get-list") (param "n" u32) (result (list u8))
      (canon lift (core func $i "get") (memory (core memory $i "mem")))))
  (instance $a (instantiate $A))
  (core module $libc
    (memory (export "mem") 4097)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64)))
  (core instance $libc (instantiate $libc))
  (core func $get-string (canon lower (func $a "get-string")
    (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
  (core func $get-list (canon lower (func $a "get-list")
    (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
  (core module $b
    (import "" "get-string" (func $get-string (param i32 i32)))
    (import "" "get-list" (func $get-list (param i32 i32)))
    (import "" "mem" (memory 1))
    (func (export "string-length") (param $n i32) (result i32)
      (call $get-string (local.get $n) (i32.const 8))
      (i32.load (i32.const 12)))
    (func (export "list-length") (param $n i32) (result i32)
      (call $get-list (local.get $n) (i32.const 8))
      (i32.load (i32.const 12))))
  (core instance $b (instantiate $b (with "" (instance
    (export "get-string" (func $get-string)) (export "get-list" (func $get-list))
    (export "mem" (memory $libc "mem"))))))
  (func (export "string-length") (param "n" u32) (result u32) (canon lift (core func $b "string-length")))
  (func (export "list-length") (param "n" u32) (result u32) (canon lift (core func $b "list-length"))))

(component instance $t $T)
(assert_return (invoke "string-length" (u32.const 3)) (u32.const 3))
(assert_return (invoke "list-length" (u32.const 0x0fff_ffff)) (u32.const 0x0fff_ffff))
(assert_trap (invoke "list-length" (u32.const 0x1000_0000)) "out of bounds")
;; A trap leaves the instance unusable: a fresh one.
(component instance $u $T)
(assert_trap (invoke "string-length" (u32.const 0x1000_0000)) "out of bounds")
