;; A WASI 0.3 command written by hand: run@0.3.0 lifted async with a
;; callback. The first call stores a counter with context.set, starts
;; wait-for(1 ms) with an async lower, joins the subtask to a new waitable
;; set and returns WAIT; the callback checks the SUBTASK event, reads the
;; counter back with context.get and calls task.return(err) so the exit
;; status shows the whole round trip worked.
(component
  (type $clk (instance
    (type $w (func async (param "how-long" u64)))
    (export "wait-for" (func (type $w)))))
  (import "wasi:clocks/monotonic-clock@0.3.0" (instance $clock (type $clk)))
  (alias export $clock "wait-for" (func $wait-for))
  (core module $m
    (import "" "wait-for" (func $wait-for (param i64) (result i32)))
    (import "" "task.return" (func $task-return (param i32)))
    (import "" "context.get" (func $context-get (result i32)))
    (import "" "context.set" (func $context-set (param i32)))
    (import "" "waitable-set.new" (func $set-new (result i32)))
    (import "" "waitable.join" (func $join (param i32 i32)))
    (import "" "subtask.drop" (func $subtask-drop (param i32)))
    (memory (export "memory") 1)
    (global $set (mut i32) (i32.const 0))
    (func (export "run") (result i32)
      (local $packed i32)
      (call $context-set (i32.const 41))
      (local.set $packed (call $wait-for (i64.const 1000000)))
      ;; STARTED (1) with the subtask's handle above bit 4
      (if (i32.ne (i32.and (local.get $packed) (i32.const 0xf)) (i32.const 1)) (then unreachable))
      (global.set $set (call $set-new))
      (call $join (i32.shr_u (local.get $packed) (i32.const 4)) (global.get $set))
      ;; WAIT (2) on the set
      (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4))))
    (func (export "callback") (param $event i32) (param $handle i32) (param $state i32) (result i32)
      ;; SUBTASK (1) event, RETURNED (2)
      (if (i32.ne (local.get $event) (i32.const 1)) (then unreachable))
      (if (i32.ne (local.get $state) (i32.const 2)) (then unreachable))
      (call $subtask-drop (local.get $handle))
      (if (i32.ne (call $context-get) (i32.const 41)) (then unreachable))
      (call $task-return (i32.const 1))  ;; err: exit status 1
      (i32.const 0)))                    ;; EXIT
  (core func $wait-for-lowered (canon lower (func $wait-for) async))
  (type $result (result))
  (core func $task-return (canon task.return (result $result)))
  (core func $context-get (canon context.get i32 0))
  (core func $context-set (canon context.set i32 0))
  (core func $set-new (canon waitable-set.new))
  (core func $join (canon waitable.join))
  (core func $subtask-drop (canon subtask.drop))
  (core instance $imports (export "wait-for" (func $wait-for-lowered))
                          (export "task.return" (func $task-return))
                          (export "context.get" (func $context-get))
                          (export "context.set" (func $context-set))
                          (export "waitable-set.new" (func $set-new))
                          (export "waitable.join" (func $join))
                          (export "subtask.drop" (func $subtask-drop)))
  (core instance $i (instantiate $m (with "" (instance $imports))))
  (type $run-type (func async (result $result)))
  (func $run (type $run-type)
    (canon lift (core func $i "run") async (callback (core func $i "callback"))))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.3.0" (instance $run-instance)))
