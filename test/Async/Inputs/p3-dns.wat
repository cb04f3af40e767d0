;; wasi:sockets/ip-name-lookup 0.3 by name, against test/tools/fake-dns.py:
;; resolve-addresses("multi.test") gives ipv4 10.0.0.1, 10.0.0.2 and ipv6
;; 2001:db8::1, in that order; "nx.test" fails with name-unresolvable,
;; "fail.test" (SERVFAIL) with temporary-resolver-failure and
;; "refused.test" (REFUSED) with permanent-resolver-failure. The outcome is
;; the exit code: 0 all well, else the number of the step that went wrong.
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
  ;; The list (or other's string) lands at 1024: one per call here.
  (core module $memory-holder (memory (export "m") 1)
    (data (i32.const 96) "multi.test") (data (i32.const 112) "nx.test")
    (data (i32.const 128) "fail.test") (data (i32.const 144) "refused.test")
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024)))
  (core instance $mem (instantiate $memory-holder))
  (alias core export $mem "m" (core memory $m))
  (alias core export $mem "realloc" (core func $realloc))
  (core func $resolve (canon lower (func $lookup "resolve-addresses") (memory $m) (realloc $realloc)))
  (core func $exit-with-code (canon lower (func $exit "exit-with-code")))
  (core module $main
    (import "" "memory" (memory 1))
    (import "" "resolve" (func $resolve (param i32 i32 i32)))
    (import "" "exit-with-code" (func $exit (param i32)))
    ;; result<list<ip-address>, error-code> at 0: the error case at 4 must be $case.
    (func $fails (param $name i32) (param $length i32) (param $case i32) (param $step i32)
      (call $resolve (local.get $name) (local.get $length) (i32.const 0))
      (if (i32.eqz (i32.load8_u (i32.const 0))) (then (call $exit (local.get $step))))
      (if (i32.ne (i32.load8_u (i32.const 4)) (local.get $case)) (then (call $exit (local.get $step)))))
    (func (export "run") (result i32)
      (local $list i32)
      ;; ok: the list (pointer at 4, length at 8) of 18-byte ip-addresses
      (call $resolve (i32.const 96) (i32.const 10) (i32.const 0))
      (if (i32.load8_u (i32.const 0)) (then (call $exit (i32.const 1))))
      (if (i32.ne (i32.load (i32.const 8)) (i32.const 3)) (then (call $exit (i32.const 1))))
      (local.set $list (i32.load (i32.const 4)))
      (if (i32.load8_u (local.get $list)) (then (call $exit (i32.const 1))))
      (if (i32.ne (i32.load offset=2 (local.get $list)) (i32.const 0x0100000a)) (then (call $exit (i32.const 1))))
      (if (i32.ne (i32.load offset=20 (local.get $list)) (i32.const 0x0200000a)) (then (call $exit (i32.const 1))))
      (if (i32.ne (i32.load8_u offset=36 (local.get $list)) (i32.const 1)) (then (call $exit (i32.const 1))))
      (if (i32.ne (i32.load16_u offset=38 (local.get $list)) (i32.const 0x2001)) (then (call $exit (i32.const 1))))
      (if (i32.ne (i32.load16_u offset=40 (local.get $list)) (i32.const 0x0db8)) (then (call $exit (i32.const 1))))
      (if (i32.ne (i32.load16_u offset=52 (local.get $list)) (i32.const 1)) (then (call $exit (i32.const 1))))
      (call $fails (i32.const 112) (i32.const 7) (i32.const 2) (i32.const 2))
      (call $fails (i32.const 128) (i32.const 9) (i32.const 3) (i32.const 3))
      (call $fails (i32.const 144) (i32.const 12) (i32.const 4) (i32.const 4))
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
