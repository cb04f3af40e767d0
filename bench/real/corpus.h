// Deterministic text-like input for the drivers: words drawn from a small
// vocabulary by a linear congruential generator, with numbers, punctuation
// and a capital letter at the start of each line, so that it compresses
// about as well as prose does and holds both cases (without capitals,
// PCRE2's caseless search for a first letter rescans the whole tail with
// memchr on every attempt: a measurement of libc's memchr, not of code).
#pragma once
#include <stddef.h>
#include <stdint.h>

static const char* const kWords[] = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by",
    "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had",
    "they", "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if",
    "more", "when", "will", "would", "who", "so", "no", "compression", "archive", "stream", "buffer",
    "window", "dictionary", "symbol", "literal", "distance", "length", "block", "header", "checksum"};

static size_t MakeCorpus(unsigned char* out, size_t size, uint32_t seed) {
  size_t n = 0;
  uint32_t x = seed;
  while (n < size) {
    x = x * 1664525u + 1013904223u;
    const char* w = kWords[(x >> 8) % (sizeof kWords / sizeof kWords[0])];
    int capital = n == 0 || out[n - 1] == '\n';
    while (*w && n < size) {
      unsigned char ch = (unsigned char)*w++;
      out[n++] = capital && ch >= 'a' && ch <= 'z' ? (unsigned char)(ch - 'a' + 'A') : ch;
      capital = 0;
    }
    if (n < size) out[n++] = (x >> 24) % 13 == 0 ? '\n' : (x >> 24) % 7 == 0 ? ',' : ' ';
    if ((x >> 20) % 29 == 0)
      for (int d = 0; d < 4 && n < size; d++) out[n++] = (unsigned char)('0' + ((x >> (4 * d)) % 10));
  }
  return n;
}

// FNV-1a, to print a fingerprint of a buffer.
static uint32_t Fingerprint(const unsigned char* p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}
