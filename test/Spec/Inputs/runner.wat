;; The module of runner.json (assembled by runner.test).
(module
  (memory (export "mem") 1)
  (global (export "g") i32 (i32.const 42))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "pair") (result i64 f64) (i64.const -1) (f64.const 1.5))
  (func (export "lanes") (result v128) (v128.const i32x4 1 2 3 4))
  (func (export "store") (param i32) (i32.store (i32.const 0) (local.get 0)))
  (func (export "load") (result i32) (i32.load (i32.const 0)))
  (func (export "oob") (result i32) (i32.load (i32.const 65536)))
  (func $deep (export "deep") (param i32) (result i32)
    (i32.add (call $deep (local.get 0)) (i32.const 1))))
