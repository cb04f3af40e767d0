// Files inside a preopened directory (argv[1]): write, read back, seek,
// append, rename, stat, unlink, and the errors for missing files. Only
// names relative to the directory are printed.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc --dir %t.dir::/sandbox %t.wasm -o %t.x86_64
// RUN: %diff-run --fresh-dir %t.dir -- %t.native %t.dir -- %t.x86_64 /sandbox
// RUN: %wacc --target=aarch64-linux-gnu --dir %t.dir::/sandbox %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --fresh-dir %t.dir -- %t.native %t.dir -- %run-aarch64 %t.aarch64 /sandbox %}
// REQUIRES: wasi-filesystem
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path_buf[4096];
static const char *path(const char *dir, const char *name) {
  snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
  return path_buf;
}

int main(int argc, char **argv) {
  if (argc < 2) { printf("usage: files DIR\n"); return 2; }
  const char *dir = argv[1];
  FILE *f = fopen(path(dir, "numbers.txt"), "w");
  if (!f) { printf("cannot create numbers.txt\n"); return 1; }
  for (int i = 0; i < 1000; ++i) fprintf(f, "%d squared is %d\n", i, i * i);
  printf("wrote, ftell %ld\n", ftell(f));
  fclose(f);

  struct stat st;
  printf("stat: %d size %lld regular %d\n", stat(path(dir, "numbers.txt"), &st),
         (long long)st.st_size, S_ISREG(st.st_mode) != 0);

  f = fopen(path(dir, "numbers.txt"), "r");
  char line[128];
  int lines = 0;
  long sum = 0;
  while (fgets(line, sizeof line, f)) {
    ++lines;
    sum += atol(line);
  }
  printf("read %d lines, sum %ld, eof %d\n", lines, sum, feof(f) != 0);
  fseek(f, -20, SEEK_END);
  size_t n = fread(line, 1, sizeof line - 1, f);
  line[n] = 0;
  printf("last %zu bytes: [%s]\n", n, line);
  fseek(f, 100, SEEK_SET);
  printf("at 100: '%c' ftell %ld\n", fgetc(f), ftell(f));
  rewind(f);
  printf("after rewind: '%c'\n", fgetc(f));
  fclose(f);

  f = fopen(path(dir, "numbers.txt"), "a");
  fputs("appended line\n", f);
  fclose(f);
  stat(path(dir, "numbers.txt"), &st);
  printf("after append size %lld\n", (long long)st.st_size);

  // Binary data with embedded zeros, read back in one go.
  unsigned char data[5000];
  for (unsigned i = 0; i < sizeof data; ++i) data[i] = (unsigned char)(i * 7);
  f = fopen(path(dir, "blob.bin"), "wb");
  fwrite(data, 1, sizeof data, f);
  fclose(f);
  unsigned char back[6000];
  f = fopen(path(dir, "blob.bin"), "rb");
  n = fread(back, 1, sizeof back, f);
  fclose(f);
  printf("blob: read %zu, equal %d\n", n, n == sizeof data && memcmp(data, back, n) == 0);

  // "r+" overwrite in the middle.
  f = fopen(path(dir, "blob.bin"), "r+b");
  fseek(f, 10, SEEK_SET);
  fwrite("XYZ", 1, 3, f);
  fseek(f, 8, SEEK_SET);
  n = fread(back, 1, 7, f);
  fclose(f);
  printf("overwritten: %02x %02x %c%c%c %02x %02x\n", back[0], back[1], back[2], back[3], back[4], back[5], back[6]);

  char from[4096];
  snprintf(from, sizeof from, "%s", path(dir, "blob.bin"));
  printf("rename: %d\n", rename(from, path(dir, "renamed.bin")));
  errno = 0;
  printf("old name gone: %d enoent %d\n", fopen(from, "r") == NULL, errno == ENOENT);
  printf("unlink: %d %d\n", unlink(path(dir, "renamed.bin")), unlink(path(dir, "numbers.txt")));
  errno = 0;
  printf("unlink again: %d enoent %d\n", unlink(path(dir, "numbers.txt")), errno == ENOENT);
  errno = 0;
  printf("stat missing: %d enoent %d\n", stat(path(dir, "missing"), &st), errno == ENOENT);
  printf("mkdir %d rmdir %d\n", mkdir(path(dir, "sub"), 0755), rmdir(path(dir, "sub")));
  return 0;
}
