;; A wasi:http/incoming-handler that may leave a descriptor open
;; (test/Http/serve-descriptors.test): a GET creates a wasi:sockets TCP
;; socket and never drops it, then answers 200 "socket"; a POST just
;; answers 200 "none"; a PUT creates one and traps holding it. The server
;; must close what each request left open (its restore puts the handle
;; table back, not the kernel's descriptors).
(module
  (import "wasi:http/types@0.2.12" "[method]incoming-request.method" (func $method (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $new-fields (result i32)))
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-response" (func $new-response (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.body" (func $response-body (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-body.write" (func $body-write (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[static]outgoing-body.finish" (func $finish (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[static]response-outparam.set"
    (func $set-response (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func $drop-output (param i32)))
  (import "wasi:sockets/tcp-create-socket@0.2.12" "create-tcp-socket" (func $create-tcp-socket (param i32 i32)))

  (memory (export "memory") 1)
  (data (i32.const 0x100) "socket\n")
  (data (i32.const 0x110) "none\n")

  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0x1000))

  ;; A socket (ipv4) whose handle is dropped by no one; traps if none is made.
  (func $leak
    (call $create-tcp-socket (i32.const 0) (i32.const 0x800))
    (if (i32.load8_u (i32.const 0x800)) (then unreachable)))

  (func $respond (param $out i32) (param $body i32) (param $len i32)
    (local $response i32) (local $obody i32) (local $stream i32)
    (local.set $response (call $new-response (call $new-fields)))
    (call $response-body (local.get $response) (i32.const 0x800))
    (local.set $obody (i32.load (i32.const 0x804)))
    (call $body-write (local.get $obody) (i32.const 0x800))
    (local.set $stream (i32.load (i32.const 0x804)))
    (call $set-response (local.get $out) (i32.const 0) (local.get $response) (i32.const 0)
      (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (call $write (local.get $stream) (local.get $body) (local.get $len) (i32.const 0x800))
    (call $drop-output (local.get $stream))
    (call $finish (local.get $obody) (i32.const 0) (i32.const 0) (i32.const 0x800)))

  (func (export "wasi:http/incoming-handler@0.2.12#handle") (param $request i32) (param $out i32)
    (local $m i32)
    ;; method: get 0, head 1, post 2, put 3, ...
    (call $method (local.get $request) (i32.const 0x900))
    (local.set $m (i32.load8_u (i32.const 0x900)))
    (if (i32.eq (local.get $m) (i32.const 2))
      (then (call $respond (local.get $out) (i32.const 0x110) (i32.const 5)) (return)))
    (call $leak)
    (if (i32.eq (local.get $m) (i32.const 3)) (then unreachable))
    (call $respond (local.get $out) (i32.const 0x100) (i32.const 7))))
