;; 50,000 calls of an async host import whose argument the adapter lifts
;; into the scratch arena: a utf16 component passes a 4,000-unit name to
;; wasi:sockets/ip-name-lookup's resolve-addresses (no --inherit-network, so
;; each call fails at once with access-denied; the name is transcoded to
;; UTF-8 all the same). The arena's scope ends with each call, or 100,000
;; transcoded names (400 MB) pile up. Exit code 0: every call failed as
;; expected.
(component
  (type $lookup-type (instance
    (type $ip (variant (case "ipv4" (tuple u8 u8 u8 u8)) (case "ipv6" (tuple u16 u16 u16 u16 u16 u16 u16 u16))))
    (export "ip-address" (type $ipa (eq $ip)))
    (type $lec (variant (case "access-denied") (case "invalid-argument") (case "name-unresolvable")
      (case "temporary-resolver-failure") (case "permanent-resolver-failure") (case "other" (option string))))
    (export "error-code" (type $le (eq $lec)))
    (export "resolve-addresses" (func async (param "name" string) (result (result (list $ipa) (error $le)))))))
  (import "wasi:sockets/ip-name-lookup@0.3.0" (instance $lookup (type $lookup-type)))
  (type $exit-type (instance (export "exit-with-code" (func (param "status-code" u8)))))
  (import "wasi:cli/exit@0.3.0" (instance $exit (type $exit-type)))
  (core module $memory-holder (memory (export "m") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024)))
  (core instance $mem (instantiate $memory-holder))
  (alias core export $mem "m" (core memory $m))
  (alias core export $mem "realloc" (core func $realloc))
  (core func $resolve (canon lower (func $lookup "resolve-addresses") string-encoding=utf16 (memory $m) (realloc $realloc)))
  (core func $exit-with-code (canon lower (func $exit "exit-with-code")))
  (core module $main
    (import "" "memory" (memory 1))
    (import "" "resolve" (func $resolve (param i32 i32 i32)))
    (import "" "exit-with-code" (func $exit (param i32)))
    (func (export "run") (result i32)
      (local $i i32)
      ;; The name: 4,000 UTF-16 units of "a" at 8192.
      (loop $fill
        (i32.store16 offset=8192 (i32.shl (local.get $i) (i32.const 1)) (i32.const 0x61))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $fill (i32.lt_u (local.get $i) (i32.const 4000))))
      (local.set $i (i32.const 0))
      (loop $again
        (i32.store8 (i32.const 0) (i32.const 7))
        (call $resolve (i32.const 8192) (i32.const 4000) (i32.const 0))
        ;; err(access-denied)
        (if (i32.ne (i32.load8_u (i32.const 0)) (i32.const 1)) (then (call $exit (i32.const 1))))
        (if (i32.ne (i32.load8_u (i32.const 4)) (i32.const 0)) (then (call $exit (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $again (i32.lt_u (local.get $i) (i32.const 50000))))
      (call $exit (i32.const 0))
      unreachable))
  (core instance $i (instantiate $main (with "" (instance
    (export "memory" (memory $m)) (export "resolve" (func $resolve)) (export "exit-with-code" (func $exit-with-code))))))
  (core module $cb (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $cbi (instantiate $cb))
  (type $run-result (result))
  (type $run-type (func async (result $run-result)))
  (func $run (type $run-type) (canon lift (core func $i "run") async (callback (core func $cbi "cb"))))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.3.0" (instance $run-instance)))
