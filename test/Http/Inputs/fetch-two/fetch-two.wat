;; Two GETs of http://$TARGET/slow at once through wasi:http/outgoing-handler:
;; both handled, both futures' pollables polled together (wasi:io/poll.poll)
;; until each is ready, then both responses taken; prints "ready N" as each
;; future becomes ready and "status N" for each. TARGET is the environment's
;; first variable.
(module
  (import "wasi:cli/environment@0.2.12" "get-environment" (func $get-env (param i32)))
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/poll@0.2.12" "poll" (func $poll (param i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $new-fields (result i32)))
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-request" (func $new-request (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-scheme"
    (func $set-scheme (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-authority"
    (func $set-authority (param i32 i32 i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-request.set-path-with-query"
    (func $set-path (param i32 i32 i32 i32) (result i32)))
  (import "wasi:http/outgoing-handler@0.2.12" "handle" (func $handle (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]future-incoming-response.subscribe"
    (func $subscribe (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]future-incoming-response.get" (func $get (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]incoming-response.status" (func $status (param i32) (result i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 0x8000))
  (global $out (mut i32) (i32.const 0))
  (data (i32.const 0x100) "/slow")
  (data (i32.const 0x110) "status ")
  (data (i32.const 0x120) "error ")
  (data (i32.const 0x130) "ready ")

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

  ;; A GET of /slow at the environment's first value: its future.
  (func $send (param $env i32) (result i32)
    (local $req i32)
    (local.set $req (call $new-request (call $new-fields)))
    (drop (call $set-scheme (local.get $req) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
    (drop (call $set-authority (local.get $req) (i32.const 1)
      (i32.load offset=8 (local.get $env)) (i32.load offset=12 (local.get $env))))
    (drop (call $set-path (local.get $req) (i32.const 1) (i32.const 0x100) (i32.const 5)))
    (call $handle (local.get $req) (i32.const 0) (i32.const 0) (i32.const 0x600))
    (if (i32.load8_u (i32.const 0x600)) (then unreachable))
    (i32.load (i32.const 0x608)))

  ;; The response's status, or the error-code case + 1000.
  (func $take (param $fut i32) (result i32)
    (call $get (local.get $fut) (i32.const 0x600))
    (if (i32.eqz (i32.load8_u (i32.const 0x600))) (then unreachable))
    (if (i32.load8_u (i32.const 0x610))
      (then (return (i32.add (i32.const 1000) (i32.load8_u (i32.const 0x618))))))
    (call $status (i32.load (i32.const 0x618))))

  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $env i32) (local $f1 i32) (local $f2 i32) (local $pending i32) (local $list i32)
    (local $n i32) (local $i i32) (local $index i32) (local $v i32)
    (global.set $out (call $get-stdout))
    (call $get-env (i32.const 0x500))
    (local.set $env (i32.load (i32.const 0x500)))
    (local.set $f1 (call $send (local.get $env)))
    (local.set $f2 (call $send (local.get $env)))
    ;; The pollables, as list<borrow<pollable>> at 0x700: bit i of $pending
    ;; for future i+1 not yet ready.
    (i32.store (i32.const 0x700) (call $subscribe (local.get $f1)))
    (i32.store (i32.const 0x704) (call $subscribe (local.get $f2)))
    (local.set $pending (i32.const 3))
    (block $done
      (loop $wait
        (br_if $done (i32.eqz (local.get $pending)))
        ;; Poll those still pending (one: the second moved to the front).
        (local.set $n (i32.const 2))
        (if (i32.eq (local.get $pending) (i32.const 2))
          (then
            (i32.store (i32.const 0x708) (i32.load (i32.const 0x704)))
            (local.set $n (i32.const 1))))
        (if (i32.eq (local.get $pending) (i32.const 1)) (then (local.set $n (i32.const 1))))
        (call $poll (select (i32.const 0x708) (i32.const 0x700) (i32.eq (local.get $pending) (i32.const 2)))
          (local.get $n) (i32.const 0x710))
        (local.set $list (i32.load (i32.const 0x710)))
        (local.set $i (i32.const 0))
        (block $seen
          (loop $each
            (br_if $seen (i32.ge_u (local.get $i) (i32.load (i32.const 0x714))))
            (local.set $index (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))))
            ;; Which future: index 0 of a list starting with the second is 2.
            (local.set $v (i32.add (local.get $index) (i32.const 1)))
            (if (i32.eq (local.get $pending) (i32.const 2)) (then (local.set $v (i32.const 2))))
            (if (i32.and (local.get $pending) (local.get $v))
              (then
                (call $line (i32.const 0x130) (i32.const 6) (local.get $v))
                (local.set $pending (i32.xor (local.get $pending) (local.get $v)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each)))
        (br $wait)))
    (call $line (i32.const 0x110) (i32.const 7) (call $take (local.get $f1)))
    (call $line (i32.const 0x110) (i32.const 7) (call $take (local.get $f2)))
    (i32.const 0)))
