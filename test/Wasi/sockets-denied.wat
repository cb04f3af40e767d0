;; Without --inherit-network nothing reaches the network: instance-network
;; and creating sockets work, but binding, connecting and name lookup fail
;; with access-denied (listening needs a bound socket: invalid-state).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t
;; RUN: %t | %FileCheck %s
;; With the grant the same calls get past the check.
;; RUN: %wacc %t.wasm -o %t.granted --inherit-network
;; RUN: %t.granted | %FileCheck %s --check-prefix=GRANTED
;; CHECK: create-tcp-socket: ok
;; CHECK-NEXT: tcp start-bind: access-denied
;; CHECK-NEXT: tcp start-listen: invalid-state
;; CHECK-NEXT: tcp start-connect: access-denied
;; CHECK-NEXT: create-udp-socket: ok
;; CHECK-NEXT: udp start-bind [::1]:0: access-denied
;; CHECK-NEXT: resolve-addresses: access-denied
;; GRANTED: tcp start-bind: ok
;; GRANTED: udp start-bind [::1]:0: {{ok|address-not-bindable}}
;; GRANTED: resolve-addresses: ok
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:sockets/instance-network@@VERSION@" "instance-network" (func $instance-network (result i32)))
  (import "wasi:sockets/tcp-create-socket@@VERSION@" "create-tcp-socket" (func $create-tcp (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.start-bind" (func $tcp-start-bind (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.start-connect" (func $tcp-start-connect (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.start-listen" (func $tcp-start-listen (param i32 i32)))
  (import "wasi:sockets/udp-create-socket@@VERSION@" "create-udp-socket" (func $create-udp (param i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]udp-socket.start-bind" (func $udp-start-bind (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/ip-name-lookup@@VERSION@" "resolve-addresses" (func $resolve (param i32 i32 i32 i32)))
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
  (data (i32.const 100) "create-tcp-socket\00")
  (data (i32.const 118) "tcp start-bind\00")
  (data (i32.const 133) "tcp start-listen\00")
  (data (i32.const 150) "tcp start-connect\00")
  (data (i32.const 168) "create-udp-socket\00")
  (data (i32.const 186) "udp start-bind [::1]:0\00")
  (data (i32.const 209) "localhost\00")
  (data (i32.const 219) "resolve-addresses\00")

  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $net i32) (local $tcp i32) (local $udp i32)
    (local.set $net (call $instance-network))
    (call $create-tcp (i32.const 0) (i32.const 1024))
    (call $must (i32.const 100) (i32.const 1024) (i32.const 4))
    (local.set $tcp (i32.load (i32.const 1028)))
    (call $tcp-start-bind (local.get $tcp) (local.get $net) (i32.const 0) (i32.const 0) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1032))
    (drop (call $report (i32.const 118) (i32.const 1032) (i32.const 1)))
    (call $tcp-start-listen (local.get $tcp) (i32.const 1032))
    (drop (call $report (i32.const 133) (i32.const 1032) (i32.const 1)))
    (call $tcp-start-connect (local.get $tcp) (local.get $net) (i32.const 0) (i32.const 9) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1032))
    (drop (call $report (i32.const 150) (i32.const 1032) (i32.const 1)))
    (call $create-udp (i32.const 1) (i32.const 1024))
    (call $must (i32.const 168) (i32.const 1024) (i32.const 4))
    (local.set $udp (i32.load (i32.const 1028)))
    (call $udp-start-bind (local.get $udp) (local.get $net)
      (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1032))
    (drop (call $report (i32.const 186) (i32.const 1032) (i32.const 1)))
    (call $resolve (local.get $net) (i32.const 209) (i32.const 9) (i32.const 1024))
    (drop (call $report (i32.const 219) (i32.const 1024) (i32.const 4)))
    (i32.const 0)))
