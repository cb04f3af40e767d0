;; wasi:filesystem/types on directories and links, every path method with
;; its usual errors: create-directory-at (exist), open-at with directory
;; and create|directory, read-directory and read-directory-entry until
;; none, remove-directory-at (not-empty, not-directory, ok), stat-at with and
;; without symlink-follow (no-entry), symlink-at and readlink-at (invalid
;; on a non-link), link-at (link count 2; exist), rename-at across
;; descriptors (no-entry when missing), set-times-at, metadata-hash-at of a
;; file and its hard link, unlink-file-at (is-directory, no-entry), paths
;; leaving the preopen (not-permitted), and directory-entry-stream drops.
;; Directory entries come in no fixed order: they are summed as a bit set
;; (a 1, b 2, c 4, link 8, sub 16) and counted by type.
;; RUN: %prelude-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t --dir %t.dir::/sb
;; RUN: rm -rf %t.dir && mkdir %t.dir
;; RUN: %t | %FileCheck %s
;; RUN: ls -A %t.dir | %FileCheck %s --allow-empty --check-prefix=AFTER
;; RUN: rm -rf %t.dir && mkdir %t.dir
;; jco's run (preview2-shim) agrees until open-at with mutate-directory,
;; which it refuses (unsupported), and then dies in get-type on the -1.
;; RUN: env WACC_JCO_PREOPEN=%t.dir::/sb not %jco run --jco-import %S/Inputs/jco-preopen.mjs %t.wasm 2> /dev/null | %FileCheck %s --check-prefix=JCO
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 --dir %t.dir::/sb
;; RUN: rm -rf %t.dir && mkdir %t.dir
;; RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
;;
;; CHECK: create-directory-at ok
;; CHECK-NEXT: create-directory-at again err exist
;; CHECK-NEXT: open sub ok
;; CHECK-NEXT: get-type ok directory
;; CHECK-NEXT: open sub/a ok
;; CHECK-NEXT: open b ok
;; CHECK-NEXT: remove-directory-at err not-empty
;; CHECK-NEXT: read-directory ok
;; CHECK-NEXT: entries 2 names 3 regular-file 2 directory 0 symbolic-link 0
;; CHECK-NEXT: stat-at ok directory
;; CHECK-NEXT: stat-at missing err no-entry
;; CHECK-NEXT: symlink-at ok
;; CHECK-NEXT: symlink-at again err exist
;; CHECK-NEXT: readlink-at ok sub/a
;; CHECK-NEXT: readlink-at directory err invalid
;; CHECK-NEXT: stat-at link ok symbolic-link
;; CHECK-NEXT: stat-at link followed ok regular-file
;; CHECK-NEXT: link-at ok
;; CHECK-NEXT: link-at again err exist
;; CHECK-NEXT: stat-at hard ok regular-file links 2
;; CHECK-NEXT: rename-at ok
;; CHECK-NEXT: rename-at missing err no-entry
;; CHECK-NEXT: stat-at renamed ok regular-file
;; CHECK-NEXT: stat-at old name err no-entry
;; CHECK-NEXT: set-times-at ok
;; CHECK-NEXT: stat-at sub/a ok regular-file accessed 1000 modified 2000
;; CHECK-NEXT: set-times-at missing err no-entry
;; CHECK-NEXT: metadata-hash-at ok
;; CHECK-NEXT: metadata-hash-at ok
;; CHECK-NEXT: same file hashes equal 1
;; CHECK-NEXT: read-directory ok
;; CHECK-NEXT: entries 2 names 24 regular-file 0 directory 1 symbolic-link 1
;; CHECK-NEXT: unlink-file-at link ok
;; CHECK-NEXT: unlink-file-at directory err {{is-directory|not-permitted|access}}
;; CHECK-NEXT: unlink-file-at missing err no-entry
;; CHECK-NEXT: remove-directory-at file err not-directory
;; CHECK-NEXT: stat-at outside err not-permitted
;; CHECK-NEXT: unlink-file-at sub/a ok
;; CHECK-NEXT: unlink-file-at sub/c ok
;; CHECK-NEXT: unlink-file-at sub/b ok
;; CHECK-NEXT: remove-directory-at ok
;; CHECK-NEXT: read-directory ok
;; CHECK-NEXT: entries 0 names 0 regular-file 0 directory 0 symbolic-link 0
;; CHECK-NEXT: done
;; AFTER-NOT: {{.}}
;; JCO: create-directory-at ok
;; JCO-NEXT: create-directory-at again err exist
;; JCO-NEXT: open sub err unsupported
  (import "wasi:filesystem/preopens@@VERSION@" "get-directories" (func $get-directories (param i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.open-at"
    (func $open-at (param i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.get-type" (func $get-type (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.create-directory-at"
    (func $create-directory-at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.remove-directory-at"
    (func $remove-directory-at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.unlink-file-at"
    (func $unlink-file-at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.read-directory" (func $read-directory (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]directory-entry-stream.read-directory-entry"
    (func $read-directory-entry (param i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.stat-at" (func $stat-at (param i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.symlink-at"
    (func $symlink-at (param i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.readlink-at" (func $readlink-at (param i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.link-at"
    (func $link-at (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.rename-at"
    (func $rename-at (param i32 i32 i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.set-times-at"
    (func $set-times-at (param i32 i32 i32 i32 i32 i64 i32 i32 i64 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[method]descriptor.metadata-hash-at"
    (func $metadata-hash-at (param i32 i32 i32 i32 i32)))
  (import "wasi:filesystem/types@@VERSION@" "[resource-drop]descriptor" (func $drop-descriptor (param i32)))
  (import "wasi:filesystem/types@@VERSION@" "[resource-drop]directory-entry-stream" (func $drop-entries (param i32)))
  (data (i32.const 1024) "read-directory\00")
  (data (i32.const 1040) "entries\00")
  (data (i32.const 1048) "names\00")
  (data (i32.const 1056) "regular-file\00")
  (data (i32.const 1072) "directory\00")
  (data (i32.const 1088) "symbolic-link\00")
  (data (i32.const 1104) "sub\00")
  (data (i32.const 1112) "create-directory-at\00")
  (data (i32.const 1136) "create-directory-at again\00")
  (data (i32.const 1168) "open sub\00")
  (data (i32.const 1184) "get-type\00")
  (data (i32.const 1200) "open sub/a\00")
  (data (i32.const 1216) "sub/a\00")
  (data (i32.const 1224) "open b\00")
  (data (i32.const 1232) "b\00")
  (data (i32.const 1240) "remove-directory-at\00")
  (data (i32.const 1264) "stat-at\00")
  (data (i32.const 1272) "stat-at missing\00")
  (data (i32.const 1288) "nope\00")
  (data (i32.const 1296) "link\00")
  (data (i32.const 1304) "symlink-at\00")
  (data (i32.const 1320) "symlink-at again\00")
  (data (i32.const 1344) "readlink-at\00")
  (data (i32.const 1360) "readlink-at directory\00")
  (data (i32.const 1384) "stat-at link\00")
  (data (i32.const 1400) "stat-at link followed\00")
  (data (i32.const 1424) "hard\00")
  (data (i32.const 1432) "link-at\00")
  (data (i32.const 1440) "link-at again\00")
  (data (i32.const 1456) "stat-at hard\00")
  (data (i32.const 1472) "links\00")
  (data (i32.const 1480) "c\00")
  (data (i32.const 1488) "rename-at\00")
  (data (i32.const 1504) "rename-at missing\00")
  (data (i32.const 1528) "stat-at renamed\00")
  (data (i32.const 1544) "stat-at old name\00")
  (data (i32.const 1568) "set-times-at\00")
  (data (i32.const 1584) "stat-at sub/a\00")
  (data (i32.const 1600) "accessed\00")
  (data (i32.const 1616) "modified\00")
  (data (i32.const 1632) "set-times-at missing\00")
  (data (i32.const 1656) "metadata-hash-at\00")
  (data (i32.const 1680) "same file hashes equal\00")
  (data (i32.const 1704) "unlink-file-at link\00")
  (data (i32.const 1728) "unlink-file-at directory\00")
  (data (i32.const 1760) "unlink-file-at missing\00")
  (data (i32.const 1784) "remove-directory-at file\00")
  (data (i32.const 1816) "stat-at outside\00")
  (data (i32.const 1832) "../x\00")
  (data (i32.const 1840) "unlink-file-at sub/a\00")
  (data (i32.const 1864) "unlink-file-at sub/c\00")
  (data (i32.const 1888) "unlink-file-at sub/b\00")
  (data (i32.const 1912) "done\00")
  (global $dir (mut i32) (i32.const 0))
  (func $unit (param $label i32)
    (call $say (local.get $label))
    (drop (call $fs-result (i32.const 256) (i32.const 1))))
  (func $open (param $label i32) (param $at i32) (param $path i32) (param $open-flags i32) (param $flags i32) (result i32)
    (call $open-at (local.get $at) (i32.const 0) (local.get $path) (call $strlen (local.get $path))
                   (local.get $open-flags) (local.get $flags) (i32.const 256))
    (call $say (local.get $label))
    (if (result i32) (call $fs-result (i32.const 256) (i32.const 4))
      (then (i32.load (i32.const 260)))
      (else (i32.const -1))))
  ;; stat-at(at, flags, path): "<label> ok <type>" (no newline) or "<label> err ..."
  ;; (newline); returns 1 if ok. The stat stays at 256.
  (func $stat-path (param $label i32) (param $at i32) (param $flags i32) (param $path i32) (result i32)
    (call $stat-at (local.get $at) (local.get $flags) (local.get $path) (call $strlen (local.get $path))
                   (i32.const 256))
    (call $say (local.get $label))
    (if (result i32) (i32.load8_u (i32.const 256))
      (then (drop (call $fs-result (i32.const 256) (i32.const 8))) (i32.const 0))
      (else (call $say (i32.const 0x8004)) (call $descriptor-type (i32.load8_u (i32.const 264)))
            (i32.const 1))))
  (func $stat-line (param $label i32) (param $at i32) (param $flags i32) (param $path i32)
    (if (call $stat-path (local.get $label) (local.get $at) (local.get $flags) (local.get $path))
      (then (call $nl))))
  ;; Bit of an entry name: a 1, b 2, c 4, link 8, sub 16, anything else 32.
  (func $name-bit (param $ptr i32) (param $len i32) (result i32)
    (if (i32.eq (local.get $len) (i32.const 1))
      (then (return (i32.shl (i32.const 1) (i32.sub (i32.load8_u (local.get $ptr)) (i32.const 97))))))
    (if (i32.eq (local.get $len) (i32.const 4)) (then (return (i32.const 8))))
    (if (i32.eq (local.get $len) (i32.const 3)) (then (return (i32.const 16))))
    (i32.const 32))
  ;; read-directory(fd), then read-directory-entry until none: "entries <n>
  ;; names <bit set> regular-file <n> directory <n> symbolic-link <n>".
  (func $list (param $fd i32)
    (local $stream i32) (local $count i32) (local $names i32)
    (local $files i32) (local $dirs i32) (local $links i32) (local $type i32)
    (call $read-directory (local.get $fd) (i32.const 256))
    (call $say (i32.const 1024))
    (if (i32.eqz (call $fs-result (i32.const 256) (i32.const 4))) (then (return)))
    (local.set $stream (i32.load (i32.const 260)))
    (block $none
      (loop $next
        (call $read-directory-entry (local.get $stream) (i32.const 256))
        (if (i32.load8_u (i32.const 256))
          (then (drop (call $fs-result (i32.const 256) (i32.const 4))) (br $none)))
        (br_if $none (i32.eqz (i32.load8_u (i32.const 260))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (local.set $names (i32.or (local.get $names)
                                  (call $name-bit (i32.load (i32.const 268)) (i32.load (i32.const 272)))))
        (local.set $type (i32.load8_u (i32.const 264)))
        (local.set $files (i32.add (local.get $files) (i32.eq (local.get $type) (i32.const 6))))
        (local.set $dirs (i32.add (local.get $dirs) (i32.eq (local.get $type) (i32.const 3))))
        (local.set $links (i32.add (local.get $links) (i32.eq (local.get $type) (i32.const 5))))
        (br $next)))
    (call $drop-entries (local.get $stream))
    (call $say (i32.const 1040)) (call $putu32 (local.get $count)) (call $sp)
    (call $say (i32.const 1048)) (call $putu32 (local.get $names)) (call $sp)
    (call $say (i32.const 1056)) (call $putu32 (local.get $files)) (call $sp)
    (call $say (i32.const 1072)) (call $putu32 (local.get $dirs)) (call $sp)
    (call $say (i32.const 1088)) (call $putu32 (local.get $links)) (call $nl))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $sub i32)
    (call $get-directories (i32.const 256))
    (global.set $dir (i32.load (i32.load (i32.const 256))))
    ;; sub/ with a and ./b.
    (call $create-directory-at (global.get $dir) (i32.const 1104) (i32.const 3) (i32.const 256))
    (call $unit (i32.const 1112))
    (call $create-directory-at (global.get $dir) (i32.const 1104) (i32.const 3) (i32.const 256))
    (call $unit (i32.const 1136))
    (local.set $sub (call $open (i32.const 1168) (global.get $dir) (i32.const 1104) (i32.const 2) (i32.const 33)))
    (call $get-type (local.get $sub) (i32.const 256))
    (call $say (i32.const 1184)) (call $say (i32.const 0x8004))
    (call $descriptor-type (i32.load8_u (i32.const 257))) (call $nl)
    (call $drop-descriptor (call $open (i32.const 1200) (global.get $dir) (i32.const 1216) (i32.const 1) (i32.const 2)))
    (call $drop-descriptor (call $open (i32.const 1224) (local.get $sub) (i32.const 1232) (i32.const 1) (i32.const 2)))
    (call $remove-directory-at (global.get $dir) (i32.const 1104) (i32.const 3) (i32.const 256))
    (call $unit (i32.const 1240))
    (call $list (local.get $sub))
    (call $stat-line (i32.const 1264) (global.get $dir) (i32.const 0) (i32.const 1104))
    (call $stat-line (i32.const 1272) (global.get $dir) (i32.const 0) (i32.const 1288))
    ;; link -> sub/a
    (call $symlink-at (global.get $dir) (i32.const 1216) (i32.const 5) (i32.const 1296) (i32.const 4) (i32.const 256))
    (call $unit (i32.const 1304))
    (call $symlink-at (global.get $dir) (i32.const 1216) (i32.const 5) (i32.const 1296) (i32.const 4) (i32.const 256))
    (call $unit (i32.const 1320))
    (call $readlink-at (global.get $dir) (i32.const 1296) (i32.const 4) (i32.const 256))
    (call $say (i32.const 1344))
    (if (i32.load8_u (i32.const 256))
      (then (drop (call $fs-result (i32.const 256) (i32.const 4))))
      (else (call $say (i32.const 0x8004))
            (call $write (i32.load (i32.const 260)) (i32.load (i32.const 264))) (call $nl)))
    (call $readlink-at (global.get $dir) (i32.const 1104) (i32.const 3) (i32.const 256))
    (call $say (i32.const 1360))
    (drop (call $fs-result (i32.const 256) (i32.const 4)))
    (call $stat-line (i32.const 1384) (global.get $dir) (i32.const 0) (i32.const 1296))
    (call $stat-line (i32.const 1400) (global.get $dir) (i32.const 1) (i32.const 1296))
    ;; hard -> sub/a's file
    (call $link-at (global.get $dir) (i32.const 0) (i32.const 1216) (i32.const 5) (global.get $dir) (i32.const 1424) (i32.const 4)
                   (i32.const 256))
    (call $unit (i32.const 1432))
    (call $link-at (global.get $dir) (i32.const 0) (i32.const 1216) (i32.const 5) (global.get $dir) (i32.const 1424) (i32.const 4)
                   (i32.const 256))
    (call $unit (i32.const 1440))
    (if (call $stat-path (i32.const 1456) (global.get $dir) (i32.const 0) (i32.const 1424))
      (then (call $sp) (call $say (i32.const 1472)) (call $putu (i64.load (i32.const 272))) (call $nl)))
    ;; hard moves to sub/c.
    (call $rename-at (global.get $dir) (i32.const 1424) (i32.const 4) (local.get $sub) (i32.const 1480) (i32.const 1) (i32.const 256))
    (call $unit (i32.const 1488))
    (call $rename-at (global.get $dir) (i32.const 1424) (i32.const 4) (local.get $sub) (i32.const 1480) (i32.const 1) (i32.const 256))
    (call $unit (i32.const 1504))
    (call $stat-line (i32.const 1528) (local.get $sub) (i32.const 0) (i32.const 1480))
    (call $stat-line (i32.const 1544) (global.get $dir) (i32.const 0) (i32.const 1424))
    ;; Times by path.
    (call $set-times-at (global.get $dir) (i32.const 0) (i32.const 1216) (i32.const 5)
                        (i32.const 2) (i64.const 1000) (i32.const 0)
                        (i32.const 2) (i64.const 2000) (i32.const 0) (i32.const 256))
    (call $unit (i32.const 1568))
    (if (call $stat-path (i32.const 1584) (global.get $dir) (i32.const 0) (i32.const 1216))
      (then (call $sp) (call $say (i32.const 1600)) (call $putu (i64.load (i32.const 296))) (call $sp)
            (call $say (i32.const 1616)) (call $putu (i64.load (i32.const 320))) (call $nl)))
    (call $set-times-at (global.get $dir) (i32.const 0) (i32.const 1288) (i32.const 4)
                        (i32.const 1) (i64.const 0) (i32.const 0)
                        (i32.const 1) (i64.const 0) (i32.const 0) (i32.const 256))
    (call $unit (i32.const 1632))
    ;; sub/c and sub/a are one file.
    (call $metadata-hash-at (local.get $sub) (i32.const 0) (i32.const 1480) (i32.const 1) (i32.const 256))
    (call $say (i32.const 1656))
    (drop (call $fs-result (i32.const 256) (i32.const 8)))
    (i64.store (i32.const 0x10000) (i64.load (i32.const 264)))
    (i64.store (i32.const 0x10008) (i64.load (i32.const 272)))
    (call $metadata-hash-at (global.get $dir) (i32.const 1) (i32.const 1296) (i32.const 4) (i32.const 256))
    (call $say (i32.const 1656))
    (drop (call $fs-result (i32.const 256) (i32.const 8)))
    (call $say (i32.const 1680))
    (call $putu32 (call $memeq (i32.const 0x10000) (i32.const 264) (i32.const 16))) (call $nl)
    (call $list (global.get $dir))
    ;; Removing.
    (call $unlink-file-at (global.get $dir) (i32.const 1296) (i32.const 4) (i32.const 256))
    (call $unit (i32.const 1704))
    (call $unlink-file-at (global.get $dir) (i32.const 1104) (i32.const 3) (i32.const 256))
    (call $unit (i32.const 1728))
    (call $unlink-file-at (global.get $dir) (i32.const 1288) (i32.const 4) (i32.const 256))
    (call $unit (i32.const 1760))
    (call $remove-directory-at (global.get $dir) (i32.const 1216) (i32.const 5) (i32.const 256))
    (call $unit (i32.const 1784))
    (call $stat-line (i32.const 1816) (global.get $dir) (i32.const 0) (i32.const 1832))
    (call $unlink-file-at (global.get $dir) (i32.const 1216) (i32.const 5) (i32.const 256))
    (call $unit (i32.const 1840))
    (call $unlink-file-at (local.get $sub) (i32.const 1480) (i32.const 1) (i32.const 256))
    (call $unit (i32.const 1864))
    (call $unlink-file-at (local.get $sub) (i32.const 1232) (i32.const 1) (i32.const 256))
    (call $unit (i32.const 1888))
    (call $drop-descriptor (local.get $sub))
    (call $remove-directory-at (global.get $dir) (i32.const 1104) (i32.const 3) (i32.const 256))
    (call $unit (i32.const 1240))
    (call $list (global.get $dir))
    (call $puts (i32.const 1912)) (call $nl)
    (i32.const 0))
