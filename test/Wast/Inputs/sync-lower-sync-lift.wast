;; A sync lower of an `async`-typed function that its callee lifts sync:
;; the callee's task still enters its instance through
;; Task.enter_implicit_thread (CanonicalABI.md), so it waits for the
;; instance's exclusive lock and for backpressure like an async lower's
;; callee does. The fused adapter used to call the callee's core function
;; at once, so both calls below saw the instance mid-way.

;; The exclusive lock. $D async-calls $C.g (lifted sync, `async` type): g
;; sets $state to 1 and yields, holding $C's exclusive lock (a sync lift
;; holds it until it returns), so the call returns STARTED. $D then
;; sync-calls $C.f (lifted sync, `async` type), which must wait for g to
;; return: f returns 2, not 1.
(component
  (component $C
    (core module $M
      (import "" "yield" (func $yield (result i32)))
      (global $state (mut i32) (i32.const 0))
      (func (export "g")
        (global.set $state (i32.const 1))
        (drop (call $yield))
        (global.set $state (i32.const 2)))
      (func (export "f") (result i32) (global.get $state)))
    (core func $yield (canon thread.yield))
    (core instance $m (instantiate $M (with "" (instance (export "yield" (func $yield))))))
    (func (export "g") async (canon lift (core func $m "g")))
    (func (export "f") async (result u32) (canon lift (core func $m "f"))))
  (component $D
    (import "g" (func $g async))
    (import "f" (func $f async (result u32)))
    (core module $M
      (import "" "g" (func $g (result i32)))
      (import "" "f" (func $f (result i32)))
      (func (export "run") (result i32)
        (local $status i32)
        (local.set $status (call $g))
        ;; STARTED (1) with a subtask handle above bit 4.
        (if (i32.ne (i32.and (local.get $status) (i32.const 0xf)) (i32.const 1)) (then unreachable))
        (call $f)))
    (canon lower (func $g) async (core func $g'))
    (canon lower (func $f) (core func $f'))
    (core instance $m (instantiate $M (with "" (instance (export "g" (func $g')) (export "f" (func $f'))))))
    (func (export "run") async (result u32) (canon lift (core func $m "run"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "g" (func $c "g")) (with "f" (func $c "f"))))
  (export "run" (func $d "run"))
)
(assert_return (invoke "run") (u32.const 2))

;; Backpressure. $D async-calls $C.h (stackful): h raises $C's backpressure
;; and yields, so the call returns STARTED. $D then sync-calls $C.f (lifted
;; sync, `async` type), which must wait until h has lowered backpressure
;; again: f sees h's $state 2, not 1.
(component
  (component $C
    (core module $M
      (import "" "yield" (func $yield (result i32)))
      (import "" "inc" (func $inc))
      (import "" "dec" (func $dec))
      (import "" "task.return" (func $task.return))
      (global $state (mut i32) (i32.const 0))
      (func (export "h")
        (call $inc)
        (global.set $state (i32.const 1))
        (drop (call $yield))
        (global.set $state (i32.const 2))
        (call $dec)
        (call $task.return))
      (func (export "f") (result i32) (global.get $state)))
    (core func $yield (canon thread.yield))
    (core func $inc (canon backpressure.inc))
    (core func $dec (canon backpressure.dec))
    (core func $task.return (canon task.return))
    (core instance $m (instantiate $M (with "" (instance
      (export "yield" (func $yield))
      (export "inc" (func $inc))
      (export "dec" (func $dec))
      (export "task.return" (func $task.return))))))
    (func (export "h") async (canon lift (core func $m "h") async))
    (func (export "f") async (result u32) (canon lift (core func $m "f"))))
  (component $D
    (import "h" (func $h async))
    (import "f" (func $f async (result u32)))
    (core module $M
      (import "" "h" (func $h (result i32)))
      (import "" "f" (func $f (result i32)))
      (func (export "run") (result i32)
        (local $status i32)
        (local.set $status (call $h))
        (if (i32.ne (i32.and (local.get $status) (i32.const 0xf)) (i32.const 1)) (then unreachable))
        (call $f)))
    (canon lower (func $h) async (core func $h'))
    (canon lower (func $f) (core func $f'))
    (core instance $m (instantiate $M (with "" (instance (export "h" (func $h')) (export "f" (func $f'))))))
    (func (export "run") async (result u32) (canon lift (core func $m "run"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "h" (func $c "h")) (with "f" (func $c "f"))))
  (export "run" (func $d "run"))
)
(assert_return (invoke "run") (u32.const 2))
