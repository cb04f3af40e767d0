;; The compiled side's fuzzing-support module (see reference.mjs): the log
;; imports of binaryen's translate-to-fuzz modules fold what they are given
;; into one 64-bit hash, which the script takes (reads and clears) after
;; every call.
(module
  (global $hash (mut i64) (i64.const 0))
  (func $fold (param $bits i64)
    (global.set $hash (i64.add (i64.mul (global.get $hash) (i64.const 1000003)) (local.get $bits))))
  (func (export "log-i32") (param i32) (call $fold (i64.extend_i32_u (local.get 0))))
  (func (export "log-i64") (param i64) (call $fold (local.get 0)))
  (func (export "log-f32") (param f32)
    (if (f32.ne (local.get 0) (local.get 0))
      (then (call $fold (i64.const 0x7fc00000)))
      (else (call $fold (i64.extend_i32_u (i32.reinterpret_f32 (local.get 0)))))))
  (func (export "log-f64") (param f64)
    (if (f64.ne (local.get 0) (local.get 0))
      (then (call $fold (i64.const 0x7ff8000000000000)))
      (else (call $fold (i64.reinterpret_f64 (local.get 0))))))
  (func (export "log-v128") (param v128)
    (call $fold (i64x2.extract_lane 0 (local.get 0)))
    (call $fold (i64x2.extract_lane 1 (local.get 0))))
  (func (export "take") (result i64)
    (global.get $hash)
    (global.set $hash (i64.const 0))))
