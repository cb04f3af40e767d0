;; Traps of the stream/future built-ins (CanonicalABI.md): a component
;; meeting its own pending copy over elements that are not numbers, a
;; future's writable end dropped before its value was written, and a copy
;; longer than Buffer.MAX_LENGTH (checked before the buffer's bounds).
(component
  (core module $Memory
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1000)))
  (core instance $memory (instantiate $Memory))
  (alias core export $memory "mem" (core memory $mem))
  (alias core export $memory "realloc" (core func $realloc))
  (type $ST (stream string))
  (canon stream.new $ST (core func $new))
  (canon stream.read $ST async (memory $mem) (realloc $realloc) (core func $read))
  (canon stream.write $ST async (memory $mem) (core func $write))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "new" (func $new (result i64)))
    (import "" "read" (func $read (param i32 i32 i32) (result i32)))
    (import "" "write" (func $write (param i32 i32 i32) (result i32)))
    (func (export "run")
      (local $ends i64)
      (local.set $ends (call $new))
      (if (i32.ne (call $write (i32.wrap_i64 (i64.shr_u (local.get $ends) (i64.const 32))) (i32.const 0) (i32.const 1))
                  (i32.const -1)) (then unreachable))
      (drop (call $read (i32.wrap_i64 (local.get $ends)) (i32.const 16) (i32.const 1)))))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $mem)) (export "new" (func $new))
    (export "read" (func $read)) (export "write" (func $write))))))
  (func (export "run") (canon lift (core func $m "run"))))
(assert_trap (invoke "run") "cannot read from and write to intra-component future/stream with non-numeric payload")

(component
  (type $FT (future u32))
  (canon future.new $FT (core func $new))
  (canon future.drop-writable $FT (core func $drop-writable))
  (core module $M
    (import "" "new" (func $new (result i64)))
    (import "" "drop-writable" (func $drop-writable (param i32)))
    (func (export "run")
      (call $drop-writable (i32.wrap_i64 (i64.shr_u (call $new) (i64.const 32))))))
  (core instance $m (instantiate $M (with "" (instance
    (export "new" (func $new)) (export "drop-writable" (func $drop-writable))))))
  (func (export "run") (canon lift (core func $m "run"))))
(assert_trap (invoke "run") "cannot drop future write end without first writing a value")

(component
  (core module $Memory (memory (export "mem") 1))
  (core instance $memory (instantiate $Memory))
  (alias core export $memory "mem" (core memory $mem))
  (type $ST (stream u8))
  (canon stream.new $ST (core func $new))
  (canon stream.read $ST async (memory $mem) (core func $read))
  (core module $M
    (import "" "new" (func $new (result i64)))
    (import "" "read" (func $read (param i32 i32 i32) (result i32)))
    (func (export "run") (param $n i32) (result i32)
      (call $read (i32.wrap_i64 (call $new)) (i32.const 0) (local.get $n))))
  (core instance $m (instantiate $M (with "" (instance
    (export "new" (func $new)) (export "read" (func $read))))))
  (func (export "run") (param "n" u32) (result u32) (canon lift (core func $m "run"))))
(assert_return (invoke "run" (u32.const 0)) (u32.const 0xffffffff))
(assert_trap (invoke "run" (u32.const 0x10000000)) "stream read/write count too large")

;; stream<u8> copies within one component over overlapping buffers move as
;; the ABI's load-then-store does (memmove), and a zero-length write meeting
;; a pending zero-length read completes at once, leaving the read pending.
(component
  (core module $Memory (memory (export "mem") 1))
  (core instance $memory (instantiate $Memory))
  (alias core export $memory "mem" (core memory $mem))
  (type $ST (stream u8))
  (canon stream.new $ST (core func $new))
  (canon stream.read $ST async (memory $mem) (core func $read))
  (canon stream.write $ST async (memory $mem) (core func $write))
  (core module $M
    (import "" "mem" (memory 1))
    (import "" "new" (func $new (result i64)))
    (import "" "read" (func $read (param i32 i32 i32) (result i32)))
    (import "" "write" (func $write (param i32 i32 i32) (result i32)))
    (func (export "overlap") (result i64)
      (local $ends i64)
      (local.set $ends (call $new))
      (i64.store (i32.const 16) (i64.const 0x0807060504030201))
      (if (i32.ne (call $read (i32.wrap_i64 (local.get $ends)) (i32.const 19) (i32.const 8)) (i32.const -1))
        (then unreachable))
      (if (i32.ne (call $write (i32.wrap_i64 (i64.shr_u (local.get $ends) (i64.const 32))) (i32.const 16) (i32.const 8))
                  (i32.const 0x80)) (then unreachable))
      (i64.load (i32.const 19)))
    (func (export "zero-zero") (result i32)
      (local $ends i64)
      (local.set $ends (call $new))
      (if (i32.ne (call $read (i32.wrap_i64 (local.get $ends)) (i32.const 0) (i32.const 0)) (i32.const -1))
        (then unreachable))
      (call $write (i32.wrap_i64 (i64.shr_u (local.get $ends) (i64.const 32))) (i32.const 0) (i32.const 0))))
  (core instance $m (instantiate $M (with "" (instance
    (export "mem" (memory $mem)) (export "new" (func $new))
    (export "read" (func $read)) (export "write" (func $write))))))
  (func (export "overlap") (result u64) (canon lift (core func $m "overlap")))
  (func (export "zero-zero") (result u32) (canon lift (core func $m "zero-zero"))))
(assert_return (invoke "overlap") (u64.const 0x0807060504030201))
(assert_return (invoke "zero-zero") (u32.const 0))
