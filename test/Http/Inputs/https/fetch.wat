;; GET https://$TARGET/hello through wasi:http/outgoing-handler, printing
;; "status N" and the body, or "handle-error N" / "response-error N" with
;; the error-code case, followed for TLS-alert-received (14) by "alert N
;; NAME" and for internal-error (38) by its message. TARGET is the
;; environment's first variable.
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
  (data (i32.const 0x140) "alert ")
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
    (global.set $out (call $get-stdout))
    (call $get-env (i32.const 0x500))
    (local.set $env (i32.load (i32.const 0x500)))
    (local.set $req (call $new-request (call $new-fields)))
    (drop (call $set-scheme (local.get $req) (i32.const 1) (i32.const 1) (i32.const 0) (i32.const 0)))
    (drop (call $set-authority (local.get $req) (i32.const 1)
      (i32.load offset=8 (local.get $env)) (i32.load offset=12 (local.get $env))))
    (drop (call $set-path (local.get $req) (i32.const 1) (i32.const 0x100) (i32.const 6)))
    (call $handle (local.get $req) (i32.const 0) (i32.const 0) (i32.const 0x600))
    (if (i32.load8_u (i32.const 0x600))
      (then
        (call $line (i32.const 0x120) (i32.const 13) (i32.load8_u (i32.const 0x608)))
        (return (i32.const 0))))
    (local.set $fut (i32.load (i32.const 0x608)))
    (call $get (local.get $fut) (i32.const 0x600))
    (if (i32.load8_u (i32.const 0x610))
      (then
        (call $line (i32.const 0x130) (i32.const 15) (i32.load8_u (i32.const 0x618)))
        ;; TLS-alert-received-payload at 0x620: option<u8> alert-id,
        ;; option<string> alert-message (at 0x624: case, pointer, length)
        (if (i32.eq (i32.load8_u (i32.const 0x618)) (i32.const 14))
          (then
            (if (i32.load8_u (i32.const 0x620))
              (then (call $line (i32.const 0x140) (i32.const 6) (i32.load8_u (i32.const 0x621)))))
            (if (i32.load8_u (i32.const 0x624))
              (then
                (call $print (i32.load (i32.const 0x628)) (i32.load (i32.const 0x62c)))
                (call $print (i32.const 0x160) (i32.const 1))))))
        ;; internal-error's option<string> at 0x620
        (if (i32.eq (i32.load8_u (i32.const 0x618)) (i32.const 38))
          (then
            (if (i32.load8_u (i32.const 0x620))
              (then
                (call $print (i32.load (i32.const 0x624)) (i32.load (i32.const 0x628)))
                (call $print (i32.const 0x160) (i32.const 1))))))
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
