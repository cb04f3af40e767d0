// <string.h> and <stdlib.h> string functions: copy, compare, search,
// tokenise, overlapping memmove, snprintf truncation, number parsing.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int x) { return (x > 0) - (x < 0); }

int main(void) {
  char buf[64];
  strcpy(buf, "hello");
  strcat(buf, ", ");
  strncat(buf, "world!!!", 6);
  printf("[%s] len %zu\n", buf, strlen(buf));
  printf("cmp %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("b", "a")),
         sign(strncmp("abcX", "abcY", 3)), sign(memcmp("\xff", "\x01", 1)));
  printf("chr [%s] rchr [%s] str [%s] pbrk [%s]\n", strchr(buf, 'o'), strrchr(buf, 'o'),
         strstr(buf, "wor"), strpbrk(buf, ",!"));
  printf("spn %zu cspn %zu\n", strspn("aabbcxy", "abc"), strcspn("hello world", " "));
  char text[] = "  alpha,beta;;gamma , delta  ";
  int count = 0;
  for (char *tok = strtok(text, " ,;"); tok; tok = strtok(NULL, " ,;"))
    printf("token %d: [%s]\n", count++, tok);
  char overlap[] = "0123456789";
  memmove(overlap + 2, overlap, 6);
  printf("memmove right [%s]\n", overlap);
  memmove(overlap, overlap + 3, 5);
  printf("memmove left [%s]\n", overlap);
  memset(buf, '*', 10);
  buf[10] = 0;
  printf("memset [%s]\n", buf);
  char small[8];
  int want = snprintf(small, sizeof small, "%s-%d", "truncated", 12345);
  printf("snprintf wanted %d got [%s]\n", want, small);
  char *end;
  long v = strtol("  -0x1fZ", &end, 16);
  printf("strtol %ld rest [%s]\n", v, end);
  printf("strtol base 0: %ld %ld %ld\n", strtol("0755", NULL, 0), strtol("0x10", NULL, 0),
         strtol("99", NULL, 0));
  printf("strtoul %lu atoi %d atol %ld\n", strtoul("4000000000", NULL, 10), atoi("  42abc"),
         atol("-7"));
  double d = strtod("3.25e2 rest", &end);
  printf("strtod %g rest [%s]\n", d, end);
  char *dup = strdup("duplicated");
  dup[0] = 'D';
  printf("strdup [%s] ndup [%.*s]\n", dup, 3, dup);
  free(dup);
  char rev[] = "stressed";
  for (size_t i = 0, j = strlen(rev) - 1; i < j; ++i, --j) {
    char t = rev[i]; rev[i] = rev[j]; rev[j] = t;
  }
  printf("reversed [%s]\n", rev);
  return 0;
}
