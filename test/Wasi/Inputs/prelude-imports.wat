;; The start of every test module assembled by `prelude`: the imports the
;; printing helpers in prelude.wat need. A test's own imports follow (WAT
;; wants all imports before any definition), then its definitions, then
;; prelude.wat. The names here start with $prelude. so tests can import
;; the same functions under their own names.
(module
  (import "wasi:cli/stdout@@VERSION@" "get-stdout" (func $prelude.get-stdout (result i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $prelude.write-and-flush (param i32 i32 i32 i32)))
