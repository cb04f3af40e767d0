;; Hello, world for WASI preview1, written by hand: the module imports
;; fd_write, keeps its text in linear memory, builds the iovec that points
;; at it and writes it to stdout (file descriptor 1).
;;
;;   build/bin/wacc hello-preview1.wat -o hello && ./hello
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param $fd i32) (param $iovs i32) (param $iovs_len i32) (param $nwritten i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "Hello, world!\n")
  (func $main (export "_start")
    ;; The iovec at offset 0: { buf = 8, buf_len = 14 }.
    (i32.store (i32.const 0) (i32.const 8))
    (i32.store (i32.const 4) (i32.const 14))
    ;; One iovec; the count of bytes written goes to offset 24.
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 24)))))
