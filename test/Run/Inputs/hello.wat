;; The WASI 0.2 hello world of the seed: a core module that writes
;; "Hello, world!\n" from offset 100 of its memory to stdout.
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $blocking-write-and-flush (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "Hello, world!\n")
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (call $blocking-write-and-flush (call $get-stdout) (i32.const 100) (i32.const 14) (i32.const 0))
    (i32.const 0)))
