;; map<K, V> between components: laid out as list<tuple<K, V>> (the caller
;; writes key/value pairs, the callee sums them), but a type of its own: a
;; map is not a list of tuples, nor is a map<u32, u32> a map<u32, u64>.
(component
  (component $Sum
    (core module $m
      (memory (export "mem") 1)
      (global $top (mut i32) (i32.const 1024))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $r i32)
        (local.set $r (global.get $top))
        (global.set $top (i32.add (global.get $top) (local.get 3)))
        (local.get $r))
      ;; sum of key * 10 + value over the pairs
      (func (export "sum") (param $p i32) (param $n i32) (result i32)
        (local $acc i32)
        (block $done
          (loop $next
            (br_if $done (i32.eqz (local.get $n)))
            (local.set $acc (i32.add (local.get $acc)
              (i32.add (i32.mul (i32.load (local.get $p)) (i32.const 10))
                       (i32.load offset=4 (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
            (br $next)))
        (local.get $acc)))
    (core instance $i (instantiate $m))
    (func (export "sum") (param "m" (map u32 u32)) (result u32)
      (canon lift (core func $i "sum") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
  (instance $sum (instantiate $Sum))
  (core module $mem (memory (export "mem") 1))
  (core instance $mem (instantiate $mem))
  (core func $sum (canon lower (func $sum "sum") (memory (core memory $mem "mem"))))
  (core module $caller
    (import "" "mem" (memory 1))
    (import "" "sum" (func $sum (param i32 i32) (result i32)))
    (func (export "run") (result i32)
      (i32.store (i32.const 0) (i32.const 1))
      (i32.store (i32.const 4) (i32.const 2))
      (i32.store (i32.const 8) (i32.const 3))
      (i32.store (i32.const 12) (i32.const 4))
      (call $sum (i32.const 0) (i32.const 2))))
  (core instance $c (instantiate $caller
    (with "" (instance (export "mem" (memory $mem "mem")) (export "sum" (func $sum))))))
  (func (export "run") (result u32) (canon lift (core func $c "run"))))

(assert_return (invoke "run") (u32.const 46))

(assert_invalid
  (component
    (component $c (import "f" (func (param "m" (map u32 u32)))))
    (import "g" (func $g (param "m" (list (tuple u32 u32)))))
    (instance (instantiate $c (with "f" (func $g)))))
  "type mismatch")

(assert_invalid
  (component
    (component $c (import "f" (func (param "m" (map u32 u32)))))
    (import "g" (func $g (param "m" (map u32 u64))))
    (instance (instantiate $c (with "f" (func $g)))))
  "type mismatch")
