;; wasi:sockets tcp on loopback within one component, with --inherit-network:
;; listen on 127.0.0.1:0, read the port back with local-address, connect,
;; accept, echo "ping", shut the client's sending side down. Also the state
;; machine's refusals (listen before bind, finish-bind before start-bind,
;; accept with nobody waiting, finish-connect twice).
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t --inherit-network
;; RUN: %t | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.arm --inherit-network
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.arm | %FileCheck %s %}
;; CHECK: create listener: ok
;; CHECK-NEXT: set-listen-backlog-size: ok
;; CHECK-NEXT: listen before bind: invalid-state
;; CHECK-NEXT: finish-bind before start-bind: not-in-progress
;; CHECK-NEXT: start-bind: ok
;; CHECK-NEXT: finish-bind: ok
;; CHECK-NEXT: start-listen: ok
;; CHECK-NEXT: finish-listen: ok
;; CHECK-NEXT: is-listening: 1
;; CHECK-NEXT: local-address: ok
;; CHECK-NEXT: family ipv4, 127.0.0.1, port nonzero: 1
;; CHECK-NEXT: accept early: would-block
;; CHECK-NEXT: create client: ok
;; CHECK-NEXT: set-keep-alive-enabled: ok
;; CHECK-NEXT: keep-alive-enabled: ok
;; CHECK-NEXT: keep-alive: 1
;; CHECK-NEXT: start-connect: ok
;; CHECK-NEXT: finish-connect: ok
;; CHECK-NEXT: finish-connect again: not-in-progress
;; CHECK-NEXT: remote-address: ok
;; CHECK-NEXT: peer port matches: 1
;; CHECK-NEXT: accept: ok
;; CHECK-NEXT: client write: ok
;; CHECK-NEXT: server read: ok
;; CHECK-NEXT: server echo: ok
;; CHECK-NEXT: client read: ok
;; CHECK-NEXT: echoed: ping
;; CHECK-NEXT: shutdown send: ok
;; CHECK-NEXT: server read after shutdown: disc 1 case 1
;; CHECK-NEXT: done
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:sockets/instance-network@@VERSION@" "instance-network" (func $instance-network (result i32)))
  (import "wasi:sockets/tcp-create-socket@@VERSION@" "create-tcp-socket" (func $create (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.start-bind"
    (func $start-bind (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.finish-bind" (func $finish-bind (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.start-listen" (func $start-listen (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.finish-listen" (func $finish-listen (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.local-address" (func $local-address (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.remote-address" (func $remote-address (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.start-connect"
    (func $start-connect (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.finish-connect" (func $finish-connect (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.accept" (func $accept (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.is-listening" (func $is-listening (param i32) (result i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.subscribe" (func $subscribe (param i32) (result i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.shutdown" (func $shutdown (param i32 i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.set-keep-alive-enabled" (func $set-keep-alive (param i32 i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.keep-alive-enabled" (func $keep-alive (param i32 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[method]tcp-socket.set-listen-backlog-size" (func $set-backlog (param i32 i64 i32)))
  (import "wasi:sockets/tcp@@VERSION@" "[resource-drop]tcp-socket" (func $drop-socket (param i32)))
  (import "wasi:io/poll@@VERSION@" "[method]pollable.block" (func $block (param i32)))
  (import "wasi:io/poll@@VERSION@" "[resource-drop]pollable" (func $drop-pollable (param i32)))
  (import "wasi:io/streams@@VERSION@" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[resource-drop]input-stream" (func $drop-input (param i32)))
  (import "wasi:io/streams@@VERSION@" "[resource-drop]output-stream" (func $drop-output (param i32)))
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
  (data (i32.const 100) "create listener\00")
  (data (i32.const 116) "set-listen-backlog-size\00")
  (data (i32.const 140) "listen before bind\00")
  (data (i32.const 159) "finish-bind before start-bind\00")
  (data (i32.const 189) "start-bind\00")
  (data (i32.const 200) "finish-bind\00")
  (data (i32.const 212) "start-listen\00")
  (data (i32.const 225) "finish-listen\00")
  (data (i32.const 239) "is-listening: \00")
  (data (i32.const 254) "local-address\00")
  (data (i32.const 268) "family ipv4, 127.0.0.1, port nonzero: \00")
  (data (i32.const 307) "accept early\00")
  (data (i32.const 320) "create client\00")
  (data (i32.const 334) "set-keep-alive-enabled\00")
  (data (i32.const 357) "keep-alive-enabled\00")
  (data (i32.const 376) "keep-alive: \00")
  (data (i32.const 389) "start-connect\00")
  (data (i32.const 403) "finish-connect\00")
  (data (i32.const 418) "finish-connect again\00")
  (data (i32.const 439) "remote-address\00")
  (data (i32.const 454) "peer port matches: \00")
  (data (i32.const 474) "accept\00")
  (data (i32.const 481) "ping\00")
  (data (i32.const 486) "client write\00")
  (data (i32.const 499) "server read\00")
  (data (i32.const 511) "server echo\00")
  (data (i32.const 523) "client read\00")
  (data (i32.const 535) "echoed: \00")
  (data (i32.const 544) "shutdown send\00")
  (data (i32.const 558) "server read after shutdown: disc \00")
  (data (i32.const 592) " case \00")
  (data (i32.const 599) "done\00")

  (func $wait (param $socket i32)  ;; blocks on the socket's pollable
    (local $p i32)
    (local.set $p (call $subscribe (local.get $socket)))
    (call $block (local.get $p))
    (call $drop-pollable (local.get $p)))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $net i32) (local $listener i32) (local $client i32) (local $server i32)
    (local $port i32) (local $cin i32) (local $cout i32) (local $sin i32) (local $sout i32)
    (local.set $net (call $instance-network))
    ;; listen on 127.0.0.1:0
    (call $create (i32.const 0) (i32.const 1024))
    (call $must (i32.const 100) (i32.const 1024) (i32.const 4))
    (local.set $listener (i32.load (i32.const 1028)))
    (call $set-backlog (local.get $listener) (i64.const 8) (i32.const 1032))
    (call $must (i32.const 116) (i32.const 1032) (i32.const 1))
    (call $start-listen (local.get $listener) (i32.const 1032))
    (drop (call $report (i32.const 140) (i32.const 1032) (i32.const 1)))
    (call $finish-bind (local.get $listener) (i32.const 1032))
    (drop (call $report (i32.const 159) (i32.const 1032) (i32.const 1)))
    (call $start-bind (local.get $listener) (local.get $net)
      (i32.const 0) (i32.const 0) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1)
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1032))
    (call $must (i32.const 189) (i32.const 1032) (i32.const 1))
    (call $finish-bind (local.get $listener) (i32.const 1032))
    (call $must (i32.const 200) (i32.const 1032) (i32.const 1))
    (call $start-listen (local.get $listener) (i32.const 1032))
    (call $must (i32.const 212) (i32.const 1032) (i32.const 1))
    (call $finish-listen (local.get $listener) (i32.const 1032))
    (call $must (i32.const 225) (i32.const 1032) (i32.const 1))
    (call $say (i32.const 239))
    (call $number (call $is-listening (local.get $listener)))
    (call $newline)
    ;; the bound port: result at 1040, ip-socket-address at 1044, port at 1048
    (call $local-address (local.get $listener) (i32.const 1040))
    (call $must (i32.const 254) (i32.const 1040) (i32.const 4))
    (local.set $port (i32.load16_u (i32.const 1048)))
    (call $say (i32.const 268))
    (call $number (i32.and (i32.and (i32.eqz (i32.load8_u (i32.const 1044))) (i32.ne (local.get $port) (i32.const 0)))
      (i32.eq (i32.load (i32.const 1050)) (i32.const 0x0100007f))))
    (call $newline)
    ;; accept with nobody waiting would block
    (call $accept (local.get $listener) (i32.const 1100))
    (drop (call $report (i32.const 307) (i32.const 1100) (i32.const 4)))
    ;; connect a client to it
    (call $create (i32.const 0) (i32.const 1024))
    (call $must (i32.const 320) (i32.const 1024) (i32.const 4))
    (local.set $client (i32.load (i32.const 1028)))
    (call $set-keep-alive (local.get $client) (i32.const 1) (i32.const 1032))
    (call $must (i32.const 334) (i32.const 1032) (i32.const 1))
    (call $keep-alive (local.get $client) (i32.const 1032))
    (call $must (i32.const 357) (i32.const 1032) (i32.const 1))
    (call $say (i32.const 376))
    (call $number (i32.load8_u (i32.const 1033)))
    (call $newline)
    (call $start-connect (local.get $client) (local.get $net)
      (i32.const 0) (local.get $port) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1)
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1032))
    (call $must (i32.const 389) (i32.const 1032) (i32.const 1))
    (call $wait (local.get $client))
    (call $finish-connect (local.get $client) (i32.const 1060))
    (call $must (i32.const 403) (i32.const 1060) (i32.const 4))
    (local.set $cin (i32.load (i32.const 1064)))
    (local.set $cout (i32.load (i32.const 1068)))
    (call $finish-connect (local.get $client) (i32.const 1032))
    (drop (call $report (i32.const 418) (i32.const 1032) (i32.const 4)))
    ;; the client's peer is the listener's port
    (call $remote-address (local.get $client) (i32.const 1040))
    (call $must (i32.const 439) (i32.const 1040) (i32.const 4))
    (call $say (i32.const 454))
    (call $number (i32.eq (i32.load16_u (i32.const 1048)) (local.get $port)))
    (call $newline)
    ;; accept it
    (call $wait (local.get $listener))
    (call $accept (local.get $listener) (i32.const 1100))
    (call $must (i32.const 474) (i32.const 1100) (i32.const 4))
    (local.set $server (i32.load (i32.const 1104)))
    (local.set $sin (i32.load (i32.const 1108)))
    (local.set $sout (i32.load (i32.const 1112)))
    ;; client -> server -> client
    (call $write (local.get $cout) (i32.const 481) (i32.const 4) (i32.const 1032))
    (call $must (i32.const 486) (i32.const 1032) (i32.const 4))
    (call $read (local.get $sin) (i64.const 4) (i32.const 1120))
    (call $must (i32.const 499) (i32.const 1120) (i32.const 4))
    (call $write (local.get $sout) (i32.load (i32.const 1124)) (i32.load (i32.const 1128)) (i32.const 1032))
    (call $must (i32.const 511) (i32.const 1032) (i32.const 4))
    (call $read (local.get $cin) (i64.const 100) (i32.const 1120))
    (call $must (i32.const 523) (i32.const 1120) (i32.const 4))
    (call $say (i32.const 535))
    (call $print (i32.load (i32.const 1124)) (i32.load (i32.const 1128)))
    (call $newline)
    ;; the client stops sending: the server reads end of stream
    (call $shutdown (local.get $client) (i32.const 1) (i32.const 1032))
    (call $must (i32.const 544) (i32.const 1032) (i32.const 1))
    (call $read (local.get $sin) (i64.const 4) (i32.const 1120))
    (call $say (i32.const 558))
    (call $number (i32.load8_u (i32.const 1120)))
    (call $say (i32.const 592))
    (call $number (i32.load8_u (i32.const 1124)))
    (call $newline)
    (call $drop-input (local.get $cin)) (call $drop-output (local.get $cout))
    (call $drop-input (local.get $sin)) (call $drop-output (local.get $sout))
    (call $drop-socket (local.get $server)) (call $drop-socket (local.get $client))
    (call $drop-socket (local.get $listener))
    (call $say (i32.const 599))
    (call $newline)
    (i32.const 0)))
