// Environment variables: getenv of variables the executable was given with
// `wacc --env NAME` (passed through from the run-time environment, which
// diff-run --env sets for both builds) or `--env NAME=VALUE` (baked in; the
// native build gets the same value at run time), of an unset one, and a scan
// of environ for the test's own prefix.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc --env WACC_CORPUS_GREETING --env WACC_CORPUS_SPACES --env WACC_CORPUS_EMPTY --env WACC_CORPUS_UTF8 --env WACC_CORPUS_NEVER_SET --env WACC_CORPUS_BAKED=baked=in %t.wasm -o %t.x86_64
// RUN: %diff-run --env WACC_CORPUS_GREETING=hello --env "WACC_CORPUS_SPACES=a b  c" --env WACC_CORPUS_EMPTY= --env WACC_CORPUS_UTF8=grüße --env WACC_CORPUS_BAKED=baked=in -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu --env WACC_CORPUS_GREETING --env WACC_CORPUS_SPACES --env WACC_CORPUS_EMPTY --env WACC_CORPUS_UTF8 --env WACC_CORPUS_NEVER_SET --env WACC_CORPUS_BAKED=baked=in %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --env WACC_CORPUS_GREETING=hello --env "WACC_CORPUS_SPACES=a b  c" --env WACC_CORPUS_EMPTY= --env WACC_CORPUS_UTF8=grüße --env WACC_CORPUS_BAKED=baked=in -- %t.native -- %run-aarch64 %t.aarch64 %}
// Without --env, the component sees none of them.
// RUN: %wacc %t.wasm -o %t.no-env
// RUN: env WACC_CORPUS_GREETING=hello %t.no-env | %FileCheck %s --check-prefix=NO-ENV
// NO-ENV: WACC_CORPUS_GREETING is unset
// NO-ENV-NOT: environ:
// The plain preview1 module, compiled directly (no adapter), with the same
// capabilities:
// RUN: %c-module %s %t.module.wasm
// RUN: %wacc --env WACC_CORPUS_GREETING --env WACC_CORPUS_SPACES --env WACC_CORPUS_EMPTY --env WACC_CORPUS_UTF8 --env WACC_CORPUS_NEVER_SET --env WACC_CORPUS_BAKED=baked=in %t.module.wasm -o %t.module.x86_64
// RUN: %diff-run --env WACC_CORPUS_GREETING=hello --env "WACC_CORPUS_SPACES=a b  c" --env WACC_CORPUS_EMPTY= --env WACC_CORPUS_UTF8=grüße --env WACC_CORPUS_BAKED=baked=in -- %t.native -- %t.module.x86_64
// RUN: %wacc --target=aarch64-linux-gnu --env WACC_CORPUS_GREETING --env WACC_CORPUS_SPACES --env WACC_CORPUS_EMPTY --env WACC_CORPUS_UTF8 --env WACC_CORPUS_NEVER_SET --env WACC_CORPUS_BAKED=baked=in %t.module.wasm -o %t.module.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --env WACC_CORPUS_GREETING=hello --env "WACC_CORPUS_SPACES=a b  c" --env WACC_CORPUS_EMPTY= --env WACC_CORPUS_UTF8=grüße --env WACC_CORPUS_BAKED=baked=in -- %t.native -- %run-aarch64 %t.module.aarch64 %}
// RUN: %wacc %t.module.wasm -o %t.module.no-env
// RUN: env WACC_CORPUS_GREETING=hello %t.module.no-env | %FileCheck %s --check-prefix=NO-ENV
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static void show(const char *name) {
  const char *value = getenv(name);
  if (value)
    printf("%s=[%s]\n", name, value);
  else
    printf("%s is unset\n", name);
}

static int by_string(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void) {
  show("WACC_CORPUS_GREETING");
  show("WACC_CORPUS_SPACES");
  show("WACC_CORPUS_EMPTY");
  show("WACC_CORPUS_UTF8");
  show("WACC_CORPUS_NEVER_SET");
  show("WACC_CORPUS_BAKED");
  const char *mine[16];
  int n = 0;
  for (char **e = environ; *e && n < 16; ++e)
    if (strncmp(*e, "WACC_CORPUS_", 12) == 0) mine[n++] = *e;
  qsort(mine, (size_t)n, sizeof mine[0], by_string);
  for (int i = 0; i < n; ++i) printf("environ: %s\n", mine[i]);
  setenv("WACC_CORPUS_GREETING", "changed", 1);
  show("WACC_CORPUS_GREETING");
  unsetenv("WACC_CORPUS_SPACES");
  show("WACC_CORPUS_SPACES");
  return 0;
}
