// A tiny JSON parser (recursive descent with a hard depth limit) that
// parses documents, prints them back canonically and reports errors with
// their byte offset.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// Cut into partitions (as a program above 100k IR instructions would be).
// RUN: %wacc --partitions=3 %t.wasm -o %t.parts
// RUN: %diff-run -- %t.native -- %t.parts
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32

struct parser { const char *text; size_t pos; const char *error; int depth; };

static void skip_space(struct parser *p) { while (isspace((unsigned char)p->text[p->pos])) ++p->pos; }
static int fail(struct parser *p, const char *why) { if (!p->error) p->error = why; return 0; }
static int value(struct parser *p);

static int string(struct parser *p) {
  ++p->pos;  // opening quote
  putchar('"');
  for (;;) {
    unsigned char c = (unsigned char)p->text[p->pos++];
    if (c == 0) return fail(p, "unterminated string");
    if (c == '"') break;
    if (c < 0x20) return fail(p, "control character in string");
    if (c == '\\') {
      char e = p->text[p->pos++];
      if (e == 'u') {
        unsigned code = 0;
        for (int i = 0; i < 4; ++i) {
          char h = p->text[p->pos++];
          if (!isxdigit((unsigned char)h)) return fail(p, "bad \\u escape");
          code = code * 16 + (unsigned)(isdigit((unsigned char)h) ? h - '0' : tolower(h) - 'a' + 10);
        }
        printf("\\u%04x", code);
      } else if (strchr("\"\\/bfnrt", e) && e) {
        printf("\\%c", e);
      } else {
        return fail(p, "bad escape");
      }
    } else {
      putchar(c);
    }
  }
  putchar('"');
  return 1;
}

static int number(struct parser *p) {
  const char *start = p->text + p->pos;
  char *end;
  double v = strtod(start, &end);
  if (end == start) return fail(p, "bad number");
  p->pos += (size_t)(end - start);
  printf("%.15g", v);
  return 1;
}

static int sequence(struct parser *p, char close, int is_object) {
  ++p->pos;
  putchar(is_object ? '{' : '[');
  if (++p->depth > MAX_DEPTH) return fail(p, "nested too deeply");
  skip_space(p);
  if (p->text[p->pos] == close) { ++p->pos; putchar(close); --p->depth; return 1; }
  for (int first = 1;; first = 0) {
    if (!first) putchar(',');
    skip_space(p);
    if (is_object) {
      if (p->text[p->pos] != '"') return fail(p, "expected key");
      if (!string(p)) return 0;
      skip_space(p);
      if (p->text[p->pos++] != ':') return fail(p, "expected ':'");
      putchar(':');
    }
    if (!value(p)) return 0;
    skip_space(p);
    char c = p->text[p->pos++];
    if (c == close) break;
    if (c != ',') return fail(p, "expected ',' or end");
  }
  putchar(close);
  --p->depth;
  return 1;
}

static int literal(struct parser *p, const char *word) {
  size_t n = strlen(word);
  if (strncmp(p->text + p->pos, word, n) != 0) return fail(p, "unknown literal");
  p->pos += n;
  fputs(word, stdout);
  return 1;
}

static int value(struct parser *p) {
  skip_space(p);
  char c = p->text[p->pos];
  switch (c) {
    case '{': return sequence(p, '}', 1);
    case '[': return sequence(p, ']', 0);
    case '"': return string(p);
    case 't': return literal(p, "true");
    case 'f': return literal(p, "false");
    case 'n': return literal(p, "null");
    default:
      if (c == '-' || isdigit((unsigned char)c)) return number(p);
      return fail(p, c ? "unexpected character" : "unexpected end");
  }
}

static void parse(const char *text) {
  struct parser p = {text, 0, NULL, 0};
  printf("in:  %s\nout: ", text);
  if (value(&p)) {
    skip_space(&p);
    if (p.text[p.pos]) fail(&p, "trailing characters");
  }
  if (p.error) printf("\nerror at byte %zu: %s\n", p.pos, p.error);
  else printf("\n");
}

int main(void) {
  parse("{\"name\": \"wacc\", \"version\": [0, 2, 12], \"ok\": true, \"none\": null}");
  parse("  [1.5e3, -0.25, 1e-7, 12345678901234567890, \"esc \\\" \\\\ \\n \\u00e9\"]  ");
  parse("{\"nested\": {\"a\": [[], {}, [{\"b\": false}]]}, \"utf8\": \"h\xc3\xa9llo\"}");
  parse("[1, 2,]");
  parse("{\"a\" 1}");
  parse("\"unterminated");
  parse("[tru]");
  parse("{} extra");
  char deep[200];
  memset(deep, '[', 100);
  memset(deep + 100, ']', 99);
  deep[199] = 0;
  parse(deep);
  // A larger generated document.
  char *big = malloc(200000);
  size_t n = 0;
  n += (size_t)sprintf(big + n, "[");
  for (int i = 0; i < 3000; ++i)
    n += (size_t)sprintf(big + n, "%s{\"id\":%d,\"v\":%d.%02d,\"tags\":[\"t%d\",%s]}", i ? "," : "", i,
                         i * 7 % 1000, i % 100, i % 17, i % 2 ? "true" : "null");
  sprintf(big + n, "]");
  parse(big);
  free(big);
  return 0;
}
