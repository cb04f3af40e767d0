;; Task rules of the async ABI (CanonicalABI.md's Task): may_block,
;; backpressure, context slots per task, cancellation of a started callee, a
;; callee yielding on its own fiber, task.return's type.

;; A start function is a sync task: waiting traps.
(assert_trap
  (component
    (core module $Mem (memory (export "mem") 1))
    (core instance $mem (instantiate $Mem))
    (core func $new (canon waitable-set.new))
    (core func $wait (canon waitable-set.wait (memory (core memory $mem "mem"))))
    (core module $M
      (import "" "new" (func $new (result i32)))
      (import "" "wait" (func $wait (param i32 i32) (result i32)))
      (func $start (drop (call $wait (call $new) (i32.const 0))))
      (start $start))
    (core instance (instantiate $M (with "" (instance
      (export "new" (func $new)) (export "wait" (func $wait))))))
  )
  "cannot block a synchronous task before returning")

;; A sync export calling an `async`-typed function through a sync lower
;; traps before the callee runs (its `unreachable` is never reached).
(component
  (component $Callee
    (core module $M
      (func (export "f") (result i32) unreachable)
      (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
    (core instance $m (instantiate $M))
    (func (export "f") async (canon lift (core func $m "f") async (callback (core func $m "cb")))))
  (component $Caller
    (import "f" (func $f async))
    (core func $f (canon lower (func $f)))
    (core module $M
      (import "" "f" (func $f))
      (func (export "run") (call $f)))
    (core instance $m (instantiate $M (with "" (instance (export "f" (func $f))))))
    (func (export "run") (canon lift (core func $m "run"))))
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller (with "f" (func $callee "f"))))
  (export "block-in-sync" (func $caller "run")))
(assert_trap (invoke "block-in-sync") "cannot block a synchronous task before returning")

;; backpressure.dec below zero traps; inc/dec pairs do not.
(component
  (core func $inc (canon backpressure.inc))
  (core func $dec (canon backpressure.dec))
  (core module $M
    (import "" "inc" (func $inc))
    (import "" "dec" (func $dec))
    (func (export "pair") (call $inc) (call $inc) (call $dec) (call $dec))
    (func (export "under") (call $dec)))
  (core instance $m (instantiate $M (with "" (instance (export "inc" (func $inc)) (export "dec" (func $dec))))))
  (func (export "pair") (canon lift (core func $m "pair")))
  (func (export "under") (canon lift (core func $m "under"))))
(assert_return (invoke "pair"))
(assert_trap (invoke "under") "backpressure counter overflow")

;; Context slots 0 and 1 belong to the task: a sync callee starts with
;; zeroes although its caller set both, and its own values do not leak back.
(component
  (component $Callee
    (core func $get0 (canon context.get i32 0))
    (core func $get1 (canon context.get i32 1))
    (core func $set1 (canon context.set i32 1))
    (core module $M
      (import "" "get0" (func $get0 (result i32)))
      (import "" "get1" (func $get1 (result i32)))
      (import "" "set1" (func $set1 (param i32)))
      (func (export "peek") (result i32)
        (local $r i32)
        (local.set $r (i32.add (call $get0) (call $get1)))
        (call $set1 (i32.const 77))
        (local.get $r)))
    (core instance $m (instantiate $M (with "" (instance
      (export "get0" (func $get0)) (export "get1" (func $get1)) (export "set1" (func $set1))))))
    (func (export "peek") (result u32) (canon lift (core func $m "peek"))))
  (component $Caller
    (import "peek" (func $peek (result u32)))
    (core func $peek (canon lower (func $peek)))
    (core func $get1 (canon context.get i32 1))
    (core func $set0 (canon context.set i32 0))
    (core func $set1 (canon context.set i32 1))
    (core module $M
      (import "" "peek" (func $peek (result i32)))
      (import "" "get1" (func $get1 (result i32)))
      (import "" "set0" (func $set0 (param i32)))
      (import "" "set1" (func $set1 (param i32)))
      (func (export "run") (result i32)
        (call $set0 (i32.const 5))
        (call $set1 (i32.const 6))
        (if (i32.ne (call $peek) (i32.const 0)) (then unreachable))
        (call $get1)))
    (core instance $m (instantiate $M (with "" (instance
      (export "peek" (func $peek)) (export "get1" (func $get1))
      (export "set0" (func $set0)) (export "set1" (func $set1))))))
    (func (export "run") (result u32) (canon lift (core func $m "run"))))
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller (with "peek" (func $callee "peek"))))
  (export "context" (func $caller "run")))
