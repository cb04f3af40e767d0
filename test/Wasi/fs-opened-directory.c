// A directory opened beneath a preopen keeps the preopen's right to change
// what is beneath it, however it was opened, as in Wasmtime (whose open_at
// hands the parent's DirPerms to the new directory): wasi-libc opens
// directories read-only, so through the preview1 adapter the descriptor
// carries no mutate-directory flag, and every *at call on it must still
// create, rename, link and remove (the official wasi-testsuite's Rust tests
// all start this way). Nothing of this widens the sandbox: ".." out of it is
// still refused.
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64 --dir %t.dir::/sb
// RUN: rm -rf %t.dir && mkdir -p %t.dir/sub
// RUN: %t.x86_64 | %FileCheck %s
// RUN: ls -A %t.dir/sub | %FileCheck %s --allow-empty --check-prefix=AFTER
// RUN: ls -A %t.dir | %FileCheck %s --check-prefix=TOP
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 --dir %t.dir::/sb
// RUN: rm -rf %t.dir && mkdir -p %t.dir/sub
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
// CHECK: open sub: ok
// CHECK-NEXT: mkdirat: ok
// CHECK-NEXT: openat create: ok
// CHECK-NEXT: renameat: ok
// CHECK-NEXT: symlinkat: ok
// CHECK-NEXT: linkat: ok
// CHECK-NEXT: unlinkat link: ok
// CHECK-NEXT: open made: ok
// CHECK-NEXT: unlinkat beneath: ok
// CHECK-NEXT: read moved: 5 hello
// CHECK-NEXT: unlinkat moved: ok
// CHECK-NEXT: rmdir made: ok
// CHECK-NEXT: mkdirat outside: {{Operation not permitted|Capabilities insufficient}}
// AFTER-NOT: {{.}}
// TOP: sub
// TOP-NOT: escape
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char* what, int result) {
  printf("%s: %s\n", what, result >= 0 ? "ok" : strerror(errno));
}

int main(void) {
  int dir = open("/sb/sub", O_RDONLY | O_DIRECTORY);
  report("open sub", dir);
  report("mkdirat", mkdirat(dir, "made", 0755));
  int file = openat(dir, "made/file.txt", O_CREAT | O_WRONLY, 0644);
  report("openat create", file);
  if (file >= 0) {
    write(file, "hello", 5);
    close(file);
  }
  report("renameat", renameat(dir, "made/file.txt", dir, "made/moved.txt"));
  report("symlinkat", symlinkat("moved.txt", dir, "made/link"));
  report("linkat", linkat(dir, "made/moved.txt", dir, "made/hard", 0));
  report("unlinkat link", unlinkat(dir, "made/link", 0));
  // And a directory opened beneath the opened one.
  int made = openat(dir, "made", O_RDONLY | O_DIRECTORY);
  report("open made", made);
  report("unlinkat beneath", unlinkat(made, "hard", 0));
  char buffer[16] = {0};
  int moved = openat(made, "moved.txt", O_RDONLY);
  ssize_t n = moved >= 0 ? read(moved, buffer, sizeof buffer - 1) : -1;
  printf("read moved: %zd %s\n", n, buffer);
  if (moved >= 0) close(moved);
  report("unlinkat moved", unlinkat(made, "moved.txt", 0));
  close(made);
  report("rmdir made", unlinkat(dir, "made", AT_REMOVEDIR));
  report("mkdirat outside", mkdirat(dir, "../../escape", 0755));
  close(dir);
  return 0;
}
