;; An async-lowered call of a sync-lifted export in another component (its
;; type is `async func`, which the `async` option requires): the
;; callee returns before the call does, so the caller gets RETURNED (2) and
;; the result at its retptr, with no subtask. (The caller is a sync task:
;; wacc-wast invokes exports synchronously.)
(component
  (component $Callee
    (core module $M
      (func (export "f") (param i32) (result i32)
        (i32.add (local.get 0) (i32.const 40))))
    (core instance $m (instantiate $M))
    (func (export "f") async (param "x" u32) (result u32) (canon lift (core func $m "f")))
  )
  (component $Caller
    (import "f" (func $f async (param "x" u32) (result u32)))
    (core module $Memory (memory (export "mem") 1))
    (core instance $memory (instantiate $Memory))
    (alias core export $memory "mem" (core memory $mem))
    (core module $M
      (import "" "mem" (memory 1))
      (import "" "f" (func $f (param i32 i32) (result i32)))
      (func (export "run") (result i32)
        (local $status i32)
        (local.set $status (call $f (i32.const 2) (i32.const 16)))
        (if (i32.ne (local.get $status) (i32.const 2)) (then unreachable))
        (i32.load (i32.const 16))))
    (canon lower (func $f) async (memory $mem) (core func $f'))
    (core instance $m (instantiate $M (with "" (instance
      (export "mem" (memory $mem))
      (export "f" (func $f'))))))
    (func (export "run") (result u32) (canon lift (core func $m "run")))
  )
  (instance $callee (instantiate $Callee))
  (instance $caller (instantiate $Caller (with "f" (func $callee "f"))))
  (func (export "run") (alias export $caller "run"))
)
(assert_return (invoke "run") (u32.const 42))