(assert_return (invoke "context") (u32.const 6))

;; subtask.cancel of a started callback callee waiting on an empty set:
;; TASK_CANCELLED reaches its callback, which calls task.cancel, so the
;; cancel returns CANCELLED_BEFORE_RETURNED (4), the result stays unwritten
;; (99) and the callee saw the event (10).
(component
  (component $Callee
    (core func $new (canon waitable-set.new))
    (core func $cancel (canon task.cancel))
    (core module $M
      (import "" "new" (func $new (result i32)))
      (import "" "cancel" (func $cancel))
      (func (export "f") (result i32) (i32.or (i32.const 2) (i32.shl (call $new) (i32.const 4))))
      (global $seen (mut i32) (i32.const 0))
      (func (export "cb") (param $code i32) (param i32 i32) (result i32)
        (if (i32.ne (local.get $code) (i32.const 6)) (then unreachable))
        (global.set $seen (i32.const 10))
        (call $cancel)
        (i32.const 0))
      (func (export "seen") (result i32) (global.get $seen)))
    (core instance $m (instantiate $M (with "" (instance (export "new" (func $new)) (export "cancel" (func $cancel))))))
    (func (export "f") async (result u32) (canon lift (core func $m "f") async (callback (core func $m "cb"))))
    (func (export "seen") (result u32) (canon lift (core func $m "seen"))))
  (component $Caller
    (import "f" (func $f async (result u32)))
    (import "seen" (func $seen (result u32)))
    (core func $seen (canon lower (func $seen)))
    (core module $Mem (memory (export "mem") 1))
    (core instance $mem (instantiate $Mem))
    (core func $f (canon lower (func $f) async (memory (core memory $mem "mem"))))
    (core func $subtask.cancel (canon subtask.cancel))
    (core module $M
      (import "" "mem" (memory 1))
      (import "" "f" (func $f (param i32) (result i32)))
      (import "" "cancel" (func $cancel (param i32) (result i32)))
      (import "" "seen" (func $seen (result i32)))
      (func (export "run") (result i32)
        (local $r i32)
        (i32.store (i32.const 8) (i32.const 99))
        (local.set $r (call $f (i32.const 8)))
        (if (i32.ne (i32.and (local.get $r) (i32.const 0xf)) (i32.const 1)) (then unreachable))
        (local.set $r (call $cancel (i32.shr_u (local.get $r) (i32.const 4))))
        (i32.add (i32.add (local.get $r) (i32.load (i32.const 8))) (call $seen))))
    (core instance $m (instantiate $M (with "" (instance
      (export "mem" (memory $mem "mem")) (export "f" (func $f)) (export "cancel" (func $subtask.cancel))
      (export "seen" (func $seen))))))
    (func (export "run") (result u32) (canon lift (core func $m "run"))))
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller (with "f" (func $callee "f")) (with "seen" (func $callee "seen"))))
  (export "cancel" (func $caller "run")))
(assert_return (invoke "cancel") (u32.const 113))

;; A callback callee's first core call yields forever on a fiber of its
;; own: its async caller gets STARTED and returns (no livelock).
(component
  (component $Callee
    (core func $yield (canon thread.yield))
    (core module $M
      (import "" "yield" (func $yield (result i32)))
      (func (export "spin") (result i32) (loop (drop (call $yield)) (br 0)) unreachable)
      (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
    (core instance $m (instantiate $M (with "" (instance (export "yield" (func $yield))))))
    (func (export "spin") async (canon lift (core func $m "spin") async (callback (core func $m "cb")))))
  (component $Caller
    (import "spin" (func $spin async))
    (core func $spin (canon lower (func $spin) async))
    (core module $M
      (import "" "spin" (func $spin (result i32)))
      (func (export "run") (result i32) (i32.and (call $spin) (i32.const 0xf))))
    (core instance $m (instantiate $M (with "" (instance (export "spin" (func $spin))))))
    (func (export "run") async (result u32) (canon lift (core func $m "run"))))
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller (with "spin" (func $callee "spin"))))
  (export "spin" (func $caller "run")))
