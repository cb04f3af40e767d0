;; A wasi:http/incoming-handler written by hand (a core module; wacc --wit
;; embeds the wasi:http/proxy world):
;;   GET  /         200 "hello from wasm\n", content-type and x-served-by headers
;;   POST /echo     200, the request body back, its x-echo header copied
;;   GET  /count    200 "count N\n" where N counts calls in this instance:
;;                  always 1, since each request sees a fresh instance
;;   GET  /trap     a trap (the server answers 500 and keeps serving)
;;   GET  /trailers 200 "with trailers\n", the body finished with the
;;                  trailer x-checksum: wacc
;;   GET  /size     200 "size M T\n": memory.size in pages and table.size
;;   GET  /grow     grows the memory by 16 pages and the table by 4, writes
;;                  into the new pages, then answers as /size
;;   GET  /dirty-trap  changes $calls, a data byte and the memory size, then
;;                  traps: the next request must see none of it
;;   GET  /stream   20 MiB streamed, no content-length (so chunked): a
;;                  pattern, 64 KiB per chunk of it, each starting with its
;;                  index (u32 LE) then bytes j & 0xff; written as check-write
;;                  grants, waiting on the stream's pollable when it grants
;;                  nothing; the trailer x-waits counts those waits
;;   GET  /stream-length  the same with content-length: 20971520
;;   GET  /stream-short   content-length: 200000 but 131072 bytes written
;;   GET  /stream-trap    131072 bytes of it, chunked, then a trap
;;   GET  /slow     "first\n", then a 1 s wait (a monotonic-clock pollable),
;;                  then "second\n"
;;   GET  /short    content-length: 10, "short" written: finish fails
;;   GET  /long     content-length: 3, "toolong" written: the write fails
;;                  (each logs the error-code case it saw on stderr)
;;   POST /echo-stream  the request body back, 64 KiB at a time, streamed
;;   anything else  404 "not found\n"
(module
  (import "wasi:http/types@0.2.12" "[method]incoming-request.path-with-query"
    (func $path (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-request.method" (func $method (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-request.headers" (func $request-headers (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-request.consume" (func $consume (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-body.stream" (func $body-stream (param i32 i32)))
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
  (import "wasi:http/types@0.2.12" "[resource-drop]incoming-body" (func $drop-incoming-body (param i32)))
  (import "wasi:http/types@0.2.12" "[resource-drop]incoming-request" (func $drop-request (param i32)))
  (import "wasi:http/types@0.2.12" "[resource-drop]fields" (func $drop-fields (param i32)))
  (import "wasi:io/streams@0.2.12" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]input-stream" (func $drop-input (param i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func $drop-output (param i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.check-write" (func $check-write (param i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.write" (func $stream-write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.subscribe" (func $subscribe (param i32) (result i32)))
  (import "wasi:io/poll@0.2.12" "[method]pollable.block" (func $block (param i32)))
  (import "wasi:io/poll@0.2.12" "[resource-drop]pollable" (func $drop-pollable (param i32)))
  (import "wasi:io/error@0.2.12" "[resource-drop]error" (func $drop-error (param i32)))
  (import "wasi:http/types@0.2.12" "http-error-code" (func $http-error-code (param i32 i32)))
  (import "wasi:cli/stderr@0.2.12" "get-stderr" (func $get-stderr (result i32)))
  (import "wasi:clocks/monotonic-clock@0.2.12" "subscribe-duration" (func $sleep-pollable (param i64) (result i32)))

  (memory (export "memory") 64)
  (table $t 1 funcref)
  (global $heap (mut i32) (i32.const 0x10000))
  (global $calls (mut i32) (i32.const 0))
  (global $trap-before-finish (mut i32) (i32.const 0))

  ;; Constant strings.
  (data (i32.const 0x100) "/")
  (data (i32.const 0x110) "/echo")
  (data (i32.const 0x120) "/trap")
  (data (i32.const 0x130) "/count")
  (data (i32.const 0x140) "hello from wasm\n")
  (data (i32.const 0x160) "not found\n")
  (data (i32.const 0x170) "content-type")
  (data (i32.const 0x180) "text/plain")
  (data (i32.const 0x190) "x-served-by")
  (data (i32.const 0x1a0) "wacc")
  (data (i32.const 0x1b0) "x-echo")
  (data (i32.const 0x1c0) "count 0\n")
  (data (i32.const 0x1d0) "/size")
  (data (i32.const 0x1e0) "/grow")
  (data (i32.const 0x1f0) "/dirty-trap")
  (data (i32.const 0x200) "/trailers")
  (data (i32.const 0x210) "x-checksum")
  (data (i32.const 0x220) "with trailers\n")
  (data (i32.const 0x230) "/stream")
  (data (i32.const 0x240) "/stream-length")
  (data (i32.const 0x250) "/stream-short")
  (data (i32.const 0x260) "/short")
  (data (i32.const 0x268) "/long")
  (data (i32.const 0x270) "/echo-stream")
  (data (i32.const 0x280) "content-length")
  (data (i32.const 0x290) "20971520")
  (data (i32.const 0x2a0) "200000")
  (data (i32.const 0x2a8) "10")
  (data (i32.const 0x2ac) "3")
  (data (i32.const 0x2b0) "x-waits")
  (data (i32.const 0x2c0) "toolong")
  (data (i32.const 0x2d0) "finish error-code ")
  (data (i32.const 0x2f0) "write error-code ")
  (data (i32.const 0x310) "/stream-trap")
  (data (i32.const 0x320) "/slow")
  (data (i32.const 0x328) "first\nsecond\n")

  ;; A bump allocator: every request runs in a fresh instance.
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

  ;; Appends name: value to `fields`.
  (func $header (param $fields i32) (param $n i32) (param $nlen i32) (param $v i32) (param $vlen i32)
    (call $append (local.get $fields) (local.get $n) (local.get $nlen) (local.get $v) (local.get $vlen)
      (i32.const 0x800))
    (if (i32.load8_u (i32.const 0x800)) (then unreachable)))

  ;; Sends a response: status, headers, body bytes; the body finishes with
  ;; `trailers` (a fields handle) unless it is 0.
  (func $respond (param $trailers i32) (param $out i32) (param $status i32) (param $headers i32) (param $body i32) (param $len i32)
    (local $response i32) (local $obody i32) (local $stream i32)
    (local.set $response (call $new-response (local.get $headers)))
    (drop (call $set-status (local.get $response) (local.get $status)))
    (call $response-body (local.get $response) (i32.const 0x800))
    (local.set $obody (i32.load (i32.const 0x804)))
    (call $body-write (local.get $obody) (i32.const 0x800))
    (local.set $stream (i32.load (i32.const 0x804)))
    (call $set-response (local.get $out) (i32.const 0) (local.get $response) (i32.const 0)
      (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (call $write (local.get $stream) (local.get $body) (local.get $len) (i32.const 0x800))
    (call $drop-output (local.get $stream))
    (call $finish (local.get $obody) (i32.ne (local.get $trailers) (i32.const 0)) (local.get $trailers)
      (i32.const 0x800)))

;; Writes `value` in decimal at `at`; returns the end.
  (func $decimal (param $at i32) (param $value i32) (result i32)
    (local $div i32) (local $started i32)
    (local.set $div (i32.const 10000))
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

  ;; Answers "size <memory pages> <table size>\n".
  (func $sizes (param $out i32) (param $headers i32)
    (local $at i32)
    (i32.store (i32.const 0x400) (i32.const 0x657a6973))  ;; "size"
    (i32.store8 (i32.const 0x404) (i32.const 0x20))
    (local.set $at (call $decimal (i32.const 0x405) (memory.size)))
    (i32.store8 (local.get $at) (i32.const 0x20))
    (local.set $at (call $decimal (i32.add (local.get $at) (i32.const 1)) (table.size $t)))
    (i32.store8 (local.get $at) (i32.const 0x0a))
    (call $respond (i32.const 0) (local.get $out) (i32.const 200) (local.get $headers) (i32.const 0x400)
      (i32.sub (i32.add (local.get $at) (i32.const 1)) (i32.const 0x400))))

  ;; Logs "<text><number>\n" on stderr.
  (func $log (param $text i32) (param $len i32) (param $number i32)
    (local $at i32) (local $err i32)
    (memory.copy (i32.const 0xa00) (local.get $text) (local.get $len))
    (local.set $at (call $decimal (i32.add (i32.const 0xa00) (local.get $len)) (local.get $number)))
    (i32.store8 (local.get $at) (i32.const 0x0a))
    (local.set $err (call $get-stderr))
    (call $write (local.get $err) (i32.const 0xa00) (i32.sub (i32.add (local.get $at) (i32.const 1)) (i32.const 0xa00))
      (i32.const 0x980))
    (call $drop-output (local.get $err)))

  ;; Finishes `body` with `trailers` (0: none); logs the error-code case if it fails.
  (func $finish-logged (param $obody i32) (param $trailers i32)
    (call $finish (local.get $obody) (i32.ne (local.get $trailers) (i32.const 0)) (local.get $trailers)
      (i32.const 0x800))
    (if (i32.load8_u (i32.const 0x800))
      (then (call $log (i32.const 0x2d0) (i32.const 18) (i32.load8_u (i32.const 0x808))))))

  ;; Starts a response: its outgoing-body (returned) and the body's stream
  ;; (at 0x810), the response already set.
  (func $start (param $out i32) (param $headers i32) (result i32)
    (local $response i32) (local $obody i32)
    (local.set $response (call $new-response (local.get $headers)))
    (call $response-body (local.get $response) (i32.const 0x800))
    (local.set $obody (i32.load (i32.const 0x804)))
    (call $body-write (local.get $obody) (i32.const 0x800))
    (i32.store (i32.const 0x810) (i32.load (i32.const 0x804)))
    (call $set-response (local.get $out) (i32.const 0) (local.get $response) (i32.const 0)
      (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (local.get $obody))

  ;; Writes `len` bytes at `at` as check-write grants them; returns how many
  ;; times it had to wait. A failed write logs its error-code case (if any)
  ;; and stops.
  (func $write-granted (param $stream i32) (param $at i32) (param $len i32) (result i32)
    (local $n i64) (local $p i32) (local $waits i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $len)))
        (call $check-write (local.get $stream) (i32.const 0x820))
        (if (i32.load8_u (i32.const 0x820)) (then unreachable))
        (local.set $n (i64.load (i32.const 0x828)))
        (if (i64.eqz (local.get $n))
          (then
            (local.set $waits (i32.add (local.get $waits) (i32.const 1)))
            (local.set $p (call $subscribe (local.get $stream)))
            (call $block (local.get $p))
            (call $drop-pollable (local.get $p))
            (br $more)))
        (if (i64.gt_u (local.get $n) (i64.extend_i32_u (local.get $len)))
          (then (local.set $n (i64.extend_i32_u (local.get $len)))))
        (call $stream-write (local.get $stream) (local.get $at) (i32.wrap_i64 (local.get $n)) (i32.const 0x820))
        (if (i32.load8_u (i32.const 0x820))
          (then
            (if (i32.eqz (i32.load8_u (i32.const 0x824)))
              (then
                (call $http-error-code (i32.load (i32.const 0x828)) (i32.const 0x840))
                (if (i32.load8_u (i32.const 0x840))
                  (then (call $log (i32.const 0x2f0) (i32.const 17) (i32.load8_u (i32.const 0x848)))))
                (call $drop-error (i32.load (i32.const 0x828)))))
            (br $done)))
        (local.set $at (i32.add (local.get $at) (i32.wrap_i64 (local.get $n))))
        (local.set $len (i32.sub (local.get $len) (i32.wrap_i64 (local.get $n))))
        (br $more)))
    (local.get $waits))

  ;; Streams `total` bytes of the pattern (see the header), with the
  ;; content-length at `lengthText` unless it is 0, the trailer x-waits
  ;; unless there is a content-length.
  (func $stream (param $out i32) (param $headers i32) (param $total i32) (param $lengthText i32) (param $lengthLen i32)
    (local $obody i32) (local $stream i32) (local $sent i32) (local $waits i32) (local $j i32) (local $len i32)
    (local $trailers i32) (local $at i32)
    (if (local.get $lengthText)
      (then (call $header (local.get $headers) (i32.const 0x280) (i32.const 14) (local.get $lengthText)
        (local.get $lengthLen))))
    (local.set $obody (call $start (local.get $out) (local.get $headers)))
    (local.set $stream (i32.load (i32.const 0x810)))
    (block $filled
      (loop $fill
        (br_if $filled (i32.eq (local.get $j) (i32.const 65536)))
        (i32.store8 (i32.add (i32.const 0x300000) (local.get $j)) (local.get $j))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $fill)))
    (block $done
      (loop $chunk
        (br_if $done (i32.ge_u (local.get $sent) (local.get $total)))
        (i32.store (i32.const 0x300000) (i32.shr_u (local.get $sent) (i32.const 16)))
        (local.set $len (i32.sub (local.get $total) (local.get $sent)))
        (if (i32.gt_u (local.get $len) (i32.const 65536)) (then (local.set $len (i32.const 65536))))
        (local.set $waits (i32.add (local.get $waits)
          (call $write-granted (local.get $stream) (i32.const 0x300000) (local.get $len))))
        (local.set $sent (i32.add (local.get $sent) (local.get $len)))
        (br $chunk)))
    (if (global.get $trap-before-finish) (then unreachable))
    (call $drop-output (local.get $stream))
    (if (local.get $lengthText)
      (then (call $finish-logged (local.get $obody) (i32.const 0)))
      (else
        (local.set $trailers (call $new-fields))
        (local.set $at (call $decimal (i32.const 0x880) (local.get $waits)))
        (call $header (local.get $trailers) (i32.const 0x2b0) (i32.const 7) (i32.const 0x880)
          (i32.sub (local.get $at) (i32.const 0x880)))
        (call $finish-logged (local.get $obody) (local.get $trailers)))))

  ;; content-length `lengthText` and a body of `len` bytes at `body`.
  (func $mismatch (param $out i32) (param $headers i32) (param $lengthText i32) (param $lengthLen i32)
                  (param $body i32) (param $len i32)
    (local $obody i32) (local $stream i32)
    (call $header (local.get $headers) (i32.const 0x280) (i32.const 14) (local.get $lengthText) (local.get $lengthLen))
    (local.set $obody (call $start (local.get $out) (local.get $headers)))
    (local.set $stream (i32.load (i32.const 0x810)))
    (drop (call $write-granted (local.get $stream) (local.get $body) (local.get $len)))
    (call $drop-output (local.get $stream))
    (call $finish-logged (local.get $obody) (i32.const 0)))

  ;; "first\n", a second's wait, "second\n".
  (func $slow (param $out i32) (param $headers i32)
    (local $obody i32) (local $stream i32) (local $p i32)
    (local.set $obody (call $start (local.get $out) (local.get $headers)))
    (local.set $stream (i32.load (i32.const 0x810)))
    (call $write (local.get $stream) (i32.const 0x328) (i32.const 6) (i32.const 0x800))
    (local.set $p (call $sleep-pollable (i64.const 1000000000)))
    (call $block (local.get $p))
    (call $drop-pollable (local.get $p))
    (call $write (local.get $stream) (i32.const 0x32e) (i32.const 7) (i32.const 0x800))
    (call $drop-output (local.get $stream))
    (call $finish-logged (local.get $obody) (i32.const 0)))

  ;; The request's body back as it is read, 64 KiB at a time.
  (func $echo-stream (param $request i32) (param $out i32) (param $headers i32)
    (local $body i32) (local $in i32) (local $obody i32) (local $stream i32)
    (call $consume (local.get $request) (i32.const 0x900))
    (local.set $body (i32.load (i32.const 0x904)))
    (call $body-stream (local.get $body) (i32.const 0x900))
    (local.set $in (i32.load (i32.const 0x904)))
    (local.set $obody (call $start (local.get $out) (local.get $headers)))
    (local.set $stream (i32.load (i32.const 0x810)))
    (block $eof
      (loop $more
        (call $read (local.get $in) (i64.const 65536) (i32.const 0x900))
        (br_if $eof (i32.load8_u (i32.const 0x900)))
        (call $write (local.get $stream) (i32.load (i32.const 0x904)) (i32.load (i32.const 0x908)) (i32.const 0x800))
        (if (i32.load8_u (i32.const 0x800)) (then unreachable))
        (global.set $heap (i32.const 0x10000))  ;; the chunk is sent: reuse its space
        (br $more)))
    (call $drop-input (local.get $in))
    (call $drop-incoming-body (local.get $body))
    (call $drop-output (local.get $stream))
    (call $finish-logged (local.get $obody) (i32.const 0)))

  (func (export "wasi:http/incoming-handler@0.2.12#handle") (param $request i32) (param $out i32)
    (local $p i32) (local $plen i32) (local $headers i32) (local $body i32) (local $in i32)
    (local $buf i32) (local $len i32) (local $chunk i32) (local $values i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (call $path (local.get $request) (i32.const 0x900))
    (local.set $p (i32.load (i32.const 0x904)))
    (local.set $plen (i32.load (i32.const 0x908)))
    (local.set $headers (call $new-fields))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x120) (i32.const 5))
      (then unreachable))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x100) (i32.const 1))
      (then
        (call $header (local.get $headers) (i32.const 0x170) (i32.const 12) (i32.const 0x180) (i32.const 10))
        (call $header (local.get $headers) (i32.const 0x190) (i32.const 11) (i32.const 0x1a0) (i32.const 4))
        (call $respond (i32.const 0) (local.get $out) (i32.const 200) (local.get $headers) (i32.const 0x140) (i32.const 16))
        (return)))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x130) (i32.const 6))
      (then
        (i32.store8 (i32.const 0x1c6) (i32.add (i32.const 0x30) (global.get $calls)))
        (call $respond (i32.const 0) (local.get $out) (i32.const 200) (local.get $headers) (i32.const 0x1c0) (i32.const 8))
        (return)))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x110) (i32.const 5))
      (then
        ;; Copy the request's x-echo values to the response.
        (call $fields-get (call $request-headers (local.get $request)) (i32.const 0x1b0) (i32.const 6)
          (i32.const 0x900))
        (if (i32.load (i32.const 0x904))
          (then
            (local.set $values (i32.load (i32.const 0x900)))
            (call $header (local.get $headers) (i32.const 0x1b0) (i32.const 6)
              (i32.load (local.get $values)) (i32.load offset=4 (local.get $values)))))
        ;; Read the whole body into one buffer.
        (call $consume (local.get $request) (i32.const 0x900))
        (local.set $body (i32.load (i32.const 0x904)))
        (call $body-stream (local.get $body) (i32.const 0x900))
        (local.set $in (i32.load (i32.const 0x904)))
        (local.set $buf (i32.const 0x200000))
        (block $eof
          (loop $more
            (call $read (local.get $in) (i64.const 65536) (i32.const 0x900))
            (br_if $eof (i32.load8_u (i32.const 0x900)))
            (local.set $chunk (i32.load (i32.const 0x908)))
            (memory.copy (i32.add (local.get $buf) (local.get $len)) (i32.load (i32.const 0x904))
              (local.get $chunk))
            (local.set $len (i32.add (local.get $len) (local.get $chunk)))
            (global.set $heap (i32.const 0x10000))  ;; the chunk is copied: reuse its space
            (br $more)))
        (call $drop-input (local.get $in))
        (call $drop-incoming-body (local.get $body))
        (call $respond (i32.const 0) (local.get $out) (i32.const 200) (local.get $headers) (local.get $buf) (local.get $len))
        (return)))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x230) (i32.const 7))
      (then
        (call $stream (local.get $out) (local.get $headers) (i32.const 20971520) (i32.const 0) (i32.const 0))
        (return)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x240) (i32.const 14))
      (then
        (call $stream (local.get $out) (local.get $headers) (i32.const 20971520) (i32.const 0x290) (i32.const 8))
        (return)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x250) (i32.const 13))
      (then
        (call $stream (local.get $out) (local.get $headers) (i32.const 131072) (i32.const 0x2a0) (i32.const 6))
        (return)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x310) (i32.const 12))
      (then
        (global.set $trap-before-finish (i32.const 1))
        (call $stream (local.get $out) (local.get $headers) (i32.const 131072) (i32.const 0) (i32.const 0))))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x320) (i32.const 5))
      (then
        (call $slow (local.get $out) (local.get $headers))
        (return)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x260) (i32.const 6))
      (then
        (call $mismatch (local.get $out) (local.get $headers) (i32.const 0x2a8) (i32.const 2) (i32.const 0x2c0)
          (i32.const 5))
        (return)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x268) (i32.const 5))
      (then
        (call $mismatch (local.get $out) (local.get $headers) (i32.const 0x2ac) (i32.const 1) (i32.const 0x2c0)
          (i32.const 7))
        (return)))
    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x270) (i32.const 12))
      (then
        (call $echo-stream (local.get $request) (local.get $out) (local.get $headers))
        (return)))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x200) (i32.const 9))
      (then
        (local.set $values (call $new-fields))
        (call $header (local.get $values) (i32.const 0x210) (i32.const 10) (i32.const 0x1a0) (i32.const 4))
        (call $respond (local.get $values) (local.get $out) (i32.const 200) (local.get $headers) (i32.const 0x220)
          (i32.const 14))
        (return)))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x1d0) (i32.const 5))
      (then
        (call $sizes (local.get $out) (local.get $headers))
        (return)))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x1e0) (i32.const 5))
      (then
        (drop (memory.grow (i32.const 16)))
        (drop (table.grow $t (ref.null func) (i32.const 4)))
        (i32.store8 (i32.const 0x4f0000) (i32.const 1))
        (call $sizes (local.get $out) (local.get $headers))
        (return)))

    (if (call $streq (local.get $p) (local.get $plen) (i32.const 0x1f0) (i32.const 11))
      (then
        (i32.store8 (i32.const 0x1c6) (i32.const 0x39))
        (drop (memory.grow (i32.const 1)))
        unreachable))

    (call $respond (i32.const 0) (local.get $out) (i32.const 404) (local.get $headers) (i32.const 0x160) (i32.const 10))))
