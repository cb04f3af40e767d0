// `wacc run`: compiles into the cache once, then runs the cached executable;
// wacc's options before the file, the program's after it; exit status, output
// and traps are the program's own; --dir, --env and -S as `wasmtime run`.
// RUN: %S/../tools/c-component %s %t.wasm
// RUN: rm -rf %t.cache %t.home && mkdir -p %t.d %t.home && echo hi > %t.d/in.txt
// RUN: env XDG_CACHE_HOME=%t.cache %wacc run --dir %t.d::/data --env GREETING=hello %t.wasm a --dir x | %FileCheck %s --check-prefix=FIRST
// FIRST: argv[0] = {{.*}}wacc-run.c.tmp.wasm
// FIRST-NEXT: argv[1] = a
// FIRST-NEXT: argv[2] = --dir
// FIRST-NEXT: argv[3] = x
// FIRST-NEXT: GREETING hello
// FIRST-NEXT: read hi
// RUN: ls %t.cache/wacc | count 1
//
// The second run is answered from the cache: the entry is what runs (here
// replaced by a script to show it), and nothing new is compiled.
// RUN: sh -c 'cp %t.cache/wacc/* %t.saved && for f in %t.cache/wacc/*; do printf "#!/bin/sh\necho from the cache \"\$@\"\n" > $f; done' 
// RUN: env XDG_CACHE_HOME=%t.cache %wacc run --dir %t.d::/data --env GREETING=hello %t.wasm a b | %FileCheck %s --check-prefix=CACHED
// CACHED: from the cache a b
// RUN: sh -c 'for f in %t.cache/wacc/*; do cp %t.saved $f; done' 
// RUN: ls %t.cache/wacc | count 1
//
// --argv0 (wasmtime's) names argv[0], compiled or from the cache, and is
// not a new entry: the executable is the same.
// RUN: env XDG_CACHE_HOME=%t.cache %wacc run --argv0 prog --dir %t.d::/data --env GREETING=hello %t.wasm a | %FileCheck %s --check-prefix=ARGV0
// RUN: env XDG_CACHE_HOME=%t.cache %wacc run --dir %t.d::/data --argv0=prog --env GREETING=hello %t.wasm a | %FileCheck %s --check-prefix=ARGV0
// RUN: env XDG_CACHE_HOME=%t.nocache %wacc run --no-cache --argv0 prog %t.wasm a | %FileCheck %s --check-prefix=ARGV0
// ARGV0: argv[0] = prog
// ARGV0-NEXT: argv[1] = a
// RUN: ls %t.cache/wacc | count 1
//
// Other options are another entry; the program's status, traps and output.
// RUN: env XDG_CACHE_HOME=%t.cache GREETING=passed %wacc run -O1 -S inherit-env %t.wasm -- exit 0 | %FileCheck %s --check-prefix=INHERIT
// INHERIT: argv[1] = --
// INHERIT: GREETING passed
// INHERIT-NEXT: no /data
// RUN: ls %t.cache/wacc | count 2
// RUN: env XDG_CACHE_HOME=%t.cache GREETING=passed %wacc run --env GREETING -- %t.wasm | %FileCheck %s --check-prefix=PASS
// PASS: GREETING passed
// RUN: sh -c 'XDG_CACHE_HOME=%t.cache %wacc run %t.wasm exit 3 > /dev/null; test $? = 1' 
// RUN: not env XDG_CACHE_HOME=%t.cache %wacc run %t.wasm trap 2>&1 >/dev/null | %FileCheck %s --check-prefix=TRAP
// RUN: sh -c 'XDG_CACHE_HOME=%t.cache %wacc run %t.wasm trap > /dev/null 2>&1; test $? = 134' 
// TRAP: wasm trap: unreachable
//
// Thread counts make the same executable, so they find the same entry.
// RUN: env XDG_CACHE_HOME=%t.cache %wacc run -j 1 %t.wasm | %FileCheck %s --check-prefix=PLAIN
// RUN: env XDG_CACHE_HOME=%t.cache %wacc run --jobs=2 --threads 1 -j2 %t.wasm | %FileCheck %s --check-prefix=PLAIN
// RUN: ls %t.cache/wacc | count 4
// Past the size bound, a compilation removes the least recently used others.
// RUN: env XDG_CACHE_HOME=%t.cache WACC_CACHE_LIMIT_MB=0 %wacc run -O3 %t.wasm | %FileCheck %s --check-prefix=PLAIN
// RUN: ls %t.cache/wacc | count 1
// RUN: env XDG_CACHE_HOME=%t.cache WACC_CACHE_LIMIT_MB=0 %wacc run -O3 %t.wasm | %FileCheck %s --check-prefix=PLAIN
//
// Without XDG_CACHE_HOME the cache is under $HOME; --no-cache leaves nothing.
// RUN: env -u XDG_CACHE_HOME HOME=%t.home %wacc run %t.wasm | %FileCheck %s --check-prefix=PLAIN
// RUN: ls %t.home/.cache/wacc | count 1
// RUN: env XDG_CACHE_HOME=%t.nocache %wacc run --no-cache %t.wasm | %FileCheck %s --check-prefix=PLAIN
// RUN: not ls %t.nocache
// PLAIN: GREETING (unset)
// PLAIN-NEXT: no /data
//
// Another architecture's executable runs under qemu-user.
// RUN: %if qemu-aarch64 %{ env XDG_CACHE_HOME=%t.cache %wacc run --target=aarch64-linux-gnu %t.wasm x | %FileCheck %s --check-prefix=ARM %}
// RUN: %if qemu-aarch64 %{ env XDG_CACHE_HOME=%t.cache %wacc run --target=aarch64-linux-gnu %t.wasm x | %FileCheck %s --check-prefix=ARM %}
// RUN: %if qemu-aarch64 %{ env XDG_CACHE_HOME=%t.nocache %wacc run --no-cache --target=aarch64-linux-gnu %t.wasm x | %FileCheck %s --check-prefix=ARM %}
// ARM: argv[1] = x
//
// Errors.
// RUN: not %wacc run 2>&1 | %FileCheck %s --check-prefix=NOFILE
// NOFILE: wacc: error: no input file (usage: wacc run [options] <file.wasm> [args...])
// RUN: not %wacc run -o x %t.wasm 2>&1 | %FileCheck %s --check-prefix=NOOUT
// NOOUT: wacc: error: wacc run takes no -o
// RUN: not %wacc run -S keyvalue %t.wasm 2>&1 | %FileCheck %s --check-prefix=KEYVALUE
// KEYVALUE: wacc: error: -S keyvalue is not supported by wacc
// Wasmtime's finer network grants are accepted beside inherit-network (the
// whole network in wacc), and refused alone or turned off, never ignored.
// RUN: env XDG_CACHE_HOME=%t.cache %wacc run -S inherit-network,tcp,udp -S allow-ip-name-lookup -S common,preview2 %t.wasm | %FileCheck %s --check-prefix=PLAIN
// RUN: not %wacc run -S allow-ip-name-lookup %t.wasm 2>&1 | %FileCheck %s --check-prefix=LOOKUP
// LOOKUP: wacc: error: -S allow-ip-name-lookup needs -S inherit-network
// RUN: not %wacc run -S inherit-network,udp=n %t.wasm 2>&1 | %FileCheck %s --check-prefix=NOUDP
// NOUDP: wacc: error: -S udp=n is not supported: wacc's network capability (inherit-network) is all or nothing
// RUN: not %wacc run -S inherit-env=maybe %t.wasm 2>&1 | %FileCheck %s --check-prefix=YESNO
// YESNO: wacc: error: invalid value 'maybe' for -S inherit-env (expected y or n)
// RUN: not %wacc run %t.missing.wasm 2>&1 | %FileCheck %s --check-prefix=MISSING
// MISSING: wacc: error: No such file or directory: '{{.*}}missing.wasm'
// RUN: not %wacc run --preload m=x.wasm %t.wasm 2>&1 | %FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: wacc: error: unknown argument: '--preload' (see wacc --help)
// RUN: not %wacc run --invoke f %t.wasm 2>&1 | %FileCheck %s --check-prefix=INVOKE
// INVOKE: wacc: error: --invoke calls an export of a core module; for a component (Wasmtime's `--invoke 'f(args)'`) it is not supported
// RUN: %wacc run --help | %FileCheck %s --check-prefix=HELP
// HELP: usage: wacc run [options] <file.wasm> [args...]
// HELP: --argv0 <name>
// HELP: -S inherit-env, -S inherit-network
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) printf("argv[%d] = %s\n", i, argv[i]);
  const char* greeting = getenv("GREETING");
  printf("GREETING %s\n", greeting ? greeting : "(unset)");
  FILE* f = fopen("/data/in.txt", "r");
  if (f) {
    char line[64] = {0};
    fgets(line, sizeof line, f);
    printf("read %s", line);
    fclose(f);
  } else {
    printf("no /data\n");
  }
  fflush(stdout);
  if (argc > 2 && !strcmp(argv[1], "exit")) return atoi(argv[2]);
  if (argc > 1 && !strcmp(argv[1], "trap")) __builtin_trap();
  return 0;
}
