;; GET http://$TARGET/hello through wasi:http/outgoing-handler, printing
;; "status N" and the body, or "handle-error N" / "response-error N" with
;; the error-code case (for DNS-error, then its rcode and info-code). TARGET
;; is the environment's first variable; each later one whose name starts
;; with C, F or B gives the request a request-options with a 300 ms
;; connect, first-byte or between-bytes timeout.
(module
  (import "wasi:cli/environment@0.2.12" "get-environment" (func $get-env (param i32)))
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $new-fields (result i32)))
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-request" (func $new-request (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-scheme"
    (func $set-scheme (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-authority"
    (func $set-authority (param i32 i32 i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-path-with-query"
    (func $set-path (param i32 i32 i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[constructor]request-options" (func $new-options (result i32)))
  (import "wasi:http/types@0.2.12" "[method]request-options.set-connect-timeout"
    (func $set-connect (param i32 i32 i64) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]request-options.set-first-byte-timeout"
    (func $set-first-byte (param i32 i32 i64) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]request-options.set-between-bytes-timeout"
    (func $set-between-bytes (param i32 i32 i64) (result i32)))
  (import "wasi:http/outgoing-handler@0.2.12" "handle" (func $handle (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]future-incoming-response.get" (func $get (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-response.status" (func $status (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-response.consume" (func $consume (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-body.stream" (func $stream (param i32 i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 0x8000))
  (global $out (mut i32) (i32.const 0))
  (data (i32.const 0x100) "/hello")
  (data (i32.const 0x110) "status ")
  (data (i32.const 0x120) "handle-error ")
  (data (i32.const 0x130) "response-error ")
  (data (i32.const 0x140) "rcode ")
  (data (i32.const 0x150) "info-code ")
  (data (i32.const 0x160) "\n")

  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))

  (func $print (param $p i32) (param $n i32)
    (call $write (global.get $out) (local.get $p) (local.get $n) (i32.const 0x400)))
  ;; label, then a number (up to 3 digits) and a newline
  (func $line (param $label i32) (param $len i32) (param $v i32)
    (call $print (local.get $label) (local.get $len))
    (i32.store8 (i32.const 0x3f0) (i32.add (i32.const 0x30) (i32.div_u (local.get $v) (i32.const 100))))
    (i32.store8 (i32.const 0x3f1) (i32.add (i32.const 0x30) (i32.rem_u (i32.div_u (local.get $v) (i32.const 10)) (i32.const 10))))
    (i32.store8 (i32.const 0x3f2) (i32.add (i32.const 0x30) (i32.rem_u (local.get $v) (i32.const 10))))
    (i32.store8 (i32.const 0x3f3) (i32.const 0x0a))
    (call $print (i32.const 0x3f0) (i32.const 4)))

  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $req i32) (local $env i32) (local $fut i32) (local $resp i32) (local $s i32)
    (local $options i32) (local $i i32) (local $first i32)
    (global.set $out (call $get-stdout))
    (call $get-env (i32.const 0x500))
    (local.set $env (i32.load (i32.const 0x500)))
    (local.set $i (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const 0x504))))
        (local.set $first (i32.load8_u (i32.load (i32.add (local.get $env) (i32.shl (local.get $i) (i32.const 4))))))
        (if (i32.eqz (local.get $options)) (then (local.set $options (call $new-options))))
        (if (i32.eq (local.get $first) (i32.const 67))  ;; C
          (then (drop (call $set-connect (local.get $options) (i32.const 1) (i64.const 300000000)))))
        (if (i32.eq (local.get $first) (i32.const 70))  ;; F
          (then (drop (call $set-first-byte (local.get $options) (i32.const 1) (i64.const 300000000)))))
        (if (i32.eq (local.get $first) (i32.const 66))  ;; B
          (then (drop (call $set-between-bytes (local.get $options) (i32.const 1) (i64.const 300000000)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.set $req (call $new-request (call $new-fields)))
    (drop (call $set-scheme (local.get $req) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    (drop (call $set-authority (local.get $req) (i32.const 1)
      (i32.load offset=8 (local.get $env)) (i32.load offset=12 (local.get $env))))
    (drop (call $set-path (local.get $req) (i32.const 1) (i32.const 0x100) (i32.const 6)))
    (call $handle (local.get $req) (i32.ne (local.get $options) (i32.const 0)) (local.get $options) (i32.const 0x600))
    (if (i32.load8_u (i32.const 0x600))
      (then
        (call $line (i32.const 0x120) (i32.const 13) (i32.load8_u (i32.const 0x608)))
        (return (i32.const 0))))
    (local.set $fut (i32.load (i32.const 0x608)))
    (call $get (local.get $fut) (i32.const 0x600))
    (if (i32.load8_u (i32.const 0x610))
      (then
        (call $line (i32.const 0x130) (i32.const 15) (i32.load8_u (i32.const 0x618)))
        ;; DNS-error: option<string> rcode at 0x620, option<u16> info-code at 0x62c.
        (if (i32.eq (i32.load8_u (i32.const 0x618)) (i32.const 1))
          (then
            (if (i32.load8_u (i32.const 0x620))
              (then
                (call $print (i32.const 0x140) (i32.const 6))
                (call $print (i32.load (i32.const 0x624)) (i32.load (i32.const 0x628)))
                (call $print (i32.const 0x160) (i32.const 1))))
            (if (i32.load8_u (i32.const 0x62c))
              (then (call $line (i32.const 0x150) (i32.const 10) (i32.load16_u (i32.const 0x62e)))))))
        (return (i32.const 0))))
    (local.set $resp (i32.load (i32.const 0x618)))
    (call $line (i32.const 0x110) (i32.const 7) (call $status (local.get $resp)))
    (call $consume (local.get $resp) (i32.const 0x600))
    (call $stream (i32.load (i32.const 0x604)) (i32.const 0x600))
    (local.set $s (i32.load (i32.const 0x604)))
    (block $eof
      (loop $more
        (call $read (local.get $s) (i64.const 4096) (i32.const 0x600))
        (br_if $eof (i32.load8_u (i32.const 0x600)))
        (call $print (i32.load (i32.const 0x604)) (i32.load (i32.const 0x608)))
        (br $more)))
    (i32.const 0)))
