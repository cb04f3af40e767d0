;; wasi:sockets/ip-name-lookup through DNS: the names given as arguments are
;; looked up while test/tools/fake-dns.py answers as the nameserver of the
;; resolv.conf it writes (WACC_RESOLV_CONF). Each lookup prints
;; "<name>: ok" per call and the addresses, or the error-code.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t --inherit-network
;; RUN: %python %S/../tools/fake-dns.py --search example.test --options "timeout:1 attempts:1" -- \
;; RUN:   %t a.test multi.test alias.test chain.test v6only.test nx.test noaddr.test big.test short \
;; RUN:   spoof.test MiXeD.TeSt. fail.test refused.test noquestion.test slow.test | %FileCheck %s
;; The server on [::1], after one where nothing listens: the resolver goes
;; on to it (UDP, and TCP for big.test).
;; RUN: %python %S/../tools/fake-dns.py --ipv6 --dead-first -- %t multi.test big.test \
;; RUN:   | %FileCheck %s --check-prefix=FAILOVER
;; $LOCALDOMAIN is the search list, as for glibc.
;; RUN: env LOCALDOMAIN=example.test %python %S/../tools/fake-dns.py -- %t short \
;; RUN:   | %FileCheck %s --check-prefix=LOCALDOMAIN
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.arm --inherit-network
;; RUN: %if qemu-aarch64 %{ %python %S/../tools/fake-dns.py --search example.test --options "timeout:1 attempts:1" -- \
;; RUN:   %run-aarch64 %t.arm a.test multi.test alias.test chain.test v6only.test nx.test noaddr.test big.test short \
;; RUN:   spoof.test MiXeD.TeSt. fail.test refused.test noquestion.test slow.test | %FileCheck %s %}
;;
;; An unrelated record beside a.test's (other.test 6.6.6.8) is not taken.
;; CHECK:      a.test: ok
;; CHECK-NEXT: a.test: ok
;; CHECK-NEXT:   ipv4 10.1.2.3
;; CHECK-NEXT: a.test: ok
;; A and AAAA, in that order.
;; CHECK-NEXT: multi.test: ok
;; CHECK-NEXT: multi.test: ok
;; CHECK-NEXT:   ipv4 10.0.0.1
;; CHECK-NEXT: multi.test: ok
;; CHECK-NEXT:   ipv4 10.0.0.2
;; CHECK-NEXT: multi.test: ok
;; CHECK-NEXT:   ipv6 8193:3512:0:0:0:0:0:1
;; CHECK-NEXT: multi.test: ok
;; CNAME chains, records in any order (the server puts the A record first).
;; CHECK-NEXT: alias.test: ok
;; CHECK-NEXT: alias.test: ok
;; CHECK-NEXT:   ipv4 10.1.2.3
;; CHECK-NEXT: alias.test: ok
;; CHECK-NEXT: chain.test: ok
;; CHECK-NEXT: chain.test: ok
;; CHECK-NEXT:   ipv4 10.1.2.3
;; CHECK-NEXT: chain.test: ok
;; CHECK-NEXT: v6only.test: ok
;; CHECK-NEXT: v6only.test: ok
;; CHECK-NEXT:   ipv6 8193:3512:0:0:0:0:0:2
;; CHECK-NEXT: v6only.test: ok
;; NXDOMAIN (after the search domain too), and a name with no A or AAAA.
;; CHECK-NEXT: nx.test: ok
;; CHECK-NEXT: nx.test: name-unresolvable
;; CHECK-NEXT: noaddr.test: ok
;; CHECK-NEXT: noaddr.test: name-unresolvable
;; Truncated over UDP: asked again over TCP, which gives all 20.
;; CHECK-NEXT: big.test: ok
;; CHECK-NEXT: big.test: ok
;; CHECK-NEXT:   ipv4 10.20.0.1
;; CHECK-COUNT-18: ipv4 10.20.0.
;; CHECK-NEXT: big.test: ok
;; CHECK-NEXT:   ipv4 10.20.0.20
;; CHECK-NEXT: big.test: ok
;; No dot: the search domain first (short.example.test).
;; CHECK-NEXT: short: ok
;; CHECK-NEXT: short: ok
;; CHECK-NEXT:   ipv4 10.9.9.9
;; CHECK-NEXT: short: ok
;; A reply with another id and one for another question come first: ignored.
;; CHECK-NEXT: spoof.test: ok
;; CHECK-NEXT: spoof.test: ok
;; CHECK-NEXT:   ipv4 10.7.7.7
;; CHECK-NEXT: spoof.test: ok
;; Case does not matter; a final dot makes the name absolute.
;; CHECK-NEXT: MiXeD.TeSt.: ok
;; CHECK-NEXT: MiXeD.TeSt.: ok
;; CHECK-NEXT:   ipv4 10.3.3.3
;; CHECK-NEXT: MiXeD.TeSt.: ok
;; SERVFAIL, REFUSED (with the question or without), and no answer within
;; `timeout:1`.
;; CHECK-NEXT: fail.test: ok
;; CHECK-NEXT: fail.test: temporary-resolver-failure
;; CHECK-NEXT: refused.test: ok
;; CHECK-NEXT: refused.test: permanent-resolver-failure
;; CHECK-NEXT: noquestion.test: ok
;; CHECK-NEXT: noquestion.test: permanent-resolver-failure
;; CHECK-NEXT: slow.test: ok
;; CHECK-NEXT: slow.test: temporary-resolver-failure
;; CHECK-NOT: {{.}}
;;
;; FAILOVER:      multi.test: ok
;; FAILOVER-NEXT: multi.test: ok
;; FAILOVER-NEXT:   ipv4 10.0.0.1
;; FAILOVER:        ipv6 8193:3512:0:0:0:0:0:1
;; FAILOVER:        ipv4 10.20.0.20
;; LOCALDOMAIN:      short: ok
;; LOCALDOMAIN-NEXT: short: ok
;; LOCALDOMAIN-NEXT:   ipv4 10.9.9.9
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:sockets/instance-network@@VERSION@" "instance-network" (func $instance-network (result i32)))
  (import "wasi:sockets/ip-name-lookup@@VERSION@" "resolve-addresses" (func $resolve (param i32 i32 i32 i32)))
  (import "wasi:sockets/ip-name-lookup@@VERSION@" "[method]resolve-address-stream.resolve-next-address" (func $next (param i32 i32)))
  (import "wasi:sockets/ip-name-lookup@@VERSION@" "[resource-drop]resolve-address-stream" (func $drop-stream (param i32)))
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 65536))
  ;; error-code names, 32 bytes each, NUL padded.
  (data (i32.const 8192) "unknown\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00access-denied\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00not-supported\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00invalid-argument\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00out-of-memory\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00timeout\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00concurrency-conflict\00\00\00\00\00\00\00\00\00\00\00\00not-in-progress\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00would-block\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00invalid-state\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00new-socket-limit\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00address-not-bindable\00\00\00\00\00\00\00\00\00\00\00\00address-in-use\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00remote-unreachable\00\00\00\00\00\00\00\00\00\00\00\00\00\00connection-refused\00\00\00\00\00\00\00\00\00\00\00\00\00\00connection-reset\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00connection-aborted\00\00\00\00\00\00\00\00\00\00\00\00\00\00datagram-too-large\00\00\00\00\00\00\00\00\00\00\00\00\00\00name-unresolvable\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00temporary-resolver-failure\00\00\00\00\00\00permanent-resolver-failure\00\00\00\00\00\00")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $result i32)
    (local.set $result (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (global.set $heap (i32.add (local.get $result) (local.get 3)))
    (local.get $result))
  ;; Scratch for text at 7000..7100; return areas from 1024 on.
  (func $print (param $ptr i32) (param $len i32)
    (call $write (call $stdout) (local.get $ptr) (local.get $len) (i32.const 7200)))
  (func $text (param $ptr i32) (result i32)  ;; length of a NUL-terminated string
    (local $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $ptr) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))
  (func $say (param $ptr i32) (call $print (local.get $ptr) (call $text (local.get $ptr))))
  (func $newline (i32.store8 (i32.const 7000) (i32.const 10)) (call $print (i32.const 7000) (i32.const 1)))
  (func $number (param $n i32)  ;; decimal, no newline
    (local $at i32)
    (local.set $at (i32.const 7100))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $print (local.get $at) (i32.sub (i32.const 7100) (local.get $at))))
  (func $error-name (param $code i32) (call $say (i32.add (i32.const 8192) (i32.shl (local.get $code) (i32.const 5)))))
  ;; Prints "<label>: ok" or "<label>: <error-code>" for a result at $ret whose
  ;; error-code sits at $ret+$offset; returns 1 when ok.
  (func $report (param $label i32) (param $ret i32) (param $offset i32) (result i32)
    (call $say (local.get $label))
    (i32.store16 (i32.const 7000) (i32.const 0x203a))
    (call $print (i32.const 7000) (i32.const 2))
    (if (result i32) (i32.eqz (i32.load8_u (local.get $ret)))
      (then (i32.store16 (i32.const 7000) (i32.const 0x6b6f)) (call $print (i32.const 7000) (i32.const 2))
            (call $newline) (i32.const 1))
      (else (call $error-name (i32.load8_u (i32.add (local.get $ret) (local.get $offset))))
            (call $newline) (i32.const 0))))
  ;; Like $report, but a failure ends the run (unreachable).
  (func $must (param $label i32) (param $ret i32) (param $offset i32)
    (if (i32.eqz (call $report (local.get $label) (local.get $ret) (local.get $offset)))
      (then unreachable)))
  (data (i32.const 100) "  \00")
  (data (i32.const 103) "ipv4 \00")
  (data (i32.const 109) ".\00")
  (data (i32.const 111) "ipv6 \00")
  (data (i32.const 117) ":\00")

  ;; Resolves the name at $name (copied NUL-terminated to 4096) and prints
  ;; every address, one a line.
  (func $lookup (param $ptr i32) (param $len i32)
    (local $name i32) (local $stream i32) (local $i i32)
    (local.set $name (i32.const 4096))
    (memory.copy (local.get $name) (local.get $ptr) (local.get $len))
    (i32.store8 (i32.add (local.get $name) (local.get $len)) (i32.const 0))
    (call $resolve (global.get $net) (local.get $name) (local.get $len) (i32.const 1024))
    (if (i32.eqz (call $report (local.get $name) (i32.const 1024) (i32.const 4))) (then (return)))
    (local.set $stream (i32.load (i32.const 1028)))
    (block $done (loop $more
      ;; result disc @0, option disc or error @2, ip disc @4, payload @6
      (call $next (local.get $stream) (i32.const 1040))
      (br_if $done (i32.eqz (call $report (local.get $name) (i32.const 1040) (i32.const 2))))
      (br_if $done (i32.eqz (i32.load8_u (i32.const 1042))))
      (call $say (i32.const 100))
      (if (i32.eqz (i32.load8_u (i32.const 1044)))
        (then
          (call $say (i32.const 103))
          (local.set $i (i32.const 0))
          (loop $octet
            (if (local.get $i) (then (call $say (i32.const 109))))
            (call $number (i32.load8_u (i32.add (i32.const 1046) (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $octet (i32.lt_u (local.get $i) (i32.const 4)))))
        (else
          (call $say (i32.const 111))
          (local.set $i (i32.const 0))
          (loop $segment
            (if (local.get $i) (then (call $say (i32.const 117))))
            (call $number (i32.load16_u (i32.add (i32.const 1046) (i32.shl (local.get $i) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $segment (i32.lt_u (local.get $i) (i32.const 8))))))
      (call $newline)
      (br $more)))
    (call $drop-stream (local.get $stream)))
  (global $net (mut i32) (i32.const 0))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $list i32) (local $count i32) (local $i i32)
    (global.set $net (call $instance-network))
    ;; Every argument after argv[0] is a name.
    (call $get-arguments (i32.const 2048))
    (local.set $list (i32.load (i32.const 2048)))
    (local.set $count (i32.load (i32.const 2052)))
    (local.set $i (i32.const 1))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
      (call $lookup (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3))))
                    (i32.load offset=4 (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.const 0)))
