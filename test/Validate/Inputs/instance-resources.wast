;; Resource identity through instance types, and names in bags of exports.

;; One instance type imported twice stands for two instances, whose
;; resources may differ: i1's r and i2's f do not go together ...
(assert_invalid
  (component
    (type $I (instance
      (export "r" (type $r (sub resource)))
      (export "f" (func (result (own $r))))))
    (import "i1" (instance $i1 (type $I)))
    (import "i2" (instance $i2 (type $I)))
    (component $C
      (import "r" (type $r (sub resource)))
      (import "f" (func (result (own $r)))))
    (instance (instantiate $C
      (with "r" (type $i1 "r"))
      (with "f" (func $i2 "f")))))
  "resource types are not the same")

;; ... while each instance's own pair does.
(component definition
  (type $I (instance
    (export "r" (type $r (sub resource)))
    (export "f" (func (result (own $r))))))
  (import "i1" (instance $i1 (type $I)))
  (import "i2" (instance $i2 (type $I)))
  (component $C
    (import "r" (type $r (sub resource)))
    (import "f" (func (result (own $r)))))
  (instance (instantiate $C (with "r" (type $i1 "r")) (with "f" (func $i1 "f"))))
  (instance (instantiate $C (with "r" (type $i2 "r")) (with "f" (func $i2 "f")))))

;; Two instance exports of one instance type, likewise.
(assert_invalid
  (component
    (import "x" (instance $i
      (type $I (instance (export "r" (type (sub resource)))))
      (export "a" (instance (type $I)))
      (export "b" (instance (type $I)))))
    (component $eq
      (import "a" (type $a (sub resource)))
      (import "b" (type (eq $a))))
    (instance (instantiate $eq
      (with "a" (type $i "a" "r"))
      (with "b" (type $i "b" "r")))))
  "resource types are not the same")

;; A bag of exports names no resources for [constructor] and the like.
(assert_invalid
  (component
    (type $T (resource (rep i32)))
    (core module $m (func (export "a") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (func $f (result (own $T)) (canon lift (core func $i "a")))
    (instance
      (export "a" (type $T))
      (export "[constructor]a" (func $f))))
  "resource used in function does not have a name in this context")

;; stream<char> is reserved (component-model#607).
(assert_invalid (component (type (stream char))) "`stream<char>` is not valid")
(component definition (type (stream u8)))

;; An export ascribed `(type (sub resource))` is a resource of its own: the
;; instance's r1 and r2 differ although both export $r.
(assert_invalid
  (component
    (component $C
      (type $r (resource (rep i32)))
      (export "r1" (type $r))
      (export "r2" (type $r) (type (sub resource))))
    (instance $c (instantiate $C))
    (component $eq
      (import "a" (type $a (sub resource)))
      (import "b" (type (eq $a))))
    (instance (instantiate $eq (with "a" (type $c "r1")) (with "b" (type $c "r2")))))
  "resource types are not the same")
