;; A borrow lifted from the caller's own handle is lent for the call
;; (CanonicalABI.md, lift_borrow): passing the same handle as borrow<R> and
;; then as own<R> in one call traps, and the lend ends with the call.
(component definition $Lender
  (component $C
    (type $R' (resource (rep i32)))
    (export $R "R" (type $R'))
    (core func $new (canon resource.new $R))
    (core func $rep (canon resource.rep $R))
    (core module $m
      (import "" "new" (func $new (param i32) (result i32)))
      (func (export "make") (result i32) (call $new (i32.const 7)))
      (func (export "borrow-and-take") (param i32 i32) (result i32) (local.get 0)))
    (core instance $i (instantiate $m (with "" (instance (export "new" (func $new))))))
    (func (export "make") (result (own $R)) (canon lift (core func $i "make")))
    (func (export "borrow-and-take") (param "b" (borrow $R)) (param "o" (own $R)) (result u32)
      (canon lift (core func $i "borrow-and-take"))))
  (instance $c (instantiate $C))
  (alias export $c "R" (type $R))
  (core func $drop (canon resource.drop $R))
  (core func $make (canon lower (func $c "make")))
  (core func $bt (canon lower (func $c "borrow-and-take")))
  (core module $d
    (import "" "drop" (func $drop (param i32)))
    (import "" "make" (func $make (result i32)))
    (import "" "bt" (func $bt (param i32 i32) (result i32)))
    (func (export "lend-then-take") (result i32)
      (local $a i32) (local $b i32)
      (local.set $a (call $make))
      (local.set $b (call $make))
      ;; Different handles: fine, and the lend of $a ends with the call.
      (drop (call $bt (local.get $a) (local.get $b)))
      (call $drop (local.get $a))
      (i32.const 1))
    (func (export "take-while-lent")
      (local $h i32)
      (local.set $h (call $make))
      (drop (call $bt (local.get $h) (local.get $h)))))
  (core instance $di (instantiate $d (with "" (instance
    (export "drop" (func $drop)) (export "make" (func $make)) (export "bt" (func $bt))))))
  (func (export "lend-then-take") (result u32) (canon lift (core func $di "lend-then-take")))
  (func (export "take-while-lent") (canon lift (core func $di "take-while-lent"))))

(component instance $a $Lender)
(assert_return (invoke "lend-then-take") (u32.const 1))
(component instance $b $Lender)
(assert_trap (invoke "take-while-lent") "cannot remove owned resource while borrowed")
