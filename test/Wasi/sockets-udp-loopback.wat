;; wasi:sockets udp on loopback, with --inherit-network: a socket bound to
;; 127.0.0.1:0 sends datagrams to itself, first naming its own address on
;; an unconnected stream, then on a stream connected to itself.
;; RUN: %wasi-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t --inherit-network
;; RUN: %t | %FileCheck %s
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.arm --inherit-network
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.arm | %FileCheck %s %}
;; CHECK: create-udp-socket: ok
;; CHECK-NEXT: stream before bind: invalid-state
;; CHECK-NEXT: start-bind: ok
;; CHECK-NEXT: finish-bind: ok
;; CHECK-NEXT: local-address: ok
;; CHECK-NEXT: stream unconnected: ok
;; CHECK-NEXT: check-send: ok
;; CHECK-NEXT: permit > 0: 1
;; CHECK-NEXT: send without address: invalid-argument
;; CHECK-NEXT: send: ok
;; CHECK-NEXT: sent: 1
;; CHECK-NEXT: receive: ok
;; CHECK-NEXT: datagram: hello udp from own port: 1
;; CHECK-NEXT: stream connected: ok
;; CHECK-NEXT: remote-address: ok
;; CHECK-NEXT: send connected: ok
;; CHECK-NEXT: receive: ok
;; CHECK-NEXT: datagram: connected udp from own port: 1
;; CHECK-NEXT: send to another address: invalid-argument
;; CHECK-NEXT: done
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:sockets/instance-network@@VERSION@" "instance-network" (func $instance-network (result i32)))
  (import "wasi:sockets/udp-create-socket@@VERSION@" "create-udp-socket" (func $create-udp (param i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]udp-socket.start-bind" (func $udp-start-bind (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]udp-socket.finish-bind" (func $udp-finish-bind (param i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]udp-socket.local-address" (func $udp-local-address (param i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]udp-socket.remote-address" (func $udp-remote-address (param i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]udp-socket.stream" (func $udp-stream (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]incoming-datagram-stream.receive" (func $receive (param i32 i64 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]incoming-datagram-stream.subscribe" (func $incoming-subscribe (param i32) (result i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]outgoing-datagram-stream.check-send" (func $check-send (param i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[method]outgoing-datagram-stream.send" (func $send (param i32 i32 i32 i32)))
  (import "wasi:sockets/udp@@VERSION@" "[resource-drop]incoming-datagram-stream" (func $drop-incoming (param i32)))
  (import "wasi:sockets/udp@@VERSION@" "[resource-drop]outgoing-datagram-stream" (func $drop-outgoing (param i32)))
  (import "wasi:sockets/udp@@VERSION@" "[resource-drop]udp-socket" (func $drop-udp (param i32)))
  (import "wasi:io/poll@@VERSION@" "[method]pollable.block" (func $block (param i32)))
  (import "wasi:io/poll@@VERSION@" "[resource-drop]pollable" (func $drop-pollable (param i32)))
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
  (data (i32.const 100) "receive\00")
  (data (i32.const 108) "datagram: \00")
  (data (i32.const 119) " from own port: \00")
  (data (i32.const 136) "create-udp-socket\00")
  (data (i32.const 154) "stream before bind\00")
  (data (i32.const 173) "start-bind\00")
  (data (i32.const 184) "finish-bind\00")
  (data (i32.const 196) "local-address\00")
  (data (i32.const 210) "stream unconnected\00")
  (data (i32.const 229) "check-send\00")
  (data (i32.const 240) "permit > 0: \00")
  (data (i32.const 253) "no address\00")
  (data (i32.const 264) "send without address\00")
  (data (i32.const 285) "hello udp\00")
  (data (i32.const 295) "send\00")
  (data (i32.const 300) "sent: \00")
  (data (i32.const 307) "stream connected\00")
  (data (i32.const 324) "remote-address\00")
  (data (i32.const 339) "connected udp\00")
  (data (i32.const 353) "send connected\00")
  (data (i32.const 368) "elsewhere\00")
  (data (i32.const 378) "send to another address\00")
  (data (i32.const 402) "done\00")

  ;; One outgoing-datagram at 2000 (44 bytes): data (ptr, len), then
  ;; option<ip-socket-address> (disc at +8, variant disc at +12, port at +16,
  ;; octets at +18). $to-self 0: no address.
  (func $datagram (param $text i32) (param $port i32) (param $to-self i32)
    (i32.store (i32.const 2000) (local.get $text))
    (i32.store (i32.const 2004) (call $text (local.get $text)))
    (i32.store8 (i32.const 2008) (local.get $to-self))
    (i32.store8 (i32.const 2012) (i32.const 0))
    (i32.store16 (i32.const 2016) (local.get $port))
    (i32.store (i32.const 2018) (i32.const 0x0100007f)))
  ;; Waits for datagrams and prints each: data and whether it came from $port.
  (func $receive-all (param $incoming i32) (param $port i32)
    (local $p i32) (local $at i32) (local $count i32)
    (local.set $p (call $incoming-subscribe (local.get $incoming)))
    (call $block (local.get $p))
    (call $drop-pollable (local.get $p))
    (call $receive (local.get $incoming) (i64.const 10) (i32.const 1200))
    (call $must (i32.const 100) (i32.const 1200) (i32.const 4))
    (local.set $at (i32.load (i32.const 1204)))
    (local.set $count (i32.load (i32.const 1208)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $count)))
      (call $say (i32.const 108))
      (call $print (i32.load (local.get $at)) (i32.load offset=4 (local.get $at)))
      (call $say (i32.const 119))
      (call $number (i32.and (i32.eqz (i32.load8_u offset=8 (local.get $at)))
        (i32.eq (i32.load16_u offset=12 (local.get $at)) (local.get $port))))
      (call $newline)
      (local.set $at (i32.add (local.get $at) (i32.const 40)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br $next))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $net i32) (local $socket i32) (local $port i32) (local $in i32) (local $out i32)
    (local.set $net (call $instance-network))
    (call $create-udp (i32.const 0) (i32.const 1024))
    (call $must (i32.const 136) (i32.const 1024) (i32.const 4))
    (local.set $socket (i32.load (i32.const 1028)))
    (call $udp-stream (local.get $socket) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1032))
    (drop (call $report (i32.const 154) (i32.const 1032) (i32.const 4)))
    (call $udp-start-bind (local.get $socket) (local.get $net) (i32.const 0) (i32.const 0) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1032))
    (call $must (i32.const 173) (i32.const 1032) (i32.const 1))
    (call $udp-finish-bind (local.get $socket) (i32.const 1032))
    (call $must (i32.const 184) (i32.const 1032) (i32.const 1))
    (call $udp-local-address (local.get $socket) (i32.const 1040))
    (call $must (i32.const 196) (i32.const 1040) (i32.const 4))
    (local.set $port (i32.load16_u (i32.const 1048)))
    ;; unconnected: every datagram names its destination (ourselves)
    (call $udp-stream (local.get $socket) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1060))
    (call $must (i32.const 210) (i32.const 1060) (i32.const 4))
    (local.set $in (i32.load (i32.const 1064)))
    (local.set $out (i32.load (i32.const 1068)))
    (call $check-send (local.get $out) (i32.const 1080))
    (call $must (i32.const 229) (i32.const 1080) (i32.const 8))
    (call $say (i32.const 240))
    (call $number (i64.ne (i64.load (i32.const 1088)) (i64.const 0)))
    (call $newline)
    (call $datagram (i32.const 253) (i32.const 0) (i32.const 0))
    (call $send (local.get $out) (i32.const 2000) (i32.const 1) (i32.const 1080))
    (drop (call $report (i32.const 264) (i32.const 1080) (i32.const 8)))
    (call $datagram (i32.const 285) (local.get $port) (i32.const 1))
    (call $send (local.get $out) (i32.const 2000) (i32.const 1) (i32.const 1080))
    (call $must (i32.const 295) (i32.const 1080) (i32.const 8))
    (call $say (i32.const 300))
    (call $number (i32.wrap_i64 (i64.load (i32.const 1088))))
    (call $newline)
    (call $receive-all (local.get $in) (local.get $port))
    (call $drop-incoming (local.get $in))
    (call $drop-outgoing (local.get $out))
    ;; connected to ourselves: datagrams need no address
    (call $udp-stream (local.get $socket) (i32.const 1) (i32.const 0) (local.get $port) (i32.const 127) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1060))
    (call $must (i32.const 307) (i32.const 1060) (i32.const 4))
    (local.set $in (i32.load (i32.const 1064)))
    (local.set $out (i32.load (i32.const 1068)))
    (call $udp-remote-address (local.get $socket) (i32.const 1040))
    (call $must (i32.const 324) (i32.const 1040) (i32.const 4))
    (call $datagram (i32.const 339) (i32.const 0) (i32.const 0))
    (call $send (local.get $out) (i32.const 2000) (i32.const 1) (i32.const 1080))
    (call $must (i32.const 353) (i32.const 1080) (i32.const 8))
    (call $receive-all (local.get $in) (local.get $port))
    (call $datagram (i32.const 368) (i32.add (local.get $port) (i32.const 1)) (i32.const 1))
    (call $send (local.get $out) (i32.const 2000) (i32.const 1) (i32.const 1080))
    (drop (call $report (i32.const 378) (i32.const 1080) (i32.const 8)))
    (call $drop-incoming (local.get $in))
    (call $drop-outgoing (local.get $out))
    (call $drop-udp (local.get $socket))
    (call $say (i32.const 402))
    (call $newline)
    (i32.const 0)))
