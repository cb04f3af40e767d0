  ;; The end of every test module assembled by `prelude`: memory, a bump
  ;; allocator for cabi_realloc, and helpers that print what a test observed
  ;; to stdout so FileCheck can check it (and jco's run can be compared).
  ;;
  ;; Memory map (the test owns everything but 0..255, 0x8000..0xffff and the
  ;; heap):
  ;;   0..255          the prelude's scratch (write result, digits)
  ;;   256..1023       free for the test's return areas
  ;;   1024..0x7fff    free for the test's strings
  ;;   0x8000..0xffff  the prelude's name tables
  ;;   0x10000..       free for the test's buffers
  ;;   0x20000..       the heap cabi_realloc hands out (never freed)
  (memory (export "memory") 4)
  (global $prelude.heap (mut i32) (i32.const 0x20000))
  (global $prelude.stdout (mut i32) (i32.const -1))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $result i32)
    ;; Align up to the requested alignment (a power of two).
    (local.set $result
      (i32.and (i32.add (global.get $prelude.heap) (i32.sub (local.get 2) (i32.const 1)))
               (i32.sub (i32.const 0) (local.get 2))))
    (global.set $prelude.heap (i32.add (local.get $result) (local.get 3)))
    (if (i32.gt_u (global.get $prelude.heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.const 16)))))
    (local.get $result))

  ;; stdout, fetched once.
  (func $stdout (result i32)
    (if (i32.lt_s (global.get $prelude.stdout) (i32.const 0))
      (then (global.set $prelude.stdout (call $prelude.get-stdout))))
    (global.get $prelude.stdout))
  (func $write (param $ptr i32) (param $len i32)
    (call $prelude.write-and-flush (call $stdout) (local.get $ptr) (local.get $len) (i32.const 0)))
  (func $strlen (param $ptr i32) (result i32)
    (local $end i32)
    (local.set $end (local.get $ptr))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (i32.load8_u (local.get $end))))
        (local.set $end (i32.add (local.get $end) (i32.const 1)))
        (br $next)))
    (i32.sub (local.get $end) (local.get $ptr)))
  ;; Prints the NUL-terminated string at $ptr.
  (func $puts (param $ptr i32)
    (call $write (local.get $ptr) (call $strlen (local.get $ptr))))
  (func $sp (call $write (i32.const 0x8000) (i32.const 1)))
  (func $nl (call $write (i32.const 0x8002) (i32.const 1)))
  ;; Prints the NUL-terminated string at $ptr and a space.
  (func $say (param $ptr i32) (call $puts (local.get $ptr)) (call $sp))
  ;; Prints $value in decimal.
  (func $putu (param $value i64)
    (local $at i32)
    (local.set $at (i32.const 64))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $value) (i64.const 10)))))
      (local.set $value (i64.div_u (local.get $value) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $value) (i64.const 0))))
    (call $write (local.get $at) (i32.sub (i32.const 64) (local.get $at))))
  (func $putu32 (param $value i32) (call $putu (i64.extend_i32_u (local.get $value))))
  ;; Prints the $index-th string of a NUL-separated table.
  (func $nth (param $table i32) (param $index i32)
    (block $found
      (loop $skip
        (br_if $found (i32.eqz (local.get $index)))
        (local.set $table (i32.add (local.get $table)
                                   (i32.add (call $strlen (local.get $table)) (i32.const 1))))
        (local.set $index (i32.sub (local.get $index) (i32.const 1)))
        (br $skip)))
    (call $puts (local.get $table)))
  ;; 1 if the $len bytes at $a and $b are equal.
  (func $memeq (param $a i32) (param $b i32) (param $len i32) (result i32)
    (block $differ
      (loop $next
        (if (i32.eqz (local.get $len)) (then (return (i32.const 1))))
        (br_if $differ (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next)))
    (i32.const 0))
  ;; wasi:filesystem/types error-code and descriptor-type by name.
  (func $error-code (param $code i32) (call $nth (i32.const 0x8100) (local.get $code)))
  (func $descriptor-type (param $type i32) (call $nth (i32.const 0x8400) (local.get $type)))
  ;; Prints "ok" or "err <error-code>" for a result<T, error-code> at $ret
  ;; whose payload starts at $ret + $payload, then a newline; returns 1 if ok.
  (func $fs-result (param $ret i32) (param $payload i32) (result i32)
    (if (result i32) (i32.eqz (i32.load8_u (local.get $ret)))
      (then (call $puts (i32.const 0x8004)) (call $nl) (i32.const 1))
      (else (call $puts (i32.const 0x8008))
            (call $error-code (i32.load8_u (i32.add (local.get $ret) (local.get $payload))))
            (call $nl) (i32.const 0))))
  ;; The same for result<T, stream-error>: "ok", "err closed" or
  ;; "err failed" (last-operation-failed; the error is dropped by the test).
  (func $stream-result (param $ret i32) (param $payload i32) (result i32)
    (if (result i32) (i32.eqz (i32.load8_u (local.get $ret)))
      (then (call $puts (i32.const 0x8004)) (call $nl) (i32.const 1))
      (else (call $puts (i32.const 0x8008))
            (if (i32.load8_u (i32.add (local.get $ret) (local.get $payload)))
              (then (call $puts (i32.const 0x8010)))
              (else (call $puts (i32.const 0x8018))))
            (call $nl) (i32.const 0))))
  (data (i32.const 0x8000) " \00\n\00ok\00\00err \00\00\00\00closed\00\00failed\00")
  (data (i32.const 0x8100)
    "access\00would-block\00already\00bad-descriptor\00busy\00deadlock\00quota\00exist\00"
    "file-too-large\00illegal-byte-sequence\00in-progress\00interrupted\00invalid\00io\00"
    "is-directory\00loop\00too-many-links\00message-size\00name-too-long\00no-device\00"
    "no-entry\00no-lock\00insufficient-memory\00insufficient-space\00not-directory\00"
    "not-empty\00not-recoverable\00unsupported\00no-tty\00no-such-device\00overflow\00"
    "not-permitted\00pipe\00read-only\00invalid-seek\00text-file-busy\00cross-device\00")
  (data (i32.const 0x8400)
    "unknown\00block-device\00character-device\00directory\00fifo\00symbolic-link\00"
    "regular-file\00socket\00")
)
