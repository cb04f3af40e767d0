;; Calls blocking-write-and-flush with arguments chosen by the CASE global's
;; initial value (set per test with sed): a bad handle, a list running off the
;; end of memory, an unaligned return pointer, or valid arguments.
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "written\n")
  (func $run (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $out i32)
    (local.set $out (call $get-stdout))
    (block $ok
      (block $unaligned
        (block $oob
          (block $badhandle
            (br_table $badhandle $oob $unaligned $ok (i32.const CASE)))
          (call $write (i32.const 42) (i32.const 16) (i32.const 8) (i32.const 64))
          (return (i32.const 0)))
        (call $write (local.get $out) (i32.const 65530) (i32.const 8) (i32.const 64))
        (return (i32.const 0)))
      (call $write (local.get $out) (i32.const 16) (i32.const 8) (i32.const 65))
      (return (i32.const 0)))
    (call $write (local.get $out) (i32.const 16) (i32.const 8) (i32.const 64))
    ;; The result was lowered at 64: discriminant 0 (ok).
    (i32.load8_u (i32.const 64))))
