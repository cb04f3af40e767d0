;; Core modules passed between components: a nested component imports a
;; module at a declared type and instantiates it (twice, with different
;; arguments); a module exported by one component instance is aliased out
;; and given to another; an instance type carries a module; module types
;; are checked against the modules given, contravariantly on imports.

(component
  (component $C
    (import "m" (core module $M
      (import "cfg" "step" (global i32))
      (export "bump" (func (result i32)))))
    (core module $Step1 (global (export "step") i32 (i32.const 1)))
    (core module $Step10 (global (export "step") i32 (i32.const 10)))
    (core instance $s1 (instantiate $Step1))
    (core instance $s10 (instantiate $Step10))
    (core instance $a (instantiate $M (with "cfg" (instance $s1))))
    (core instance $b (instantiate $M (with "cfg" (instance $s10))))
    (func (export "bump-a") (result u32) (canon lift (core func $a "bump")))
    (func (export "bump-b") (result u32) (canon lift (core func $b "bump"))))
  ;; Imports no more than the type says, exports more.
  (core module $Counter
    (import "cfg" "step" (global $step i32))
    (global $g (mut i32) (i32.const 0))
    (func (export "bump") (result i32)
      (global.set $g (i32.add (global.get $g) (global.get $step)))
      (global.get $g))
    (func (export "extra")))
  (instance $c (instantiate $C (with "m" (core module $Counter))))
  (func (export "bump-a") (alias export $c "bump-a"))
  (func (export "bump-b") (alias export $c "bump-b")))

(assert_return (invoke "bump-a") (u32.const 1))
(assert_return (invoke "bump-b") (u32.const 10))
(assert_return (invoke "bump-a") (u32.const 2))
(assert_return (invoke "bump-b") (u32.const 20))

(component
  (component $Provider
    (core module $M (func (export "get") (result i32) (i32.const 42)))
    (export "m" (core module $M)))
  (component $User
    (import "tools" (instance $t
      (export "m" (core module (export "get" (func (result i32)))))))
    (alias export $t "m" (core module $M))
    (core instance $i (instantiate $M))
    (func (export "get") (result u32) (canon lift (core func $i "get"))))
  (instance $p (instantiate $Provider))
  (instance $u (instantiate $User (with "tools" (instance $p))))
  (func (export "get") (alias export $u "get")))

(assert_return (invoke "get") (u32.const 42))

;; Table and memory limits: covariant on exports, contravariant on imports.
(component
  (core module $m
    (import "" "t" (table 1 funcref))
    (memory (export "mem") 2 3))
  (component $c
    (import "m" (core module
      (import "" "t" (table 2 funcref))
      (export "mem" (memory 1)))))
  (instance (instantiate $c (with "m" (core module $m)))))

(assert_invalid
  (component
    (core module $m (memory (export "mem") 1))
    (component $c
      (import "m" (core module (export "mem" (memory 2)))))
    (instance (instantiate $c (with "m" (core module $m)))))
  "type mismatch in export `mem`")

(assert_invalid
  (component
    (core module $m (import "" "t" (table 2 funcref)))
    (component $c
      (import "m" (core module (import "" "t" (table 1 funcref)))))
    (instance (instantiate $c (with "m" (core module $m)))))
  "type mismatch in import `::t`")

(assert_invalid
  (component
    (core module $m (import "" "extra" (func)))
    (component $c (import "m" (core module)))
    (instance (instantiate $c (with "m" (core module $m)))))
  "missing expected import `::extra`")

(assert_invalid
  (component
    (core module $m (func (export "f")))
    (component $c
      (import "m" (core module (export "f" (global i32)))))
    (instance (instantiate $c (with "m" (core module $m)))))
  "type mismatch in export `f`")
