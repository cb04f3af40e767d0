;; bench/run's async call round trip: two components in one executable.
;; $callee exports `id: async func(x: u32) -> u32`, lifted with a callback,
;; whose core function task.returns x at once (EXIT, the callback is never
;; called). The root's run (async, callback) calls it @ASYNC_N@ times
;; async-lowered (each call RETURNED at once, the result in memory) and
;; then @SYNC_N@ times sync-lowered (through the fused adapter), checking
;; every result. bench/run substitutes the counts and times two builds
;; to take the per-call cost from the difference.
(component
  (component $callee
    (core module $m
      (import "" "task.return" (func $task-return (param i32)))
      (func (export "id") (param $x i32) (result i32)
        (call $task-return (local.get $x))
        (i32.const 0))
      (func (export "callback") (param i32 i32 i32) (result i32) unreachable))
    (core func $task-return (canon task.return (result u32)))
    (core instance $imports (export "task.return" (func $task-return)))
    (core instance $i (instantiate $m (with "" (instance $imports))))
    (func (export "id") async (param "x" u32) (result u32)
      (canon lift (core func $i "id") async (callback (core func $i "callback")))))
  (instance $c (instantiate $callee))
  (alias export $c "id" (func $id))

  (core module $main
    (import "" "id-async" (func $id-async (param i32 i32) (result i32)))
    (import "" "id-sync" (func $id-sync (param i32) (result i32)))
    (import "" "task.return" (func $task-return (param i32)))
    (import "" "memory" (memory 1))
    (func (export "run") (result i32)
      (local $i i32)
      (local.set $i (i32.const @ASYNC_N@))
      (block $done
        (loop $calls
          (br_if $done (i32.eqz (local.get $i)))
          ;; RETURNED (2), no subtask: the callee returned at once
          (if (i32.ne (call $id-async (local.get $i) (i32.const 64)) (i32.const 2)) (then unreachable))
          (if (i32.ne (i32.load (i32.const 64)) (local.get $i)) (then unreachable))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (br $calls)))
      (local.set $i (i32.const @SYNC_N@))
      (block $done
        (loop $calls
          (br_if $done (i32.eqz (local.get $i)))
          (if (i32.ne (call $id-sync (local.get $i)) (local.get $i)) (then unreachable))
          (local.set $i (i32.sub (local.get $i) (i32.const 1)))
          (br $calls)))
      (call $task-return (i32.const 0))
      (i32.const 0)))
  (core func $id-sync (canon lower (func $id)))
  (type $r (result))
  (core func $task-return (canon task.return (result $r)))
  (core module $memory-holder (memory (export "m") 1))
  (core instance $mem (instantiate $memory-holder))
  (alias core export $mem "m" (core memory $m))
  (core func $id-async (canon lower (func $id) async (memory $m)))
  (core instance $imports (export "id-async" (func $id-async))
                          (export "id-sync" (func $id-sync))
                          (export "task.return" (func $task-return))
                          (export "memory" (memory $m)))
  (core instance $i (instantiate $main (with "" (instance $imports))))
  (core module $cb (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $cbi (instantiate $cb))
  (type $run-type (func async (result $r)))
  (func $run (type $run-type) (canon lift (core func $i "run") async (callback (core func $cbi "cb"))))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.3.0" (instance $run-instance)))
