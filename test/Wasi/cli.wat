;; wasi:cli: environment (get-arguments, get-environment as granted,
;; initial-cwd), get-stderr, terminal-stdin/stdout/stderr (none on pipes
;; and files, some on a pseudo-terminal made by script(1), then dropped),
;; and how a run ends: returning ok (0) or err (1), exit(ok) (0) and
;; exit(err) (1), chosen by argv[1]. jco's run prints
;; the same arguments, stderr and exit statuses; its terminal-* functions
;; return some even on pipes, and its environment and cwd are the host's
;; (jco 1.35's run has no flags to grant them), so those are not compared.
;; RUN: %prelude-component %s %t.wasm
;; RUN: %wacc %t.wasm -o %t --env WACC_A=1 --env WACC_B
;; RUN: env WACC_B=two WACC_C=3 %t normal "two words" 2>&1 | %FileCheck %s --check-prefixes=CHECK,ENV,PIPE
;; RUN: %t 2>&1 < /dev/null | %FileCheck %s --check-prefix=NOARGS
;; RUN: script -qec "%t normal" /dev/null | %FileCheck %s --check-prefix=TTY
;; RUN: %t ok
;; RUN: not %t fail
;; RUN: sh -c '%t exit-ok > %t.out; test $? -eq 0' && %FileCheck %s --check-prefix=EXIT < %t.out
;; RUN: sh -c '%t exit-err > %t.out; test $? -eq 1' && %FileCheck %s --check-prefix=EXIT < %t.out
;; RUN: %jco run %t.wasm normal "two words" 2>&1 | %FileCheck %s --check-prefixes=CHECK,JCO
;; RUN: %jco run %t.wasm ok
;; RUN: not %jco run %t.wasm fail
;; RUN: sh -c '%jco run %t.wasm exit-err > %t.out; test $? -eq 1' && %FileCheck %s --check-prefix=EXIT < %t.out
;; RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 --env WACC_A=1 --env WACC_B
;; RUN: %if qemu-aarch64 %{ env WACC_B=two %run-aarch64 %t.aarch64 normal "two words" 2>&1 | %FileCheck %s --check-prefixes=CHECK,ENV,PIPE %}
;; RUN: %if qemu-aarch64 %{ sh -c '%run-aarch64 %t.aarch64 exit-err > %t.out; test $? -eq 1' && %FileCheck %s --check-prefix=EXIT < %t.out %}
;; RUN: %if qemu-aarch64 %{ not %run-aarch64 %t.aarch64 fail %}
;;
;; CHECK: argument {{.+}}
;; CHECK-NEXT: argument normal
;; CHECK-NEXT: argument two words
;; ENV-NEXT: env WACC_A=1
;; ENV-NEXT: env WACC_B=two
;; ENV-NEXT: cwd none
;; PIPE: terminal-stdin none
;; PIPE-NEXT: terminal-stdout none
;; PIPE-NEXT: terminal-stderr none
;; JCO: terminal-stdin some
;; JCO-NEXT: terminal-stdout some
;; JCO-NEXT: terminal-stderr some
;; CHECK: to stderr
;; NOARGS: argument {{.*}}
;; NOARGS-NOT: argument
;; NOARGS: terminal-stdin none
;; TTY: terminal-stdin some
;; TTY-NEXT: terminal-stdout some
;; TTY-NEXT: terminal-stderr some
;; EXIT: exiting
;; EXIT-NOT: returned
  (import "wasi:cli/environment@@VERSION@" "get-environment" (func $get-environment (param i32)))
  (import "wasi:cli/environment@@VERSION@" "get-arguments" (func $get-arguments (param i32)))
  (import "wasi:cli/environment@@VERSION@" "initial-cwd" (func $initial-cwd (param i32)))
  (import "wasi:cli/stderr@@VERSION@" "get-stderr" (func $get-stderr (result i32)))
  (import "wasi:cli/terminal-stdin@@VERSION@" "get-terminal-stdin" (func $terminal-stdin (param i32)))
  (import "wasi:cli/terminal-stdout@@VERSION@" "get-terminal-stdout" (func $terminal-stdout (param i32)))
  (import "wasi:cli/terminal-stderr@@VERSION@" "get-terminal-stderr" (func $terminal-stderr (param i32)))
  (import "wasi:cli/terminal-input@@VERSION@" "[resource-drop]terminal-input" (func $drop-input (param i32)))
  (import "wasi:cli/terminal-output@@VERSION@" "[resource-drop]terminal-output" (func $drop-output (param i32)))
  (import "wasi:cli/exit@@VERSION@" "exit" (func $exit (param i32)))
  (import "wasi:io/streams@@VERSION@" "[method]output-stream.blocking-write-and-flush"
    (func $write-and-flush (param i32 i32 i32 i32)))
  (data (i32.const 1024) "argument\00")
  (data (i32.const 1088) "env\00")
  (data (i32.const 1152) "=\00")
  (data (i32.const 1216) "cwd\00")
  (data (i32.const 1280) "none\00")
  (data (i32.const 1344) "some\00")
  (data (i32.const 1408) "terminal-stdin\00")
  (data (i32.const 1472) "terminal-stdout\00")
  (data (i32.const 1536) "terminal-stderr\00")
  (data (i32.const 1600) "to stderr\n")
  (data (i32.const 1664) "exiting\00")
  (data (i32.const 1728) "returned\00")
  ;; Prints "<label> none|some" for an option<own<terminal-*>> at 256,
  ;; dropping the terminal resource.
  (func $terminal (param $label i32) (param $input i32)
    (call $say (local.get $label))
    (if (i32.load8_u (i32.const 256))
      (then (call $puts (i32.const 1344))
            (if (local.get $input)
              (then (call $drop-input (i32.load (i32.const 260))))
              (else (call $drop-output (i32.load (i32.const 260))))))
      (else (call $puts (i32.const 1280))))
    (call $nl))
  (func (export "wasi:cli/run@@VERSION@#run") (result i32)
    (local $list i32) (local $count i32) (local $i i32) (local $mode i32)
    ;; Arguments, one a line; $mode is argv[1]'s first letter.
    (call $get-arguments (i32.const 256))
    (local.set $list (i32.load (i32.const 256)))
    (local.set $count (i32.load (i32.const 260)))
    (if (i32.ge_u (local.get $count) (i32.const 2))
      (then (local.set $mode (i32.load8_u (i32.load offset=8 (local.get $list))))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (call $say (i32.const 1024))
        (call $write (i32.load (local.get $list)) (i32.load offset=4 (local.get $list)))
        (call $nl)
        (local.set $list (i32.add (local.get $list) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; "exit-err": exit(err), "exit-ok": exit(ok); "ok": return ok, "fail": return err.
    (if (i32.eq (local.get $mode) (i32.const 101))
      (then
        (if (i32.eq (i32.load8_u offset=5 (i32.load offset=8 (i32.load (i32.const 256)))) (i32.const 101))
          (then (call $puts (i32.const 1664)) (call $nl) (call $exit (i32.const 1))
                (call $puts (i32.const 1728)) (call $nl))
          (else (call $puts (i32.const 1664)) (call $nl) (call $exit (i32.const 0))
                (call $puts (i32.const 1728)) (call $nl)))))
    (if (i32.eq (local.get $mode) (i32.const 111)) (then (return (i32.const 0))))
    (if (i32.eq (local.get $mode) (i32.const 102)) (then (return (i32.const 1))))
    ;; The environment, NAME=value a line, then the initial cwd.
    (call $get-environment (i32.const 256))
    (local.set $list (i32.load (i32.const 256)))
    (local.set $count (i32.load (i32.const 260)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (call $say (i32.const 1088))
        (call $write (i32.load (local.get $list)) (i32.load offset=4 (local.get $list)))
        (call $puts (i32.const 1152))
        (call $write (i32.load offset=8 (local.get $list)) (i32.load offset=12 (local.get $list)))
        (call $nl)
        (local.set $list (i32.add (local.get $list) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $initial-cwd (i32.const 256))
    (call $say (i32.const 1216))
    (if (i32.load8_u (i32.const 256))
      (then (call $write (i32.load (i32.const 260)) (i32.load (i32.const 264))))
      (else (call $puts (i32.const 1280))))
    (call $nl)
    ;; Terminals, then a line to stderr.
    (call $terminal-stdin (i32.const 256))
    (call $terminal (i32.const 1408) (i32.const 1))
    (call $terminal-stdout (i32.const 256))
    (call $terminal (i32.const 1472) (i32.const 0))
    (call $terminal-stderr (i32.const 256))
    (call $terminal (i32.const 1536) (i32.const 0))
    (call $write-and-flush (call $get-stderr) (i32.const 1600) (i32.const 10) (i32.const 0))
    (i32.const 0))
