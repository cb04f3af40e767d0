;; External visibility of types (Explainer.md): imports and exports may only
;; mention types imported or exported before them. Each command here is one
;; rule; wacc-wast counts a wrong verdict as a failure.

;; A function over a record that was never exported: invalid ...
(assert_invalid
  (component
    (core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (type $Rec (record (field "x" u32)))
    (func $f (result $Rec) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  "func not valid to be used as export")

;; ... valid once exported and named through the exported index
(component definition
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (type $Rec (record (field "x" u32)))
  (export $Rec' "rec" (type $Rec))
  (func $f (result $Rec') (canon lift (core func $i "f")))
  (export "f" (func $f)))

;; ... but the original index stays unnamed (the record is defined once,
;; yet its two indices differ)
(assert_invalid
  (component
    (core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (type $Rec (record (field "x" u32)))
    (export $Rec' "rec" (type $Rec))
    (func $f (result $Rec) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  "func not valid to be used as export")

;; ... unless the export ascribes a type written with the named index
(component definition
  (core module $m (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (type $Rec (record (field "x" u32)))
  (func $f (result $Rec) (canon lift (core func $i "f")))
  (export $Rec' "rec" (type $Rec))
  (export "f" (func $f) (func (result $Rec'))))

;; Tuples, options and lists are looked through, to what is inside.
(component definition
  (type $T (option (tuple (list u8) (result u32))))
  (export "t" (type $T)))
(assert_invalid
  (component
    (type $Rec (record (field "x" u32)))
    (type $L (list $Rec))
    (export "t" (type $L)))
  "type not valid to be used as export")

;; Imports see only imported names: a locally defined resource, or an
;; exported one, is not visible to them.
(assert_invalid
  (component
    (type $R (resource (rep i32)))
    (export $R' "r" (type $R))
    (import "f" (func (result (own $R')))))
  "func not valid to be used as import")
(component definition
  (import "r" (type $R (sub resource)))
  (import "f" (func (result (own $R)))))

;; Instance types are checked where they are imported or exported; component
;; types when they are defined.
(component definition
  (type (instance
    (type $Rec (record (field "x" u32)))
    (export "f" (func (param "x" $Rec))))))
(assert_invalid
  (component
    (type $I (instance
      (type $Rec (record (field "x" u32)))
      (export "f" (func (param "x" $Rec)))))
    (import "i" (instance (type $I))))
  "instance not valid to be used as import")
(assert_invalid
  (component
    (type (component
      (type $Rec (record (field "x" u32)))
      (export "f" (func (param "x" $Rec))))))
  "func not valid to be used as export")

;; An exported instance names the types it exports.
(component definition
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (type $Rec (record (field "x" u32)))
  (instance $bag (export "t" (type $Rec)))
  (export $bag' "i" (instance $bag))
  (alias export $bag' "t" (type $Rec'))
  (func $f (param "r" $Rec') (canon lift (core func $i "f")))
  (export "f" (func $f)))

;; Instantiating a component replaces its imported types' names by the
;; arguments', so what it exports over them is visible where they are.
(component definition
  (type $Rec (record (field "x" u32)))
  (import "t" (type $Rec' (eq $Rec)))
  (component $C
    (type $Rec (record (field "x" u32)))
    (import "t" (type $Rec' (eq $Rec)))
    (type $Rec2 (record (field "r" $Rec')))
    (export "t2" (type $Rec2)))
  (instance $c (instantiate $C (with "t" (type $Rec'))))
  (export "t2" (type $c "t2")))

;; Names do not cross into a nested component by outer aliases.
(assert_invalid
  (component
    (type $Rec (record (field "x" u32)))
    (import "t" (type $Rec' (eq $Rec)))
    (component
      (import "f" (func (result $Rec')))))
  "func not valid to be used as import")
