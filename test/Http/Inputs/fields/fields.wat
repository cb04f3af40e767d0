;; wasi:http/types fields as a guest sees them: validation, the forbidden
;; names, case-insensitive names stored lowercase, multiple values, delete,
;; clone, from-list; and outgoing-response's status. Prints one line per step.
(module
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $new (result i32)))
  (import "wasi:http/types@0.2.12" "[static]fields.from-list" (func $from-list (param i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.append" (func $append (param i32 i32 i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.get" (func $get (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.has" (func $has (param i32 i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.delete" (func $delete (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.entries" (func $entries (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]fields.clone" (func $clone (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-response" (func $new-response (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.set-status-code"
    (func $set-status (param i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.status-code" (func $status (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.headers" (func $headers (param i32) (result i32)))

  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 0x8000))
  (global $out (mut i32) (i32.const 0))

  (data (i32.const 0x100) "Content-Type")   ;; 12
  (data (i32.const 0x110) "text/plain")     ;; 10
  (data (i32.const 0x120) "bad name")       ;; 8
  (data (i32.const 0x130) "Host")           ;; 4
  (data (i32.const 0x140) "X-A")            ;; 3
  (data (i32.const 0x150) "x-a")            ;; 3
  (data (i32.const 0x160) "one")            ;; 3
  (data (i32.const 0x170) "two")            ;; 3
  (data (i32.const 0x180) "bad\nvalue")     ;; 9
  (data (i32.const 0x190) "content-type")   ;; 12
  ;; from-list entries: (name ptr, len, value ptr, len) x 2
  (data (i32.const 0x200) "\00\01\00\00\0c\00\00\00\10\01\00\00\0a\00\00\00")
  (data (i32.const 0x210) "\40\01\00\00\03\00\00\00\60\01\00\00\03\00\00\00")
  ;; a from-list with a forbidden name
  (data (i32.const 0x220) "\30\01\00\00\04\00\00\00\60\01\00\00\03\00\00\00")

  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))

  (func $print (param $p i32) (param $n i32)
    (call $write (global.get $out) (local.get $p) (local.get $n) (i32.const 0x400)))
  ;; Prints `label` then the number and a newline.
  (func $line (param $label i32) (param $len i32) (param $v i32)
    (call $print (local.get $label) (local.get $len))
    (i32.store8 (i32.const 0x3f0) (i32.const 0x20))
    (i32.store8 (i32.const 0x3f1) (i32.add (i32.const 0x30) (local.get $v)))
    (i32.store8 (i32.const 0x3f2) (i32.const 0x0a))
    (call $print (i32.const 0x3f0) (i32.const 3)))
  ;; result<_, header-error> at 0x500: 0 for ok, else 1 + the error case.
  (func $outcome (result i32)
    (if (result i32) (i32.load8_u (i32.const 0x500))
      (then (i32.add (i32.const 1) (i32.load8_u (i32.const 0x501))))
      (else (i32.const 0))))

  ;; result<own<fields>, header-error> at 0x500: the payload is at 4.
  (func $outcome4 (result i32)
    (if (result i32) (i32.load8_u (i32.const 0x500))
      (then (i32.add (i32.const 1) (i32.load8_u (i32.const 0x504))))
      (else (i32.const 0))))

  (data (i32.const 0x600) "append-ok")          ;; 9
  (data (i32.const 0x610) "append-bad-name")    ;; 15
  (data (i32.const 0x620) "append-host")        ;; 11
  (data (i32.const 0x630) "append-bad-value")   ;; 16
  (data (i32.const 0x640) "get-x-a-count")      ;; 13
  (data (i32.const 0x650) "has-content-type")   ;; 16
  (data (i32.const 0x670) "entries")            ;; 7
  (data (i32.const 0x680) "delete-ok")          ;; 9
  (data (i32.const 0x690) "has-x-a")            ;; 7
  (data (i32.const 0x6a0) "clone-has-x-a")      ;; 13
  (data (i32.const 0x6b0) "from-list")          ;; 9
  (data (i32.const 0x6c0) "from-list-host")     ;; 14
  (data (i32.const 0x6d0) "status-set-ok")      ;; 13
  (data (i32.const 0x6e0) "status-bad")         ;; 10
  (data (i32.const 0x6f0) "status-is-2xx")      ;; 13
  (data (i32.const 0x700) "response-headers")   ;; 16
  (data (i32.const 0x720) "first-name: ")       ;; 12
  (data (i32.const 0x730) "\n")

  (func (export "wasi:cli/run@0.2.12#run") (result i32)
    (local $f i32) (local $g i32) (local $r i32)
    (global.set $out (call $get-stdout))
    (local.set $f (call $new))
    (call $append (local.get $f) (i32.const 0x100) (i32.const 12) (i32.const 0x110) (i32.const 10) (i32.const 0x500))
    (call $line (i32.const 0x600) (i32.const 9) (call $outcome))
    (call $append (local.get $f) (i32.const 0x120) (i32.const 8) (i32.const 0x110) (i32.const 10) (i32.const 0x500))
    (call $line (i32.const 0x610) (i32.const 15) (call $outcome))
    (call $append (local.get $f) (i32.const 0x130) (i32.const 4) (i32.const 0x110) (i32.const 10) (i32.const 0x500))
    (call $line (i32.const 0x620) (i32.const 11) (call $outcome))
    (call $append (local.get $f) (i32.const 0x140) (i32.const 3) (i32.const 0x180) (i32.const 9) (i32.const 0x500))
    (call $line (i32.const 0x630) (i32.const 16) (call $outcome))
    (call $append (local.get $f) (i32.const 0x140) (i32.const 3) (i32.const 0x160) (i32.const 3) (i32.const 0x500))
    (call $append (local.get $f) (i32.const 0x150) (i32.const 3) (i32.const 0x170) (i32.const 3) (i32.const 0x500))
    (call $get (local.get $f) (i32.const 0x140) (i32.const 3) (i32.const 0x500))
    (call $line (i32.const 0x640) (i32.const 13) (i32.load (i32.const 0x504)))
    (call $line (i32.const 0x650) (i32.const 16)
      (call $has (local.get $f) (i32.const 0x190) (i32.const 12)))
    (call $entries (local.get $f) (i32.const 0x500))
    (call $line (i32.const 0x670) (i32.const 7) (i32.load (i32.const 0x504)))
    ;; The first entry's name, as stored (lowercase).
    (local.set $r (i32.load (i32.const 0x500)))
    (call $print (i32.const 0x720) (i32.const 12))
    (call $print (i32.load (local.get $r)) (i32.load offset=4 (local.get $r)))
    (call $print (i32.const 0x730) (i32.const 1))
    (local.set $g (call $clone (local.get $f)))
    (call $delete (local.get $f) (i32.const 0x150) (i32.const 3) (i32.const 0x500))
    (call $line (i32.const 0x680) (i32.const 9) (call $outcome))
    (call $line (i32.const 0x690) (i32.const 7) (call $has (local.get $f) (i32.const 0x150) (i32.const 3)))
    (call $line (i32.const 0x6a0) (i32.const 13) (call $has (local.get $g) (i32.const 0x150) (i32.const 3)))
    (call $from-list (i32.const 0x200) (i32.const 2) (i32.const 0x500))
    (call $line (i32.const 0x6b0) (i32.const 9) (call $outcome4))
    (call $from-list (i32.const 0x220) (i32.const 1) (i32.const 0x500))
    (call $line (i32.const 0x6c0) (i32.const 14) (call $outcome4))
    (local.set $r (call $new-response (local.get $g)))
    (call $line (i32.const 0x6d0) (i32.const 13) (call $set-status (local.get $r) (i32.const 201)))
    (call $line (i32.const 0x6e0) (i32.const 10) (call $set-status (local.get $r) (i32.const 42)))
    (call $line (i32.const 0x6f0) (i32.const 13) (i32.eq (call $status (local.get $r)) (i32.const 201)))
    (call $line (i32.const 0x700) (i32.const 16)
      (call $has (call $headers (local.get $r)) (i32.const 0x190) (i32.const 12)))
    (i32.const 0)))
