;; The reference side's log-v128 (reference.mjs): JavaScript cannot take a
;; v128, so this module takes it and hands its two 64-bit halves to the
;; JavaScript log-i64, low half first, as support.wat folds them.
(module
  (import "js" "log-i64" (func $log (param i64)))
  (func (export "log-v128") (param v128)
    (call $log (i64x2.extract_lane 0 (local.get 0)))
    (call $log (i64x2.extract_lane 1 (local.get 0)))))