(assert_return (invoke "spin") (u32.const 1))

;; backpressure.inc holds new async calls: the callee's subtask is STARTING
;; until backpressure.dec, then it starts and returns (7).
(component
  (component $Callee
    (core func $inc (canon backpressure.inc))
    (core func $dec (canon backpressure.dec))
    (core func $return (canon task.return (result u32)))
    (core module $M
      (import "" "inc" (func $inc))
      (import "" "dec" (func $dec))
      (import "" "return" (func $return (param i32)))
      (func (export "hold") (call $inc))
      (func (export "release") (call $dec))
      (func (export "f") (result i32) (call $return (i32.const 7)) (i32.const 0))
      (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
    (core instance $m (instantiate $M (with "" (instance
      (export "inc" (func $inc)) (export "dec" (func $dec)) (export "return" (func $return))))))
    (func (export "hold") (canon lift (core func $m "hold")))
    (func (export "release") (canon lift (core func $m "release")))
    (func (export "f") async (result u32) (canon lift (core func $m "f") async (callback (core func $m "cb")))))
  (component $Caller
    (import "hold" (func $hold))
    (import "release" (func $release))
    (import "f" (func $f async (result u32)))
    (core module $Mem (memory (export "mem") 1))
    (core instance $mem (instantiate $Mem))
    (core func $hold (canon lower (func $hold)))
    (core func $release (canon lower (func $release)))
    (core func $f (canon lower (func $f) async (memory (core memory $mem "mem"))))
    (core func $new (canon waitable-set.new))
    (core func $join (canon waitable.join))
    (core func $wait (canon waitable-set.wait (memory (core memory $mem "mem"))))
    (core module $M
      (import "" "mem" (memory 1))
      (import "" "hold" (func $hold))
      (import "" "release" (func $release))
      (import "" "f" (func $f (param i32) (result i32)))
      (import "" "new" (func $new (result i32)))
      (import "" "join" (func $join (param i32 i32)))
      (import "" "wait" (func $wait (param i32 i32) (result i32)))
      (func (export "run") (result i32)
        (local $r i32) (local $set i32)
        (call $hold)
        (local.set $r (call $f (i32.const 8)))
        (if (i32.ne (i32.and (local.get $r) (i32.const 0xf)) (i32.const 0)) (then unreachable))
        (local.set $set (call $new))
        (call $join (i32.shr_u (local.get $r) (i32.const 4)) (local.get $set))
        (call $release)
        (loop $again
          (if (i32.ne (call $wait (local.get $set) (i32.const 16)) (i32.const 1)) (then unreachable))
          (br_if $again (i32.ne (i32.load (i32.const 20)) (i32.const 2))))
        (i32.load (i32.const 8))))
    (core instance $m (instantiate $M (with "" (instance
      (export "mem" (memory $mem "mem")) (export "hold" (func $hold)) (export "release" (func $release))
      (export "f" (func $f)) (export "new" (func $new)) (export "join" (func $join)) (export "wait" (func $wait))))))
    (func (export "run") async (result u32) (canon lift (core func $m "run"))))
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller
    (with "hold" (func $callee "hold")) (with "release" (func $callee "release")) (with "f" (func $callee "f"))))
  (export "backpressure" (func $caller "run")))
(assert_return (invoke "backpressure") (u32.const 7))

;; task.return of another result type than the task's traps.
(component
  (core func $return (canon task.return (result u32)))
  (core module $M
    (import "" "return" (func $return (param i32)))
    (func (export "f") (result i32) (call $return (i32.const 1)) (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $m (instantiate $M (with "" (instance (export "return" (func $return))))))
  (func (export "mismatch") async (result u8) (canon lift (core func $m "f") async (callback (core func $m "cb")))))
(assert_trap (invoke "mismatch") "invalid `task.return` signature and/or options for current task")
