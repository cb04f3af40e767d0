;; A callback turn has the stack its task's first core call has: both run
;; on a fiber of the task's own (1 MiB), so a recursion that fits in one
;; fits in the other, and one too deep for the first core call is too deep
;; for a later callback too (call stack exhausted, not the event loop's
;; larger stack). `first` recurses n deep in its first core call, `later`
;; yields first and recurses in its callback.
(component definition $D
  (core module $M
    (import "" "task.return" (func $task.return (param i32)))
    (func $down (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (call $down (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
    (func (export "first") (param i32) (result i32)
      (call $task.return (call $down (local.get 0)))
      (i32.const 0))
    (func (export "later") (param i32) (result i32)
      (global.set $n (local.get 0))
      (i32.const 1 (; YIELD ;)))
    (global $n (mut i32) (i32.const 0))
    (func (export "cb") (param i32 i32 i32) (result i32)
      (call $task.return (call $down (global.get $n)))
      (i32.const 0)))
  (canon task.return (result u32) (core func $task.return))
  (core instance $m (instantiate $M (with "" (instance (export "task.return" (func $task.return))))))
  (func (export "first") async (param "n" u32) (result u32)
    (canon lift (core func $m "first") async (callback (core func $m "cb"))))
  (func (export "later") async (param "n" u32) (result u32)
    (canon lift (core func $m "later") async (callback (core func $m "cb")))))
(component instance $a $D)
(assert_return (invoke "first" (u32.const 5000)) (u32.const 5000))
(assert_return (invoke "later" (u32.const 5000)) (u32.const 5000))
(component instance $b $D)
(assert_trap (invoke "first" (u32.const 200000)) "call stack exhausted")
(component instance $c $D)
(assert_trap (invoke "later" (u32.const 200000)) "call stack exhausted")
