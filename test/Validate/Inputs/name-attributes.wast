;; Import and export name attributes: `implements` (instances with plain
;; names, naming an interface) and `external-id` (anything). Neither takes
;; part in uniqueness or typing.
(component definition
  (import "a" (implements "a:b/c") (instance))
  (import "b" (implements "a:b/c@1.0.0") (external-id "x") (instance))
  (import "f" (external-id "☃") (func))
  (instance $a)
  (export "e" (implements "a:b/c") (instance $a))
  (type (component
    (import "a" (implements "a:b/c") (instance))
    (export "b" (external-id "y") (instance))))
  (instance (export "z" (implements "p:q/r") (instance $a)))
  (component $c
    (import "i" (implements "x:y/z") (instance)))
  (instance (instantiate $c (with "i" (instance $a)))))

(assert_invalid
  (component (import "a" (implements "not-valid") (instance)))
  "must be an interface")
(assert_invalid
  (component (import "a" (implements "") (instance)))
  "not a valid name")
(assert_invalid
  (component (import "a1:b/c" (implements "a2:b/c") (instance)))
  "is not valid with `implements`")
(assert_invalid
  (component
    (import "a" (implements "a1:b/c") (instance))
    (import "a" (implements "a2:b/c") (instance)))
  "conflicts with previous name")
(assert_invalid
  (component (type (instance (export "a" (implements "a:b/c") (func)))))
  "only instances")
(assert_invalid
  (component
    (import "s" (instance $s))
    (component $c (import "primary" (implements "w:kv/s") (instance)))
    (instance (instantiate $c (with "w:kv/s" (instance $s)))))
  "missing import named `primary`")
