;; wasi:filesystem/types on files, every descriptor method that works on
;; one: open-at with create, exclusive (exist), truncate, directory
;; (not-directory) and a missing path (no-entry); get-type, get-flags,
;; write and read at offsets (eof reported past the end), set-size both
;; ways, stat, write-via-stream, read-via-stream (closed at the end),
;; append-via-stream, advise, sync-data, sync, set-times with each
;; new-timestamp case, is-same-object, metadata-hash and metadata-hash-at,
;; the errors of writing a read-only and reading a write-only descriptor,
;; no stream over a directory (is-directory) or for writing a read-only
;; descriptor (bad-descriptor), and the resource drops.
;; jco's run (preview2-shim) agrees up to writing the read-only descriptor,
;; where it dies of an unmapped EBADF; it also differs in two places:
;; read's end-of-file is set only when nothing was read (wacc sets it when
;; fewer bytes than asked were there), and set-times with a timestamp
;; stores a wrong time (15032385535 s read back), so those lines are
;; checked loosely at JCO.
;; RUN: %prelude-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t --dir %t.dir::/sb
;; RUN: rm -rf %t.dir && mkdir %t.dir
;; RUN: %t | %FileCheck %s
;; RUN: rm -rf %t.dir && mkdir %t.dir
;; RUN: env WACC_JCO_PREOPEN=%t.dir::/sb not %jco run --jco-import %S/Inputs/jco-preopen.mjs %t.wasm 2> /dev/null | %FileCheck %s --check-prefix=JCO
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 --dir %t.dir::/sb
;; RUN: rm -rf %t.dir && mkdir %t.dir
;; (qemu-user 7.2 lacks pwritev2, so there appends take the runtime's
;; lseek + pwrite fallback.)
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;;
;; CHECK: preopen /sb type directory
;; CHECK-NEXT: open create ok
;; CHECK-NEXT: get-type ok regular-file
;; CHECK-NEXT: get-flags ok 3
;; CHECK-NEXT: write at 0 ok 11
;; CHECK-NEXT: write at 6 ok 1
;; CHECK-NEXT: read 100 at 0 ok hello World eof 1
;; CHECK-NEXT: read 5 at 0 ok hello eof 0
;; CHECK-NEXT: read 10 at 100 ok  eof 1
;; CHECK-NEXT: set-size 5 ok
;; CHECK-NEXT: stat ok regular-file links 1 size 5 modified 1
;; CHECK-NEXT: set-size 8 ok
;; CHECK-NEXT: read 100 at 0 ok hello{{.}}{{.}}{{.}} eof 1
;; CHECK-NEXT: write-via-stream ok
;; CHECK-NEXT: read-via-stream ok
;; CHECK-NEXT: blocking-read ok there
;; CHECK-NEXT: blocking-read err closed
;; CHECK-NEXT: append-via-stream ok
;; CHECK-NEXT: append ok
;; CHECK-NEXT: read 100 at 0 ok hello there! eof 1
;; CHECK-NEXT: advise ok
;; CHECK-NEXT: sync-data ok
;; CHECK-NEXT: sync ok
;; CHECK-NEXT: set-times ok
;; CHECK-NEXT: stat ok regular-file links 1 size 12 modified 1
;; CHECK-NEXT: accessed 1000000000 5 modified 1200000000 0
;; CHECK-NEXT: set-times ok
;; CHECK-NEXT: accessed unchanged 1 modified now 1
;; CHECK-NEXT: open exclusive err exist
;; CHECK-NEXT: open missing err no-entry
;; CHECK-NEXT: open file as directory err not-directory
;; CHECK-NEXT: open read-only ok
;; CHECK-NEXT: get-flags ok 1
;; CHECK-NEXT: write read-only err bad-descriptor
;; CHECK-NEXT: same object 1 0
;; CHECK-NEXT: metadata-hash ok
;; CHECK-NEXT: metadata-hash-at ok
;; CHECK-NEXT: hashes equal 1 1 differ 1
;; CHECK-NEXT: open truncate write-only ok
;; CHECK-NEXT: read write-only err bad-descriptor
;; CHECK-NEXT: stat ok regular-file links 1 size 0 modified 1
;; CHECK-NEXT: read-via-stream directory err is-directory
;; CHECK-NEXT: write-via-stream read-only err bad-descriptor
;; CHECK-NEXT: done
;;
;; JCO: preopen /sb type directory
;; JCO-NEXT: open create ok
;; JCO-NEXT: get-type ok regular-file
;; JCO-NEXT: get-flags ok 3
;; JCO-NEXT: write at 0 ok 11
;; JCO-NEXT: write at 6 ok 1
;; JCO-NEXT: read 100 at 0 ok hello World eof 0
;; JCO-NEXT: read 5 at 0 ok hello eof 0
;; JCO-NEXT: read 10 at 100 ok  eof 1
;; JCO-NEXT: set-size 5 ok
;; JCO-NEXT: stat ok regular-file links 1 size 5 modified 1
;; JCO-NEXT: set-size 8 ok
;; JCO-NEXT: read 100 at 0 ok hello{{.}}{{.}}{{.}} eof 0
;; JCO-NEXT: write-via-stream ok
;; JCO-NEXT: read-via-stream ok
;; JCO-NEXT: blocking-read ok there
;; jco's preview2-shim reads files asynchronously: under load its second
;; blocking-read may return ok with no bytes before it reports closed.
;; JCO-NEXT: blocking-read {{(err closed|ok *)$}}
;; JCO-NEXT: append-via-stream ok
;; JCO-NEXT: append ok
;; JCO-NEXT: read 100 at 0 ok hello there! eof 0
;; JCO-NEXT: advise ok
;; JCO-NEXT: sync-data ok
;; JCO-NEXT: sync ok
;; JCO-NEXT: set-times ok
;; JCO-NEXT: stat ok regular-file links 1 size 12 modified 1
;; JCO-NEXT: accessed {{[0-9]+}} {{[0-9]+}} modified {{[0-9]+}} {{[0-9]+}}
;; JCO-NEXT: set-times ok
;; JCO-NEXT: accessed unchanged {{[01]}} modified now 1
;; JCO-NEXT: open exclusive err exist
;; JCO-NEXT: open missing err no-entry
;; JCO-NEXT: open file as directory err not-directory
;; JCO-NEXT: open read-only ok
;; JCO-NEXT: get-flags ok 1
  (import "wasi:filesystem/preopens@@VERSION@" "get-directories" (func $get-directories (param i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.open-at"
    (func $open-at (param i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.get-type" (func $get-type (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.get-flags" (func $get-flags (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.write" (func $fs-write (param i32 i32 i32 i64 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.read" (func $fs-read (param i32 i64 i64 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.set-size" (func $set-size (param i32 i64 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.stat" (func $stat (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.read-via-stream" (func $read-via-stream (param i32 i64 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.write-via-stream" (func $write-via-stream (param i32 i64 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.append-via-stream" (func $append-via-stream (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.advise" (func $advise (param i32 i64 i64 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.sync-data" (func $sync-data (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.sync" (func $sync (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.set-times"
    (func $set-times (param i32 i32 i64 i32 i32 i64 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.is-same-object" (func $is-same-object (param i32 i32) (result i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.metadata-hash" (func $metadata-hash (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.metadata-hash-at"
    (func $metadata-hash-at (param i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "filesystem-error-code" (func $filesystem-error-code (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[resource-drop]descriptor" (func $drop-descriptor (param i32)))
  (import "wasi:io/streams@@VERSION@" "[method]input-stream.blocking-read" (func $blocking-read (param i32 i64 i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $stream-write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@@VERSION@" "[resource-drop]input-stream" (func $drop-input (param i32)))
  (import "wasi:io/streams@@VERSION@" "[resource-drop]output-stream" (func $drop-output (param i32)))
  (import "wasi:io/error@@VERSION@" "[method]error.to-debug-string" (func $to-debug-string (param i32 i32)))
  (import "wasi:io/error@@VERSION@" "[resource-drop]error" (func $drop-error (param i32)))
  (data (i32.const 1024) "write at\00")
  (data (i32.const 1040) "read\00")
  (data (i32.const 1048) "at\00")
  (data (i32.const 1056) "eof\00")
  (data (i32.const 1064) "stat\00")
  (data (i32.const 1072) "links\00")
  (data (i32.const 1080) "size\00")
  (data (i32.const 1088) "modified\00")
  (data (i32.const 1104) "preopen\00")
  (data (i32.const 1112) "type\00")
  (data (i32.const 1120) "open create\00")
  (data (i32.const 1136) "f.txt\00")
  (data (i32.const 1144) "get-type\00")
  (data (i32.const 1160) "get-flags\00")
  (data (i32.const 1176) "hello world\00")
  (data (i32.const 1192) "W\00")
  (data (i32.const 1200) "set-size 5\00")
  (data (i32.const 1216) "set-size 8\00")
  (data (i32.const 1232) "write-via-stream\00")
  (data (i32.const 1256) " there\00")
  (data (i32.const 1264) "read-via-stream\00")
  (data (i32.const 1280) "blocking-read\00")
  (data (i32.const 1296) "append-via-stream\00")
  (data (i32.const 1320) "!\00")
  (data (i32.const 1328) "append\00")
  (data (i32.const 1336) "advise\00")
  (data (i32.const 1344) "sync-data\00")
  (data (i32.const 1360) "sync\00")
  (data (i32.const 1368) "set-times\00")
  (data (i32.const 1384) "accessed\00")
  (data (i32.const 1400) "accessed unchanged\00")
  (data (i32.const 1424) "modified now\00")
  (data (i32.const 1440) "open exclusive\00")
  (data (i32.const 1456) "open missing\00")
  (data (i32.const 1472) "missing\00")
  (data (i32.const 1480) "open file as directory\00")
  (data (i32.const 1504) "open read-only\00")
  (data (i32.const 1520) "x\00")
  (data (i32.const 1528) "write read-only\00")
  (data (i32.const 1544) "same object\00")
  (data (i32.const 1560) "metadata-hash\00")
  (data (i32.const 1576) "metadata-hash-at\00")
  (data (i32.const 1600) "hashes equal\00")
  (data (i32.const 1616) "differ\00")
  (data (i32.const 1624) "open truncate write-only\00")
  (data (i32.const 1656) "read write-only\00")
  (data (i32.const 1672) "read-via-stream directory\00")
  (data (i32.const 1704) "write-via-stream read-only\00")
  (data (i32.const 1736) "blocking-write-and-flush\00")
  (data (i32.const 1768) "filesystem-error-code\00")
  (data (i32.const 1792) "none\00")
  (data (i32.const 1800) "debug-string\00")
  (data (i32.const 1816) "done\00")
  (global $dir (mut i32) (i32.const 0))
  ;; "<label> ok|err <code>" for the result<_, error-code> at 256.
  (func $unit (param $label i32)
    (call $say (local.get $label))
    (drop (call $fs-result (i32.const 256) (i32.const 1))))
  ;; open-at(dir, path, open-flags, flags): prints "<label> ok|err ..." and
  ;; returns the descriptor (or -1).
  (func $open (param $label i32) (param $path i32) (param $open-flags i32) (param $flags i32) (result i32)
    (call $open-at (global.get $dir) (i32.const 0) (local.get $path) (call $strlen (local.get $path))
                   (local.get $open-flags) (local.get $flags) (i32.const 256))
    (call $say (local.get $label))
    (if (result i32) (call $fs-result (i32.const 256) (i32.const 4))
      (then (i32.load (i32.const 260)))
      (else (i32.const -1))))
  ;; write(fd, string at $text, offset): "write at <offset> ok <n>".
  (func $write-at (param $fd i32) (param $text i32) (param $offset i64)
    (call $fs-write (local.get $fd) (local.get $text) (call $strlen (local.get $text))
                    (local.get $offset) (i32.const 256))
    (call $say (i32.const 1024)) (call $putu (local.get $offset)) (call $sp)
    (if (i32.eqz (i32.load8_u (i32.const 256)))
      (then (call $say (i32.const 0x8004)) (call $putu (i64.load (i32.const 264))) (call $nl))
      (else (drop (call $fs-result (i32.const 256) (i32.const 8))))))
  ;; read(fd, length, offset): "read <length> at <offset> ok <bytes> eof <0|1>".
  (func $read-at (param $fd i32) (param $length i64) (param $offset i64)
    (call $fs-read (local.get $fd) (local.get $length) (local.get $offset) (i32.const 256))
    (call $say (i32.const 1040)) (call $putu (local.get $length)) (call $sp)
    (call $say (i32.const 1048)) (call $putu (local.get $offset)) (call $sp)
    (if (i32.eqz (i32.load8_u (i32.const 256)))
      (then (call $say (i32.const 0x8004))
            (call $write (i32.load (i32.const 260)) (i32.load (i32.const 264))) (call $sp)
            (call $say (i32.const 1056)) (call $putu32 (i32.load8_u (i32.const 268))) (call $nl))
      (else (drop (call $fs-result (i32.const 256) (i32.const 4))))))
  ;; stat(fd): "stat ok <type> links <n> size <n> modified <some>"; the
  ;; result stays at 256 for the caller.
  (func $print-stat (param $fd i32)
    (call $stat (local.get $fd) (i32.const 256))
    (call $say (i32.const 1064))
    (if (i32.eqz (i32.load8_u (i32.const 256)))
      (then (call $say (i32.const 0x8004))
            (call $descriptor-type (i32.load8_u (i32.const 264))) (call $sp)
            (call $say (i32.const 1072)) (call $putu (i64.load (i32.const 272))) (call $sp)
            (call $say (i32.const 1080)) (call $putu (i64.load (i32.const 280))) (call $sp)
            (call $say (i32.const 1088)) (call $putu32 (i32.load8_u (i32.const 312))) (call $nl))
      (else (drop (call $fs-result (i32.const 256) (i32.const 8))))))
  ;; metadata-hash(fd) into $into (16 bytes).
  (func $hash (param $fd i32) (param $into i32)
    (call $metadata-hash (local.get $fd) (i32.const 256))
    (i64.store (local.get $into) (i64.load (i32.const 264)))
    (i64.store offset=8 (local.get $into) (i64.load (i32.const 272))))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $f i32) (local $r i32) (local $w i32) (local $s i32) (local $before i64)
    ;; The preopen.
    (call $get-directories (i32.const 256))
    (global.set $dir (i32.load (i32.load (i32.const 256))))
    (call $say (i32.const 1104))
    (call $write (i32.load offset=4 (i32.load (i32.const 256))) (i32.load offset=8 (i32.load (i32.const 256))))
    (call $sp) (call $say (i32.const 1112))
    (call $get-type (global.get $dir) (i32.const 256))
    (call $descriptor-type (i32.load8_u (i32.const 257))) (call $nl)
    ;; A new file, read and written at offsets.
    (local.set $f (call $open (i32.const 1120) (i32.const 1136) (i32.const 1) (i32.const 3)))
    (call $get-type (local.get $f) (i32.const 256))
    (call $say (i32.const 1144)) (call $say (i32.const 0x8004))
    (call $descriptor-type (i32.load8_u (i32.const 257))) (call $nl)
    (call $get-flags (local.get $f) (i32.const 256))
    (call $say (i32.const 1160)) (call $say (i32.const 0x8004))
    (call $putu32 (i32.load8_u (i32.const 257))) (call $nl)
    (call $write-at (local.get $f) (i32.const 1176) (i64.const 0))
    (call $write-at (local.get $f) (i32.const 1192) (i64.const 6))
    (call $read-at (local.get $f) (i64.const 100) (i64.const 0))
    (call $read-at (local.get $f) (i64.const 5) (i64.const 0))
    (call $read-at (local.get $f) (i64.const 10) (i64.const 100))
    (call $set-size (local.get $f) (i64.const 5) (i32.const 256))
    (call $unit (i32.const 1200))
    (call $print-stat (local.get $f))
    (call $set-size (local.get $f) (i64.const 8) (i32.const 256))
    (call $unit (i32.const 1216))
    (call $read-at (local.get $f) (i64.const 100) (i64.const 0))
    ;; Streams: " there" written from offset 5, read back from offset 6,
    ;; then "!" appended.
    (call $write-via-stream (local.get $f) (i64.const 5) (i32.const 256))
    (call $say (i32.const 1232))
    (drop (call $fs-result (i32.const 256) (i32.const 4)))
    (local.set $s (i32.load (i32.const 260)))
    (call $stream-write (local.get $s) (i32.const 1256) (i32.const 6) (i32.const 256))
    (call $drop-output (local.get $s))
    (call $read-via-stream (local.get $f) (i64.const 6) (i32.const 256))
    (call $say (i32.const 1264))
    (drop (call $fs-result (i32.const 256) (i32.const 4)))
    (local.set $s (i32.load (i32.const 260)))
    (call $blocking-read (local.get $s) (i64.const 100) (i32.const 256))
    (call $say (i32.const 1280))
    (if (i32.eqz (i32.load8_u (i32.const 256)))
      (then (call $say (i32.const 0x8004))
            (call $write (i32.load (i32.const 260)) (i32.load (i32.const 264))) (call $nl)))
    (call $blocking-read (local.get $s) (i64.const 100) (i32.const 256))
    (call $say (i32.const 1280))
    (drop (call $stream-result (i32.const 256) (i32.const 4)))
    (call $drop-input (local.get $s))
    (call $append-via-stream (local.get $f) (i32.const 256))
    (call $say (i32.const 1296))
    (drop (call $fs-result (i32.const 256) (i32.const 4)))
    (local.set $s (i32.load (i32.const 260)))
    (call $stream-write (local.get $s) (i32.const 1320) (i32.const 1) (i32.const 256))
    (call $say (i32.const 1328))
    (drop (call $stream-result (i32.const 256) (i32.const 4)))
    (call $drop-output (local.get $s))
    (call $read-at (local.get $f) (i64.const 100) (i64.const 0))
    ;; Hints and syncs.
    (call $advise (local.get $f) (i64.const 0) (i64.const 0) (i32.const 1) (i32.const 256))
    (call $unit (i32.const 1336))
    (call $sync-data (local.get $f) (i32.const 256))
    (call $unit (i32.const 1344))
    (call $sync (local.get $f) (i32.const 256))
    (call $unit (i32.const 1360))
    ;; Timestamps: both set, then access unchanged and modification now.
    (call $set-times (local.get $f) (i32.const 2) (i64.const 1000000000) (i32.const 5)
                     (i32.const 2) (i64.const 1200000000) (i32.const 0) (i32.const 256))
    (call $unit (i32.const 1368))
    (call $print-stat (local.get $f))
    (call $say (i32.const 1384)) (call $putu (i64.load (i32.const 296))) (call $sp)
    (call $putu32 (i32.load (i32.const 304))) (call $sp)
    (call $say (i32.const 1088)) (call $putu (i64.load (i32.const 320))) (call $sp)
    (call $putu32 (i32.load (i32.const 328))) (call $nl)
    (call $set-times (local.get $f) (i32.const 0) (i64.const 0) (i32.const 0)
                     (i32.const 1) (i64.const 0) (i32.const 0) (i32.const 256))
    (call $unit (i32.const 1368))
    (call $stat (local.get $f) (i32.const 256))
    (call $say (i32.const 1400))
    (call $putu32 (i64.eq (i64.load (i32.const 296)) (i64.const 1000000000))) (call $sp)
    (call $say (i32.const 1424))
    (call $putu32 (i64.gt_u (i64.load (i32.const 320)) (i64.const 1600000000))) (call $nl)
    ;; open-at's errors.
    (drop (call $open (i32.const 1440) (i32.const 1136) (i32.const 5) (i32.const 3)))
    (drop (call $open (i32.const 1456) (i32.const 1472) (i32.const 0) (i32.const 1)))
    (drop (call $open (i32.const 1480) (i32.const 1136) (i32.const 2) (i32.const 1)))
    ;; A read-only descriptor of the same file.
    (local.set $r (call $open (i32.const 1504) (i32.const 1136) (i32.const 0) (i32.const 1)))
    (call $get-flags (local.get $r) (i32.const 256))
    (call $say (i32.const 1160)) (call $say (i32.const 0x8004))
    (call $putu32 (i32.load8_u (i32.const 257))) (call $nl)
    (call $fs-write (local.get $r) (i32.const 1520) (i32.const 1) (i64.const 0) (i32.const 256))
    (call $say (i32.const 1528))
    (drop (call $fs-result (i32.const 256) (i32.const 8)))
    (call $say (i32.const 1544))
    (call $putu32 (call $is-same-object (local.get $f) (local.get $r))) (call $sp)
    (call $putu32 (call $is-same-object (local.get $f) (global.get $dir))) (call $nl)
    ;; Hashes: f's and r's and f.txt's by path agree; the directory's differs.
    (call $metadata-hash (local.get $f) (i32.const 256))
    (call $say (i32.const 1560))
    (drop (call $fs-result (i32.const 256) (i32.const 8)))
    (call $hash (local.get $f) (i32.const 0x10000))
    (call $hash (local.get $r) (i32.const 0x10010))
    (call $metadata-hash-at (global.get $dir) (i32.const 0) (i32.const 1136) (i32.const 5) (i32.const 256))
    (call $say (i32.const 1576))
    (drop (call $fs-result (i32.const 256) (i32.const 8)))
    (i64.store (i32.const 0x10020) (i64.load (i32.const 264)))
    (i64.store (i32.const 0x10028) (i64.load (i32.const 272)))
    (call $hash (global.get $dir) (i32.const 0x10030))
    (call $say (i32.const 1600))
    (call $putu32 (call $memeq (i32.const 0x10000) (i32.const 0x10010) (i32.const 16))) (call $sp)
    (call $putu32 (call $memeq (i32.const 0x10000) (i32.const 0x10020) (i32.const 16))) (call $sp)
    (call $say (i32.const 1616))
    (call $putu32 (i32.eqz (call $memeq (i32.const 0x10000) (i32.const 0x10030) (i32.const 16)))) (call $nl)
    ;; Truncating, write-only.
    (local.set $w (call $open (i32.const 1624) (i32.const 1136) (i32.const 8) (i32.const 2)))
    (call $fs-read (local.get $w) (i64.const 1) (i64.const 0) (i32.const 256))
    (call $say (i32.const 1656))
    (drop (call $fs-result (i32.const 256) (i32.const 4)))
    (call $drop-descriptor (local.get $w))
    (call $print-stat (local.get $f))
    ;; A stream over the directory cannot be made.
    (call $read-via-stream (global.get $dir) (i64.const 0) (i32.const 256))
    (call $say (i32.const 1672))
    (if (call $fs-result (i32.const 256) (i32.const 4))
      (then (call $drop-input (i32.load (i32.const 260)))))
    ;; A stream over the read-only descriptor can, but writing to it fails
    ;; with an io error whose filesystem-error-code is bad-descriptor.
    (call $write-via-stream (local.get $r) (i64.const 0) (i32.const 256))
    (call $say (i32.const 1704))
    (if (call $fs-result (i32.const 256) (i32.const 4))
      (then
        (local.set $s (i32.load (i32.const 260)))
        (call $stream-write (local.get $s) (i32.const 1520) (i32.const 1) (i32.const 256))
        (call $say (i32.const 1736))
        (if (i32.eqz (call $stream-result (i32.const 256) (i32.const 4)))
          (then
            (if (i32.eqz (i32.load8_u (i32.const 260)))
              (then
                (local.set $w (i32.load (i32.const 264)))
                (call $filesystem-error-code (local.get $w) (i32.const 256))
                (call $say (i32.const 1768))
                (if (i32.load8_u (i32.const 256))
                  (then (call $error-code (i32.load8_u (i32.const 257))))
                  (else (call $puts (i32.const 1792))))
                (call $sp)
                (call $to-debug-string (local.get $w) (i32.const 256))
                (call $say (i32.const 1800))
                (call $putu32 (i32.gt_u (i32.load (i32.const 260)) (i32.const 0))) (call $nl)
                (call $drop-error (local.get $w))))))
        (call $drop-output (local.get $s))))
    (call $drop-descriptor (local.get $f))
    (call $drop-descriptor (local.get $r))
    (call $puts (i32.const 1816)) (call $nl)
    (i32.const 0))
