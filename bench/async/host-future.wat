;; bench/run's host completion to guest callback: run (async, callback)
;; asks wasi:clocks' wait-for(1 ns) @N@ times, one after another. Each
;; call is a host subtask (STARTED) the guest joins to its waitable set
;; before returning WAIT; the event loop finds the deadline passed,
;; resolves the subtask and calls the callback with SUBTASK/RETURNED,
;; which drops it and starts the next. bench/run substitutes the count
;; and times two builds to take the per-round cost from the difference.
(component
  (type $clk (instance
    (type $w (func async (param "how-long" u64)))
    (export "wait-for" (func (type $w)))))
  (import "wasi:clocks/monotonic-clock@0.3.0" (instance $clock (type $clk)))
  (alias export $clock "wait-for" (func $wait-for))
  (core module $m
    (import "" "wait-for" (func $wait-for (param i64) (result i32)))
    (import "" "task.return" (func $task-return (param i32)))
    (import "" "waitable-set.new" (func $set-new (result i32)))
    (import "" "waitable.join" (func $join (param i32 i32)))
    (import "" "subtask.drop" (func $subtask-drop (param i32)))
    (memory (export "memory") 1)
    (global $left (mut i32) (i32.const @N@))
    (global $set (mut i32) (i32.const 0))
    ;; Starts the next wait, or finishes: the callback code to return.
    (func $next (result i32)
      (local $packed i32)
      (if (i32.eqz (global.get $left))
        (then
          (call $task-return (i32.const 0))
          (return (i32.const 0))))  ;; EXIT
      (global.set $left (i32.sub (global.get $left) (i32.const 1)))
      (local.set $packed (call $wait-for (i64.const 1)))
      ;; STARTED (1) with a subtask handle
      (if (i32.ne (i32.and (local.get $packed) (i32.const 0xf)) (i32.const 1)) (then unreachable))
      (call $join (i32.shr_u (local.get $packed) (i32.const 4)) (global.get $set))
      (i32.or (i32.const 2) (i32.shl (global.get $set) (i32.const 4))))  ;; WAIT on the set
    (func (export "run") (result i32)
      (global.set $set (call $set-new))
      (call $next))
    (func (export "callback") (param $event i32) (param $handle i32) (param $state i32) (result i32)
      (if (i32.ne (local.get $event) (i32.const 1)) (then unreachable))  ;; SUBTASK
      (if (i32.ne (local.get $state) (i32.const 2)) (then unreachable))  ;; RETURNED
      (call $subtask-drop (local.get $handle))
      (call $next)))
  (core func $wait-for-lowered (canon lower (func $wait-for) async))
  (type $result (result))
  (core func $task-return (canon task.return (result $result)))
  (core func $set-new (canon waitable-set.new))
  (core func $join (canon waitable.join))
  (core func $subtask-drop (canon subtask.drop))
  (core instance $imports (export "wait-for" (func $wait-for-lowered))
                          (export "task.return" (func $task-return))
                          (export "waitable-set.new" (func $set-new))
                          (export "waitable.join" (func $join))
                          (export "subtask.drop" (func $subtask-drop)))
  (core instance $i (instantiate $m (with "" (instance $imports))))
  (type $run-type (func async (result $result)))
  (func $run (type $run-type)
    (canon lift (core func $i "run") async (callback (core func $i "callback"))))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.3.0" (instance $run-instance)))
