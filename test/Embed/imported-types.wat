;; # Imports whose types are records, variants and resources of several
;; # interfaces: each instance type declares what its functions need, and a type
;; # an interface `use`s is aliased from the interface it comes from, imported
;; # first (as wit-component orders them). jco validates and runs the
;; # component; wacc compiles it and checks every import against its runtime.
;; RUN: rm -rf %t && mkdir %t
;; RUN: %jco parse %s -o %t/fs.wasm
;; RUN: %wacc %t/fs.wasm --wit %jco_wit --emit=component -o %t/fs-component.wasm
;; RUN: %jco print %t/fs-component.wasm | %FileCheck %s
;; RUN: %jco run %t/fs-component.wasm
;; RUN: %wacc %t/fs.wasm --wit %jco_wit -o %t/fs
;; RUN: %t/fs
;;
;; CHECK: (import "wasi:clocks/wall-clock@0.2.12" (instance (;0;)
;; CHECK-NEXT: (alias export 0 "datetime" (type (;1;)))
;; CHECK: (alias outer 1 1 (type
;; CHECK: (export (;{{[0-9]+}};) "descriptor-stat" (type (eq
;; CHECK: (export (;0;) "[method]descriptor.stat" (func
;; CHECK: (import "wasi:filesystem/types@0.2.12" (instance (;1;)
;; CHECK-NEXT: (alias export 1 "descriptor" (type (;3;)))
;; CHECK: (import "wasi:filesystem/preopens@0.2.12" (instance (;2;)
;; CHECK: (import "wasi:sockets/network@0.2.12" (instance (;3;)
;; CHECK: (import "wasi:sockets/tcp@0.2.12" (instance (;4;)
;; CHECK: (canon resource.drop 3)
;; CHECK: (canon lower (func {{[0-9]+}}) (memory 0) (realloc {{[0-9]+}}))
(module
  (import "wasi:filesystem/types@0.2.12" "[method]descriptor.stat" (func (param i32 i32)))
  (import "wasi:filesystem/preopens@0.2.12" "get-directories" (func (param i32)))
  (import "wasi:filesystem/types@0.2.12" "[resource-drop]descriptor" (func (param i32)))
  (import "wasi:sockets/tcp@0.2.12" "[method]tcp-socket.local-address" (func (param i32 i32)))
  (import "wasi:clocks/wall-clock@0.2.12" "now" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "wasi:cli/run@0.2.12#run") (result i32) (i32.const 0)))
