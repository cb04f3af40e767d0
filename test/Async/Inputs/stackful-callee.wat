;; Two components in one executable, both WASI 0.3 async, the callee
;; stackful: $callee exports `double: async func(x: u32) -> u32`, lifted
;; async without a callback. It waits 1 ms on the host (async-lowered
;; wait-for) in waitable-set.wait, which suspends its fiber, and then
;; task.returns 2x with x still in a local of the suspended frame. The
;; root's run (async, callback) calls it twice: async-lowered (a subtask it waits on in a waitable set,
;; the result written to its memory when the event is delivered), and
;; sync-lowered (the adapter blocks until the callee returns). Every check
;; that fails is `unreachable`; all passing ends in task.return(err), exit 1.
(component
  (type $clk (instance
    (type $w (func async (param "how-long" u64)))
    (export "wait-for" (func (type $w)))))
  (import "wasi:clocks/monotonic-clock@0.3.0" (instance $clock (type $clk)))
  (alias export $clock "wait-for" (func $wait-for))

  (component $callee
    (import "wait-for" (func $wait-for async (param "how-long" u64)))
    (core module $m
      (import "" "wait-for" (func $wait-for (param i64) (result i32)))
      (import "" "task.return" (func $task-return (param i32)))
      (import "" "context.get" (func $context-get (result i32)))
      (import "" "context.set" (func $context-set (param i32)))
      (import "" "waitable-set.new" (func $set-new (result i32)))
      (import "" "waitable.join" (func $join (param i32 i32)))
      (import "" "subtask.drop" (func $subtask-drop (param i32)))
      (import "" "memory" (memory 1))
      (import "" "waitable-set.wait" (func $wait (param i32 i32) (result i32)))
      (func (export "double") (param $x i32)
        (local $packed i32) (local $set i32)
        (local.set $packed (call $wait-for (i64.const 1000000)))
        (if (i32.ne (i32.and (local.get $packed) (i32.const 0xf)) (i32.const 1)) (then unreachable))
        (local.set $set (call $set-new))
        (call $join (i32.shr_u (local.get $packed) (i32.const 4)) (local.get $set))
        ;; SUBTASK event for our subtask, RETURNED
        (if (i32.ne (call $wait (local.get $set) (i32.const 0)) (i32.const 1)) (then unreachable))
        (if (i32.ne (i32.load (i32.const 4)) (i32.const 2)) (then unreachable))
        (call $subtask-drop (i32.load (i32.const 0)))
        (call $task-return (i32.mul (local.get $x) (i32.const 2)))))
    (core func $wait-for-lowered (canon lower (func $wait-for) async))
    (core func $task-return (canon task.return (result u32)))
    (core func $context-get (canon context.get i32 0))
    (core func $context-set (canon context.set i32 0))
    (core func $set-new (canon waitable-set.new))
    (core func $join (canon waitable.join))
    (core func $subtask-drop (canon subtask.drop))
    (core module $memory-holder (memory (export "m") 1))
    (core instance $mem (instantiate $memory-holder))
    (alias core export $mem "m" (core memory $m))
    (core func $wait (canon waitable-set.wait (memory $m)))
    (core instance $imports (export "wait-for" (func $wait-for-lowered))
                            (export "waitable-set.wait" (func $wait))
                            (export "memory" (memory $m))
                            (export "task.return" (func $task-return))
                            (export "context.get" (func $context-get))
                            (export "context.set" (func $context-set))
                            (export "waitable-set.new" (func $set-new))
                            (export "waitable.join" (func $join))
                            (export "subtask.drop" (func $subtask-drop)))
    (core instance $i (instantiate $m (with "" (instance $imports))))
    (func (export "double") async (param "x" u32) (result u32)
      (canon lift (core func $i "double") async)))
  (instance $c (instantiate $callee (with "wait-for" (func $wait-for))))
  (alias export $c "double" (func $double))

  (core module $main
    (import "" "double-async" (func $double-async (param i32 i32) (result i32)))
    (import "" "double-sync" (func $double-sync (param i32) (result i32)))
    (import "" "task.return" (func $task-return (param i32)))
    (import "" "waitable-set.new" (func $set-new (result i32)))
    (import "" "waitable.join" (func $join (param i32 i32)))
    (import "" "subtask.drop" (func $subtask-drop (param i32)))
    (import "" "memory" (memory 1))  ;; the memory the async lower writes to
    (func (export "run") (result i32)
      (local $packed i32) (local $set i32)
      (i32.store (i32.const 64) (i32.const 0))
      ;; async: 21 -> result at address 64
      (local.set $packed (call $double-async (i32.const 21) (i32.const 64)))
      (if (i32.ne (i32.and (local.get $packed) (i32.const 0xf)) (i32.const 1)) (then unreachable))
      (local.set $set (call $set-new))
      (call $join (i32.shr_u (local.get $packed) (i32.const 4)) (local.get $set))
      (i32.or (i32.const 2) (i32.shl (local.get $set) (i32.const 4))))
    (func (export "callback") (param $event i32) (param $handle i32) (param $state i32) (result i32)
      (if (i32.ne (local.get $event) (i32.const 1)) (then unreachable))  ;; SUBTASK
      (if (i32.ne (local.get $state) (i32.const 2)) (then unreachable))  ;; RETURNED
      (call $subtask-drop (local.get $handle))
      (if (i32.ne (i32.load (i32.const 64)) (i32.const 42)) (then unreachable))
      ;; sync: blocks in the adapter until the callee's task.return
      (if (i32.ne (call $double-sync (i32.const 50)) (i32.const 100)) (then unreachable))
      (call $task-return (i32.const 1))
      (i32.const 0)))
  (core func $double-sync (canon lower (func $double)))
  (type $r (result))
  (core func $task-return (canon task.return (result $r)))
  (core func $set-new (canon waitable-set.new))
  (core func $join (canon waitable.join))
  (core func $subtask-drop (canon subtask.drop))
  (core module $memory-holder (memory (export "m") 1))
  (core instance $mem (instantiate $memory-holder))
  (alias core export $mem "m" (core memory $m))
  (core func $double-async (canon lower (func $double) async (memory $m)))
  (core instance $imports (export "double-async" (func $double-async))
                          (export "double-sync" (func $double-sync))
                          (export "task.return" (func $task-return))
                          (export "waitable-set.new" (func $set-new))
                          (export "waitable.join" (func $join))
                          (export "subtask.drop" (func $subtask-drop))
                          (export "memory" (memory $m)))
  (core instance $i (instantiate $main (with "" (instance $imports))))
  (type $run-type (func async (result $r)))
  (func $run (type $run-type) (canon lift (core func $i "run") async (callback (core func $i "callback"))))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.3.0" (instance $run-instance)))
