// A path ending in "/" names a directory (POSIX), for every wasi:filesystem
// path operation, as the official wasi-testsuite checks (and Wasmtime
// does): unlink of "file/" is not-directory, symlink and link to "new/"
// no-entry, rename of "file/" not-directory, while "dir/" works wherever a
// directory is meant. A trailing slash makes the kernel follow a final
// symlink, so a link through "outlink/" (a symlink leading out of the
// preopen) must neither follow it nor touch what is outside; rmdir of it is
// not-permitted (the directory it asks for is outside), as in Wasmtime.
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64 --dir %t.dir/sb::/sb
// RUN: rm -rf %t.dir && mkdir -p %t.dir/sb %t.dir/outside && ln -s ../outside %t.dir/sb/outlink
// RUN: %t.x86_64 | %FileCheck %s
// RUN: ls -A %t.dir/sb | %FileCheck %s --check-prefix=AFTER
// RUN: ls -A %t.dir/outside | count 0
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64 --dir %t.dir/sb::/sb
// RUN: rm -rf %t.dir && mkdir -p %t.dir/sb %t.dir/outside && ln -s ../outside %t.dir/sb/outlink
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}
// RUN: %if qemu-aarch64 %{ ls -A %t.dir/outside | count 0 %}
// CHECK: mkdir made/: ok
// CHECK-NEXT: open file/: Not a directory
// CHECK-NEXT: open made/: ok
// CHECK-NEXT: open new/ to create: Is a directory
// CHECK-NEXT: open filelink/: Not a directory
// CHECK-NEXT: open dirlink/: ok
// CHECK-NEXT: open outlink/: {{Operation not permitted|Capabilities insufficient}}
// CHECK-NEXT: stat file/: Not a directory
// CHECK-NEXT: unlink filelink: ok
// CHECK-NEXT: unlink dirlink: ok
// CHECK-NEXT: unlink file/: Not a directory
// CHECK-NEXT: unlink made/: Is a directory
// CHECK-NEXT: symlink to new/: No such file or directory
// CHECK-NEXT: symlink to made/: File exists
// CHECK-NEXT: link to new/: No such file or directory
// CHECK-NEXT: link from file/: Not a directory
// CHECK-NEXT: link from made/: Operation not permitted
// CHECK-NEXT: link from outlink/: Not a directory
// CHECK-NEXT: rename file/: Not a directory
// CHECK-NEXT: rename to file2/: Not a directory
// CHECK-NEXT: rename made/ to dir/: ok
// CHECK-NEXT: rmdir file/: Not a directory
// CHECK-NEXT: rmdir outlink/: {{Operation not permitted|Capabilities insufficient}}
// CHECK-NEXT: unlink outlink/: Not a directory
// CHECK-NEXT: rmdir dir/: ok
// CHECK-NEXT: unlink file: ok
// AFTER-NOT: {{made|dir|file|new}}
// AFTER: outlink
// AFTER-NOT: {{.}}
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void report(const char* what, int result) {
  printf("%s: %s\n", what, result >= 0 ? "ok" : strerror(errno));
}

static int Close(int fd) {
  if (fd >= 0) close(fd);
  return fd;
}

int main(void) {
  close(open("/sb/file", O_CREAT | O_WRONLY, 0644));
  report("mkdir made/", mkdir("/sb/made/", 0755));
  // Opening: a directory is meant (the walk without openat2, under qemu,
  // decides this itself).
  symlink("file", "/sb/filelink");
  symlink("made", "/sb/dirlink");
  report("open file/", Close(open("/sb/file/", O_RDONLY)));
  report("open made/", Close(open("/sb/made/", O_RDONLY)));
  report("open new/ to create", Close(open("/sb/new/", O_CREAT | O_WRONLY, 0644)));
  report("open filelink/", Close(open("/sb/filelink/", O_RDONLY)));
  report("open dirlink/", Close(open("/sb/dirlink/", O_RDONLY)));
  report("open outlink/", Close(open("/sb/outlink/", O_RDONLY)));
  struct stat st;
  report("stat file/", stat("/sb/file/", &st));
  report("unlink filelink", unlink("/sb/filelink"));
  report("unlink dirlink", unlink("/sb/dirlink"));
  report("unlink file/", unlink("/sb/file/"));
  report("unlink made/", unlink("/sb/made/"));
  report("symlink to new/", symlink("file", "/sb/new/"));
  report("symlink to made/", symlink("file", "/sb/made/"));
  report("link to new/", link("/sb/file", "/sb/new/"));
  report("link from file/", link("/sb/file/", "/sb/new"));
  report("link from made/", link("/sb/made/", "/sb/new"));
  report("link from outlink/", link("/sb/outlink/", "/sb/new"));
  report("rename file/", rename("/sb/file/", "/sb/file2"));
  report("rename to file2/", rename("/sb/file", "/sb/file2/"));
  report("rename made/ to dir/", rename("/sb/made/", "/sb/dir/"));
  report("rmdir file/", rmdir("/sb/file/"));
  report("rmdir outlink/", rmdir("/sb/outlink/"));
  report("unlink outlink/", unlink("/sb/outlink/"));
  report("rmdir dir/", rmdir("/sb/dir/"));
  report("unlink file", unlink("/sb/file"));
  return 0;
}
