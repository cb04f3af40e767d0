// Directory listing inside a preopened directory (argv[1]): builds a small
// tree, lists it with opendir/readdir (sorted, as readdir order is the file
// system's), recursing with an explicit stack, then removes it.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc --dir %t.dir::/sandbox %t.wasm -o %t.x86_64
// RUN: %diff-run --fresh-dir %t.dir -- %t.native %t.dir -- %t.x86_64 /sandbox
// RUN: %wacc --target=aarch64-linux-gnu --dir %t.dir::/sandbox %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --fresh-dir %t.dir -- %t.native %t.dir -- %run-aarch64 %t.aarch64 /sandbox %}
// REQUIRES: wasi-filesystem
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void make_file(const char *path, int size) {
  FILE *f = fopen(path, "w");
  if (!f) { printf("cannot create %s\n", strrchr(path, '/') + 1); return; }
  for (int i = 0; i < size; ++i) fputc('a' + i % 26, f);
  fclose(f);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  const char *root = argv[1];
  size_t root_len = strlen(root);
  char p[4096];
  const char *dirs[] = {"alpha", "beta", "beta/gamma", "beta/gamma/delta", "empty"};
  for (int i = 0; i < 5; ++i) {
    snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
    if (mkdir(p, 0755) != 0) printf("mkdir %s failed\n", dirs[i]);
  }
  const char *files[] = {"top.txt", "alpha/one", "alpha/two", "alpha/three.c", "beta/b.dat",
                         "beta/gamma/g", "beta/gamma/delta/deep file"};
  for (int i = 0; i < 7; ++i) {
    snprintf(p, sizeof p, "%s/%s", root, files[i]);
    make_file(p, 100 * i + 3);
  }
  // Walk with an explicit stack of paths.
  char *stack[64];
  int depth = 0, entries = 0;
  stack[depth++] = strdup(root);
  while (depth > 0) {
    char *dir = stack[--depth];
    DIR *d = opendir(dir);
    if (!d) { printf("opendir %s failed\n", dir + root_len); free(dir); continue; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    printf("%s/: %d entries\n", dir + root_len, n);
    char *subdirs[64];
    int m = 0;
    for (int i = 0; i < n; ++i) {
      snprintf(p, sizeof p, "%s/%s", dir, names[i]);
      struct stat st;
      stat(p, &st);
      if (S_ISDIR(st.st_mode)) {
        printf("  [dir]  %s\n", names[i]);
        subdirs[m++] = strdup(p);
      } else {
        printf("  [file] %s (%lld bytes)\n", names[i], (long long)st.st_size);
      }
      ++entries;
      free(names[i]);
    }
    // Pushed in reverse so that they are visited in name order.
    while (m > 0) {
      if (depth < 64) stack[depth++] = subdirs[--m];
      else free(subdirs[--m]);
    }
    free(dir);
  }
  printf("%d entries in all\n", entries);
  for (int i = 6; i >= 0; --i) {
    snprintf(p, sizeof p, "%s/%s", root, files[i]);
    unlink(p);
  }
  int removed = 0;
  for (int i = 4; i >= 0; --i) {
    snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
    removed += rmdir(p) == 0;
  }
  DIR *d = opendir(root);
  int left = 0;
  for (struct dirent *e; (e = readdir(d));) left += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  closedir(d);
  printf("removed %d directories, %d entries left\n", removed, left);
  return 0;
}
