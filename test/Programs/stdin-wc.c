// Reads stdin a character at a time and counts lines, words, bytes and
// letter frequencies, like wc; the input is this file itself.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run --stdin %s -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --stdin %s -- %t.native -- %run-aarch64 %t.aarch64 %}
// The plain preview1 module, compiled directly (no adapter):
// RUN: %c-module %s %t.module.wasm
// RUN: %wacc %t.module.wasm -o %t.module.x86_64
// RUN: %diff-run --stdin %s -- %t.native -- %t.module.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.module.wasm -o %t.module.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run --stdin %s -- %t.native -- %run-aarch64 %t.module.aarch64 %}
#include <ctype.h>
#include <stdio.h>

int main(void) {
  unsigned long lines = 0, words = 0, bytes = 0, longest = 0, current = 0;
  unsigned long letters[26] = {0};
  int in_word = 0;
  int c;
  while ((c = getchar()) != EOF) {
    ++bytes;
    if (c == '\n') {
      ++lines;
      if (current > longest) longest = current;
      current = 0;
    } else {
      ++current;
    }
    if (isspace(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      ++words;
    }
    if (isalpha(c)) ++letters[tolower(c) - 'a'];
  }
  printf("%lu %lu %lu longest=%lu\n", lines, words, bytes, longest);
  for (int i = 0; i < 26; ++i)
    if (letters[i]) printf("%c:%lu%s", 'a' + i, letters[i], i % 8 == 7 ? "\n" : " ");
  printf("\neof=%d error=%d\n", feof(stdin) != 0, ferror(stdin) != 0);
  return 0;
}
