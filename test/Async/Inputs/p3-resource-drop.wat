;; A WASI 0.3 host resource (wasi:cli/terminal-output@0.3.0) dropped by the
;; guest: the drop must call the 0.3 family's resource-drop
;; (wacc_host_p3_*), since 0.3 reuses 0.2's interface names for resources
;; of its own. get-terminal-stdout gives none when stdout is no terminal,
;; so the drop runs only under a terminal; the call is in the code either way.
(component
  (type $term (instance (export "terminal-output" (type (sub resource)))))
  (import "wasi:cli/terminal-output@0.3.0" (instance $terminal (type $term)))
  (alias export $terminal "terminal-output" (type $terminal-output))
  (type $stdout-type (instance
    (alias outer 1 $terminal-output (type $t))
    (export "terminal-output" (type $to (eq $t)))
    (type $o (own $to))
    (type $opt (option $o))
    (type $f (func (result $opt)))
    (export "get-terminal-stdout" (func (type $f)))))
  (import "wasi:cli/terminal-stdout@0.3.0" (instance $tstdout (type $stdout-type)))
  (alias export $tstdout "get-terminal-stdout" (func $get))
  (core module $memory-holder (memory (export "m") 1))
  (core instance $mem (instantiate $memory-holder))
  (alias core export $mem "m" (core memory $m))
  (core func $get-lowered (canon lower (func $get) (memory $m)))
  (core func $drop (canon resource.drop $terminal-output))
  (type $run-result (result))
  (core func $task-return (canon task.return (result $run-result)))
  (core module $main
    (import "" "get" (func $get (param i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "task.return" (func $task-return (param i32)))
    (import "" "memory" (memory 1))
    (func (export "run") (result i32)
      (call $get (i32.const 0))
      (if (i32.load8_u (i32.const 0)) (then (call $drop (i32.load (i32.const 4)))))
      (call $task-return (i32.const 0))
      (i32.const 0)))
  (core instance $i (instantiate $main (with "" (instance
    (export "get" (func $get-lowered)) (export "drop" (func $drop))
    (export "task.return" (func $task-return)) (export "memory" (memory $m))))))
  (core module $cb (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $cbi (instantiate $cb))
  (type $run-type (func async (result $run-result)))
  (func $run (type $run-type) (canon lift (core func $i "run") async (callback (core func $cbi "cb"))))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.3.0" (instance $run-instance)))
