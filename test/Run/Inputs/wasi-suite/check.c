// A test in the format of WebAssembly/wasi-testsuite, for
// test/Run/wasi-testsuite-runner.test: prints its arguments, the variable
// GREETING and the first line of /data.txt in its root, and exits with
// status 1 when told to.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) printf("%s%s", i > 1 ? " " : "", argv[i]);
  printf("\n%s\n", getenv("GREETING") ? getenv("GREETING") : "(unset)");
  FILE* f = fopen("/data.txt", "r");
  char line[64] = "(no root)\n";
  if (f) {
    fgets(line, sizeof line, f);
    fclose(f);
  }
  fputs(line, stdout);
  // The run starts from a fresh copy of the root: a file left by an
  // earlier run would show here.
  FILE* mark = fopen("/mark", "r");
  printf("fresh %d\n", mark == NULL);
  if (mark) fclose(mark);
  mark = fopen("/mark", "w");
  if (mark) fclose(mark);
  return argc > 1 && !strcmp(argv[1], "fail") ? 1 : 0;
}
