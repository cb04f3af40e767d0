// PCRE2 (Debian's pcre2 source package, interpreter only, no JIT): a set of
// patterns -- literals, alternations, classes, lazy and greedy repeats, a
// back-reference, caseless matching -- counted over 4 MiB of text-like
// input, with both the backtracking matcher and the DFA matcher.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "pcre2.h"
// The package ships its default character tables as a .dist file.
#include "pcre2_chartables.c.dist"

#define SIZE (4u << 20)

static const char* const kPatterns[] = {
    "compression",
    "\\b(stream|buffer|window)\\s+(of|and)\\b",
    "[0-9]{4}",
    "\\b\\w+ing\\b",
    "(?i)THE\\s+\\w+\\s+OF",
    "\\b(\\w+)\\s+\\1\\b",
    "a[^,\\n]{3,12}?e",
    "(dictionary|symbol|literal)[ ,]+(?:\\w+[ ,]+){1,3}?(checksum|header)",
};

int main(void) {
  unsigned char* text = malloc(SIZE);
  if (!text) return 1;
  MakeCorpus(text, SIZE, 4);
  int workspace[512];
  for (size_t p = 0; p < sizeof kPatterns / sizeof kPatterns[0]; p++) {
    int error;
    PCRE2_SIZE offset;
    pcre2_code* re = pcre2_compile((PCRE2_SPTR)kPatterns[p], PCRE2_ZERO_TERMINATED, 0, &error, &offset, NULL);
    if (!re) return 2;
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(re, NULL);
    for (int dfa = 0; dfa < 2; dfa++) {
      unsigned long count = 0, sum = 0;
      PCRE2_SIZE start = 0;
      for (;;) {
        int rc = dfa ? pcre2_dfa_match(re, text, SIZE, start, 0, md, NULL, workspace, 512)
                     : pcre2_match(re, text, SIZE, start, 0, md, NULL);
        if (rc < 0) break;
        PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
        count++;
        sum = sum * 31 + ov[0] + (ov[1] - ov[0]);
        start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        if (start >= SIZE) break;
      }
      printf("pattern %zu %s: %lu matches, %08lx\n", p, dfa ? "dfa" : "nfa", count, sum & 0xffffffffu);
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
  }
  return 0;
}
