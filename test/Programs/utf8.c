// UTF-8 text processing: decode to code points with validation, count,
// encode back, reverse by code point, and classify invalid sequences.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Decodes one code point at s (n bytes left); returns its length, or 0 when
// the sequence is invalid (overlong, surrogate, out of range, truncated).
static int decode(const unsigned char *s, size_t n, uint32_t *cp) {
  if (s[0] < 0x80) { *cp = s[0]; return 1; }
  int len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
  if (!len || (size_t)len > n || s[0] > 0xf4) return 0;
  uint32_t c = s[0] & (0x7f >> len);
  for (int i = 1; i < len; ++i) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    c = c << 6 | (s[i] & 0x3f);
  }
  static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  *cp = c;
  return len;
}

static int encode(uint32_t c, char *out) {
  if (c < 0x80) { out[0] = (char)c; return 1; }
  if (c < 0x800) { out[0] = (char)(0xc0 | c >> 6); out[1] = (char)(0x80 | (c & 0x3f)); return 2; }
  if (c < 0x10000) {
    out[0] = (char)(0xe0 | c >> 12); out[1] = (char)(0x80 | (c >> 6 & 0x3f)); out[2] = (char)(0x80 | (c & 0x3f));
    return 3;
  }
  out[0] = (char)(0xf0 | c >> 18); out[1] = (char)(0x80 | (c >> 12 & 0x3f));
  out[2] = (char)(0x80 | (c >> 6 & 0x3f)); out[3] = (char)(0x80 | (c & 0x3f));
  return 4;
}

static void analyse(const char *label, const char *text, size_t n) {
  uint32_t cps[256];
  size_t count = 0, invalid = 0, widths[5] = {0};
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    int len = decode((const unsigned char *)text + i, n - i, &cp);
    if (!len) { ++invalid; ++i; cp = 0xfffd; len = 0; }
    else { widths[len]++; i += (size_t)len; }
    if (count < 256) cps[count++] = cp;
  }
  printf("%s: %zu bytes, %zu code points (1:%zu 2:%zu 3:%zu 4:%zu), %zu invalid\n", label, n, count,
         widths[1], widths[2], widths[3], widths[4], invalid);
  printf("  code points:");
  for (size_t i = 0; i < count && i < 12; ++i) printf(" U+%04X", cps[i]);
  char reversed[1024];
  size_t m = 0;
  for (size_t i = count; i-- > 0;) m += (size_t)encode(cps[i], reversed + m);
  reversed[m] = 0;
  printf("\n  reversed: %s\n", reversed);
}

int main(void) {
  const char *samples[] = {"hello", "héllo wörld", "Ελληνικά", "日本語テキスト", "emoji 😀🎉 mix",
                           "ASCII only, but longer than the others ~!@#"};
  for (unsigned i = 0; i < sizeof samples / sizeof samples[0]; ++i)
    analyse("valid", samples[i], strlen(samples[i]));
  const char bad[][8] = {"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x80z",
                         "\xe2\x82", "\xff\xfe"};
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; ++i) analyse("invalid", bad[i], strlen(bad[i]));
  // Round trip every scalar value through encode/decode.
  uint32_t failures = 0, checked = 0;
  for (uint32_t c = 0; c <= 0x10ffff; ++c) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    char buf[4];
    uint32_t back;
    int len = encode(c, buf);
    if (decode((unsigned char *)buf, (size_t)len, &back) != len || back != c) ++failures;
    ++checked;
  }
  printf("round trip: %u scalar values, %u failures\n", checked, failures);
  return 0;
}
