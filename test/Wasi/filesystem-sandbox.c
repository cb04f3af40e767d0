// wasi:filesystem through wasi-libc: file and directory operations inside a
// preopen, and every way out refused: "..", absolute paths, symlinks
// pointing outside (relative or absolute), hard links to outside files.
// AArch64 runs under qemu-user, which lacks openat2, so it exercises the
// runtime's component-by-component walk instead of RESOLVE_BENEATH.
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64 --dir %t.dir/sb::/sb
// RUN: rm -rf %t.dir && mkdir -p %t.dir/sb/sub %t.dir/outside
// RUN: echo secret > %t.dir/outside/secret
// RUN: ln -s ../outside/secret %t.dir/sb/up-link
// RUN: ln -s %t.dir/outside/secret %t.dir/sb/abs-link
// RUN: ln -s sub %t.dir/sb/sub-link
// RUN: %t.x86_64 | %FileCheck %s
// RUN: ls %t.dir/sb | %FileCheck %s --check-prefix=AFTER
// RUN: count 1 < %t.dir/outside/secret
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 --dir %t.dir/sb::/sb
// RUN: rm -rf %t.dir/sb/my-link %t.dir/sb/new-dir %t.dir/sb/renamed.txt
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void try_open(const char* path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("open %s: %s\n", path, strerror(errno));
    return;
  }
  char buffer[64] = {0};
  ssize_t n = read(fd, buffer, sizeof buffer - 1);
  printf("open %s: read %zd: %s", path, n, buffer);
  close(fd);
}

static void report(const char* what, int result) {
  printf("%s: %s\n", what, result == 0 ? "ok" : strerror(errno));
}

int main(void) {
  FILE* f = fopen("/sb/file.txt", "w");
  fputs("hello file\n", f);
  fclose(f);
  try_open("/sb/file.txt");
  // CHECK: open /sb/file.txt: read 11: hello file
  struct stat st;
  report("stat", stat("/sb/file.txt", &st));
  printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  // CHECK: stat: ok
  // CHECK-NEXT: size 11 regular 1
  report("mkdir", mkdir("/sb/new-dir", 0755));
  report("mkdir again", mkdir("/sb/new-dir", 0755));
  report("rename", rename("/sb/file.txt", "/sb/renamed.txt"));
  report("symlink", symlink("renamed.txt", "/sb/my-link"));
  char target[64] = {0};
  ssize_t n = readlink("/sb/my-link", target, sizeof target - 1);
  printf("readlink %zd %s\n", n, target);
  report("unlink missing", unlink("/sb/missing"));
  report("rmdir non-empty", rmdir("/sb/sub-link/.."));
  // CHECK-NEXT: mkdir: ok
  // CHECK-NEXT: mkdir again: File exists
  // CHECK-NEXT: rename: ok
  // CHECK-NEXT: symlink: ok
  // CHECK-NEXT: readlink 11 renamed.txt
  // CHECK-NEXT: unlink missing: No such file or directory
  // CHECK-NEXT: rmdir non-empty: Directory not empty
  try_open("/sb/sub-link/../renamed.txt");
  // CHECK-NEXT: open /sb/sub-link/../renamed.txt: read 11: hello file

  // The ways out.
  try_open("/sb/../outside/secret");
  try_open("/sb/sub/../../outside/secret");
  try_open("/sb/up-link");
  try_open("/sb/abs-link");
  report("link to outside", link("/sb/../outside/secret", "/sb/stolen"));
  report("symlink absolute", symlink("/etc/passwd", "/sb/abs2"));
  try_open("/etc/passwd");
  // CHECK-NEXT: open /sb/../outside/secret: {{Operation not permitted|Capabilities insufficient}}
  // CHECK-NEXT: open /sb/sub/../../outside/secret: {{Operation not permitted|Capabilities insufficient}}
  // CHECK-NEXT: open /sb/up-link: {{Operation not permitted|Capabilities insufficient}}
  // CHECK-NEXT: open /sb/abs-link: {{Operation not permitted|Capabilities insufficient}}
  // CHECK-NEXT: link to outside: {{Operation not permitted|Capabilities insufficient}}
  // CHECK-NEXT: symlink absolute: {{Operation not permitted|Capabilities insufficient}}
  // CHECK-NEXT: open /etc/passwd: {{No such file or directory|Capabilities insufficient}}

  DIR* dir = opendir("/sb");
  int entries = 0;
  for (struct dirent* e; (e = readdir(dir)) != NULL;)
    if (strcmp(e->d_name, "renamed.txt") == 0 || strcmp(e->d_name, "new-dir") == 0) ++entries;
  closedir(dir);
  printf("found %d entries\n", entries);
  // CHECK-NEXT: found 2 entries
  return 0;
}
// AFTER-NOT: stolen
// AFTER-NOT: abs2
// AFTER: my-link
// AFTER: new-dir
// AFTER: renamed.txt
