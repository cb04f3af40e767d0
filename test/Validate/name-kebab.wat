;; Export names are kebab-case labels or interface names.
;; RUN: %jco parse %s -o %t.wasm
;; RUN: not %wacc %t.wasm -o %t 2>&1 | %FileCheck %s
;; CHECK: wacc: error: {{.*}}.wasm:0x55: export name 'get_Value' is not a valid name: expected a kebab-case label, [constructor]r, [method]r.f, [static]r.f or an interface name ns:pkg/iface@version
(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (func $f (canon lift (core func $i "f")))
  (export "get_Value" (func $f)))
