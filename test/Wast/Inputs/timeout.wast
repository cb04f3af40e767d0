;; Two components whose exports never return, run at once (-j2): each run
;; must time out on its own deadline.
(component
  (core module $m (func (export "spin") (loop $l (br $l))))
  (core instance $i (instantiate $m))
  (func (export "spin") (canon lift (core func $i "spin"))))
(assert_return (invoke "spin"))
(component
  (core module $m (func (export "spin") (loop $l (br $l))))
  (core instance $i (instantiate $m))
  (func (export "spin") (canon lift (core func $i "spin"))))
(assert_return (invoke "spin"))
