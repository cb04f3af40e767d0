// Prints its arguments (not argv[0], which names the executable differently
// for each build): empty ones, spaces, quotes and UTF-8.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1 -- %t.x86_64 one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1 -- %run-aarch64 %t.aarch64 one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1 %}
// The plain preview1 module, compiled directly (no adapter):
// RUN: %c-module %s %t.module.wasm
// RUN: %wacc %t.module.wasm -o %t.module.x86_64
// RUN: %diff-run -- %t.native one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1 -- %t.module.x86_64 one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1
// RUN: %diff-run -- %t.native -- %t.module.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.module.wasm -o %t.module.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1 -- %run-aarch64 %t.module.aarch64 one "two words" "" 'quo"te' héllo-wörld ✓ -x --long=1 %}
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argc-1 = %d\n", argc - 1);
  for (int i = 1; i < argc; ++i) printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
  return 0;
}
