;; Reentrance between components (component-model#705: no may_enter trap).

;; Child to parent while the parent's export runs: $C.go calls the root's
;; own lifted `back`, which returns; run returns back's 5 + 1 + 10.
(component
  (core module $M1 (func (export "back") (result i32) (i32.const 5)))
  (core instance $m1 (instantiate $M1))
  (func $back (result u32) (canon lift (core func $m1 "back")))
  (component $C
    (import "back" (func $back (result u32)))
    (canon lower (func $back) (core func $back'))
    (core module $MC
      (import "" "back" (func $back (result i32)))
      (func (export "go") (result i32) (i32.add (call $back) (i32.const 1))))
    (core instance $mc (instantiate $MC (with "" (instance (export "back" (func $back'))))))
    (func (export "go") (result u32) (canon lift (core func $mc "go"))))
  (instance $c (instantiate $C (with "back" (func $back))))
  (canon lower (func $c "go") (core func $go'))
  (core module $M2
    (import "" "go" (func $go (result i32)))
    (func (export "run") (result i32) (i32.add (call $go) (i32.const 10))))
  (core instance $m2 (instantiate $M2 (with "" (instance (export "go" (func $go'))))))
  (func (export "run") (result u32) (canon lift (core func $m2 "run")))
)
(assert_return (invoke "run") (u32.const 16))
(assert_return (invoke "run") (u32.const 16))

;; An `async`-typed export lifted sync holds its instance's exclusive lock
;; for the whole call, also when the host calls it: $C.c's async call of the
;; root's callback-lifted `b` cannot start meanwhile (STARTING, 0), and $C
;; returns that state; were the lock not held, b would return at once
;; (RETURNED, 2).
(component
  (canon task.return (result u32) (core func $task.return))
  (core module $M1
    (import "" "task.return" (func $task.return (param i32)))
    (func (export "b") (result i32)
      (call $task.return (i32.const 42))
      (i32.const 0 (; EXIT ;)))
    (func (export "b-cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $m1 (instantiate $M1 (with "" (instance (export "task.return" (func $task.return))))))
  (func $b async (result u32) (canon lift (core func $m1 "b") async (callback (core func $m1 "b-cb"))))
  (component $C
    (import "b" (func $b async (result u32)))
    (core module $Memory (memory (export "mem") 1))
    (core instance $memory (instantiate $Memory))
    (canon lower (func $b) async (memory (core memory $memory "mem")) (core func $b'))
    (canon task.return (result u32) (core func $task.return))
    (core module $MC
      (import "" "b" (func $b (param i32) (result i32)))
      (import "" "task.return" (func $task.return (param i32)))
      (func (export "c") (result i32)
        (call $task.return (i32.and (call $b (i32.const 0)) (i32.const 0xf)))
        (i32.const 0 (; EXIT ;)))
      (func (export "c-cb") (param i32 i32 i32) (result i32) unreachable))
    (core instance $mc (instantiate $MC (with "" (instance
      (export "b" (func $b'))
      (export "task.return" (func $task.return))))))
    (func (export "c") async (result u32)
      (canon lift (core func $mc "c") async (callback (core func $mc "c-cb")))))
  (instance $c (instantiate $C (with "b" (func $b))))
  (canon lower (func $c "c") (core func $c'))
  (core module $M2
    (import "" "c" (func $c (result i32)))
    (func (export "a") (result i32) (call $c)))
  (core instance $m2 (instantiate $M2 (with "" (instance (export "c" (func $c'))))))
  (func (export "a") async (result u32) (canon lift (core func $m2 "a")))
)
(assert_return (invoke "a") (u32.const 0))
