;; A wasi:http/incoming-handler (a core module; wacc --wit embeds the
;; wasi:http/proxy world) for streamed request bodies and flushes:
;;   POST /pump   the request body back as it arrives: non-blocking reads,
;;                and when one gets nothing, a wait on the stream's pollable;
;;                then the body's trailers through future-trailers (its
;;                pollable, then get). The response (chunked) ends with the
;;                trailers x-waits (the waits), x-sum (the request's x-sum
;;                trailer, when it had one), x-read-error (the error-code
;;                case of a failed read) and x-trailers-error (the case the
;;                trailers future gave instead of trailers)
;;   GET  /flush  "first\n", an explicit flush, then 0.7 s of busy waiting
;;                (no wasi:io/poll wait), then "second\n"
;;   anything else  404
(module
  (import "wasi:http/types@0.2.12" "[method]incoming-request.path-with-query"
    (func $path (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-request.consume" (func $consume (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-body.stream" (func $body-stream (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[static]incoming-body.finish" (func $body-finish (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]future-trailers.subscribe" (func $trailers-subscribe (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]future-trailers.get" (func $trailers-get (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.get" (func $fields-get (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $new-fields (result i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.append" (func $append (param i32 i32 i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-response" (func $new-response (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.set-status-code"
    (func $set-status (param i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.body" (func $response-body (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-body.write" (func $body-write (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[static]outgoing-body.finish" (func $finish (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[static]response-outparam.set"
    (func $set-response (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "http-error-code" (func $http-error-code (param i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]input-stream.read" (func $read (param i32 i64 i32)))
  (import "wasi:io/streams@0.2.12" "[method]input-stream.subscribe" (func $in-subscribe (param i32) (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.flush" (func $flush (param i32 i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]input-stream" (func $drop-input (param i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func $drop-output (param i32)))
  (import "wasi:io/poll@0.2.12" "[method]pollable.block" (func $block (param i32)))
  (import "wasi:io/poll@0.2.12" "[resource-drop]pollable" (func $drop-pollable (param i32)))
  (import "wasi:io/error@0.2.12" "[resource-drop]error" (func $drop-error (param i32)))
  (import "wasi:clocks/monotonic-clock@0.2.12" "now" (func $now (result i64)))

  (memory (export "memory") 64)
  (global $heap (mut i32) (i32.const 0x10000))

  (data (i32.const 0x100) "/pump")
  (data (i32.const 0x110) "/flush")
  (data (i32.const 0x120) "x-waits")
  (data (i32.const 0x130) "x-sum")
  (data (i32.const 0x140) "x-read-error")
  (data (i32.const 0x150) "x-trailers-error")
  (data (i32.const 0x170) "first\nsecond\n")
  (data (i32.const 0x180) "not found\n")

  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.const 16)))))
    (local.get $p))

  (func $streq (param $a i32) (param $alen i32) (param $b i32) (param $blen i32) (result i32)
    (local $i i32)
    (if (i32.ne (local.get $alen) (local.get $blen)) (then (return (i32.const 0))))
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $alen)))
        (if (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                    (i32.load8_u (i32.add (local.get $b) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  ;; Writes `value` in decimal at `at`; returns the end.
  (func $decimal (param $at i32) (param $value i32) (result i32)
    (local $div i32) (local $started i32)
    (local.set $div (i32.const 1000000000))
    (loop $next
      (if (i32.or (local.get $started)
                  (i32.or (i32.ge_u (local.get $value) (local.get $div)) (i32.eq (local.get $div) (i32.const 1))))
        (then
          (i32.store8 (local.get $at) (i32.add (i32.const 0x30) (i32.div_u (local.get $value) (local.get $div))))
          (local.set $value (i32.rem_u (local.get $value) (local.get $div)))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))
          (local.set $started (i32.const 1))))
      (local.set $div (i32.div_u (local.get $div) (i32.const 10)))
      (br_if $next (local.get $div)))
    (local.get $at))

  ;; Appends name: value to `fields`.
  (func $header (param $fields i32) (param $n i32) (param $nlen i32) (param $v i32) (param $vlen i32)
    (call $append (local.get $fields) (local.get $n) (local.get $nlen) (local.get $v) (local.get $vlen)
      (i32.const 0x800))
    (if (i32.load8_u (i32.const 0x800)) (then unreachable)))

  ;; Appends name: <decimal value> to `fields`.
  (func $number-header (param $fields i32) (param $n i32) (param $nlen i32) (param $value i32)
    (local $end i32)
    (local.set $end (call $decimal (i32.const 0x880) (local.get $value)))
    (call $header (local.get $fields) (local.get $n) (local.get $nlen) (i32.const 0x880)
      (i32.sub (local.get $end) (i32.const 0x880))))

  ;; Sets a response with `status` and returns its outgoing-body; its
  ;; stream at 0x810.
  (func $start (param $out i32) (param $status i32) (result i32)
    (local $response i32) (local $obody i32)
    (local.set $response (call $new-response (call $new-fields)))
    (drop (call $set-status (local.get $response) (local.get $status)))
    (call $response-body (local.get $response) (i32.const 0x800))
    (local.set $obody (i32.load (i32.const 0x804)))
    (call $body-write (local.get $obody) (i32.const 0x800))
    (i32.store (i32.const 0x810) (i32.load (i32.const 0x804)))
    (call $set-response (local.get $out) (i32.const 0) (local.get $response) (i32.const 0)
      (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (local.get $obody))

  (func $pump (param $request i32) (param $out i32)
    (local $body i32) (local $in i32) (local $obody i32) (local $stream i32) (local $p i32)
    (local $waits i32) (local $future i32) (local $trailers i32) (local $values i32)
    (call $consume (local.get $request) (i32.const 0x900))
    (local.set $body (i32.load (i32.const 0x904)))
    (call $body-stream (local.get $body) (i32.const 0x900))
    (local.set $in (i32.load (i32.const 0x904)))
    (local.set $obody (call $start (local.get $out) (i32.const 200)))
    (local.set $stream (i32.load (i32.const 0x810)))
    (local.set $trailers (call $new-fields))
    (block $eof
      (loop $more
        (global.set $heap (i32.const 0x10000))  ;; the last piece is sent: reuse its space
        (call $read (local.get $in) (i64.const 65536) (i32.const 0x900))
        (if (i32.load8_u (i32.const 0x900))
          (then
            ;; last-operation-failed: the error-code behind it.
            (if (i32.eqz (i32.load8_u (i32.const 0x904)))
              (then
                (call $http-error-code (i32.load (i32.const 0x908)) (i32.const 0x940))
                (if (i32.load8_u (i32.const 0x940))
                  (then (call $number-header (local.get $trailers) (i32.const 0x140) (i32.const 12)
                    (i32.load8_u (i32.const 0x948)))))
                (call $drop-error (i32.load (i32.const 0x908)))))
            (br $eof)))
        (if (i32.eqz (i32.load (i32.const 0x908)))
          (then
            (local.set $waits (i32.add (local.get $waits) (i32.const 1)))
            (local.set $p (call $in-subscribe (local.get $in)))
            (call $block (local.get $p))
            (call $drop-pollable (local.get $p))
            (br $more)))
        (call $write (local.get $stream) (i32.load (i32.const 0x904)) (i32.load (i32.const 0x908)) (i32.const 0x800))
        (if (i32.load8_u (i32.const 0x800)) (then unreachable))
        (br $more)))
    (call $drop-input (local.get $in))
    ;; The trailers: wait for the future, then take them.
    (local.set $future (call $body-finish (local.get $body)))
    (local.set $p (call $trailers-subscribe (local.get $future)))
    (call $block (local.get $p))
    (call $drop-pollable (local.get $p))
    (call $trailers-get (local.get $future) (i32.const 0x900))
    (if (i32.eqz (i32.load8_u (i32.const 0x900))) (then unreachable))  ;; ready after the wait
    (if (i32.load8_u (i32.const 0x910))
      (then (call $number-header (local.get $trailers) (i32.const 0x150) (i32.const 16)
        (i32.load8_u (i32.const 0x918))))
      (else
        (if (i32.load8_u (i32.const 0x918))
          (then
            (call $fields-get (i32.load (i32.const 0x91c)) (i32.const 0x130) (i32.const 5) (i32.const 0x960))
            (if (i32.load (i32.const 0x964))
              (then
                (local.set $values (i32.load (i32.const 0x960)))
                (call $header (local.get $trailers) (i32.const 0x130) (i32.const 5)
                  (i32.load (local.get $values)) (i32.load offset=4 (local.get $values)))))))))
    (call $number-header (local.get $trailers) (i32.const 0x120) (i32.const 7) (local.get $waits))
    (call $drop-output (local.get $stream))
    (call $finish (local.get $obody) (i32.const 1) (local.get $trailers) (i32.const 0x800)))

  (func $flushed (param $out i32)
    (local $obody i32) (local $stream i32) (local $until i64)
    (local.set $obody (call $start (local.get $out) (i32.const 200)))
    (local.set $stream (i32.load (i32.const 0x810)))
    (call $write (local.get $stream) (i32.const 0x170) (i32.const 6) (i32.const 0x800))
    (call $flush (local.get $stream) (i32.const 0x800))
    (if (i32.load8_u (i32.const 0x800)) (then unreachable))
    (local.set $until (i64.add (call $now) (i64.const 700000000)))
    (loop $spin
      (br_if $spin (i64.lt_u (call $now) (local.get $until))))
    (call $write (local.get $stream) (i32.const 0x176) (i32.const 7) (i32.const 0x800))
    (call $drop-output (local.get $stream))
    (call $finish (local.get $obody) (i32.const 0) (i32.const 0) (i32.const 0x800)))

  (func (export "wasi:http/incoming-handler@0.2.12#handle") (param $request i32) (param $out i32)
    (local $p i32) (local $plen i32) (local $obody i32) (local $stream i32)
    (call $path (local.get $request) (i32.const 0x900))
    (local.set $p (i32.load (i32.const 0x904)))
    (local.set $plen (i32.load (i32.const 0x908)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x100) (i32.const 5))
      (then
        (call $pump (local.get $request) (local.get $out))
        (return)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x110) (i32.const 6))
      (then
        (call $flushed (local.get $out))
        (return)))
    (local.set $obody (call $start (local.get $out) (i32.const 404)))
    (local.set $stream (i32.load (i32.const 0x810)))
    (call $write (local.get $stream) (i32.const 0x180) (i32.const 10) (i32.const 0x800))
    (call $drop-output (local.get $stream))
    (call $finish (local.get $obody) (i32.const 0) (i32.const 0) (i32.const 0x800))))
