;; A core module is taken as a WASI preview1 program, not as a component;
;; one without the `_start` entry point (here, without anything) is only
;; instantiated, as `wasmtime run` does: it compiles and does nothing.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: %wacc %t.wasm -o %t.out
;; RUN: %t.out > %t.stdout
;; RUN: count 0 < %t.stdout
(module)
