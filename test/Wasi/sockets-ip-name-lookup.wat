;; wasi:sockets/ip-name-lookup: numeric addresses resolve to themselves,
;; "localhost" through /etc/hosts (or the RFC 6761 fallback), unknown names
;; are name-unresolvable and malformed ones invalid-argument. Each lookup
;; prints "<name>: ok" per call, the address after it.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t --inherit-network
;; RUN: %t | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.arm --inherit-network
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.arm | %FileCheck %s %}
;; CHECK: 127.0.0.1: ok
;; CHECK-NEXT: 127.0.0.1: ok
;; CHECK-NEXT:   ipv4 127.0.0.1
;; CHECK-NEXT: 127.0.0.1: ok
;; CHECK-NEXT: localhost: ok
;; CHECK: ipv4 127.0.0.1
;; CHECK: [::1]: ok
;; CHECK-NEXT: [::1]: ok
;; CHECK-NEXT:   ipv6 0:0:0:0:0:0:0:1
;; CHECK-NEXT: [::1]: ok
;; CHECK-NEXT: ::ffff:10.1.2.3: ok
;; CHECK-NEXT: ::ffff:10.1.2.3: ok
;; CHECK-NEXT:   ipv6 0:0:0:0:0:65535:2561:515
;; CHECK-NEXT: ::ffff:10.1.2.3: ok
;; CHECK-NEXT: no-such-host.invalid: ok
;; CHECK-NEXT: no-such-host.invalid: name-unresolvable
;; CHECK-NEXT: bad name!: invalid-argument
;; CHECK-NEXT: 1.2.3: ok
;; CHECK-NEXT: 1.2.3: name-unresolvable
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
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
  (data (i32.const 119) "127.0.0.1\00")
  (data (i32.const 129) "localhost\00")
  (data (i32.const 139) "[::1]\00")
  (data (i32.const 145) "::ffff:10.1.2.3\00")
  (data (i32.const 161) "no-such-host.invalid\00")
  (data (i32.const 182) "bad name!\00")
  (data (i32.const 192) "1.2.3\00")

  ;; Resolves a NUL-terminated name and prints every address, one a line.
  (func $lookup (param $name i32)
    (local $stream i32) (local $i i32)
    (call $resolve (global.get $net) (local.get $name) (call $text (local.get $name)) (i32.const 1024))
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
    (global.set $net (call $instance-network))
    (call $lookup (i32.const 119))
    (call $lookup (i32.const 129))
    (call $lookup (i32.const 139))
    (call $lookup (i32.const 145))
    (call $lookup (i32.const 161))
    (call $lookup (i32.const 182))
    (call $lookup (i32.const 192))
    (i32.const 0)))
