// Compression round trips: run-length coding and a small LZ77 with a hash
// of 3-byte prefixes, over generated text, with CRC-32 checksums of the
// original, compressed and decompressed data.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// Cut into partitions (as a program above 100k IR instructions would be).
// RUN: %wacc --partitions=3 %t.wasm -o %t.parts
// RUN: %diff-run -- %t.native -- %t.parts
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];
static void crc_init(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}
static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

// LZ77 tokens: a literal byte 0..127 as is; 0x80|len-3 (len 3..130), then a
// 16-bit distance. Bytes >= 0x80 are escaped as 0xff, byte.
static size_t lz_compress(const uint8_t *in, size_t n, uint8_t *out) {
  static int32_t head[1 << 14];
  memset(head, -1, sizeof head);
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t best_len = 0, best_dist = 0;
    if (i + 3 <= n) {
      uint32_t h = ((uint32_t)in[i] * 506832829u ^ (uint32_t)in[i + 1] * 2654435761u ^ in[i + 2]) >> 18;
      int32_t cand = head[h];
      if (cand >= 0 && i - (size_t)cand < 65536) {
        size_t len = 0;
        while (i + len < n && len < 130 && in[(size_t)cand + len] == in[i + len]) ++len;
        if (len >= 3) best_len = len, best_dist = i - (size_t)cand;
      }
      head[h] = (int32_t)i;
    }
    if (best_len) {
      out[o++] = (uint8_t)(0x80 | (best_len - 3));
      out[o++] = (uint8_t)(best_dist >> 8);
      out[o++] = (uint8_t)best_dist;
      i += best_len;
    } else {
      if (in[i] >= 0x80) out[o++] = 0xff;
      out[o++] = in[i++];
    }
  }
  return o;
}
static size_t lz_decompress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    uint8_t t = in[i++];
    if (t == 0xff) out[o++] = in[i++];
    else if (t < 0x80) out[o++] = t;
    else {
      size_t len = (size_t)(t & 0x7f) + 3, dist = (size_t)in[i] << 8 | in[i + 1];
      i += 2;
      for (size_t k = 0; k < len; ++k, ++o) out[o] = out[o - dist];
    }
  }
  return o;
}
static size_t rle(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t run = 1;
    while (i + run < n && run < 255 && in[i + run] == in[i]) ++run;
    out[o++] = (uint8_t)run;
    out[o++] = in[i];
    i += run;
  }
  return o;
}

int main(void) {
  crc_init();
  printf("crc32(\"123456789\") = %08x\n", crc32((const uint8_t *)"123456789", 9));
  const char *words[] = {"lorem", "ipsum", "dolor", "sit", "amet", "wasm", "component", "caf\xc3\xa9"};
  size_t n = 0, cap = 1 << 20;
  uint8_t *text = malloc(cap), *packed = malloc(cap * 2), *unpacked = malloc(cap);
  uint32_t x = 1;
  while (n + 16 < cap) {
    x = x * 1103515245u + 12345u;
    const char *w = words[(x >> 16) % 8];
    size_t len = strlen(w);
    memcpy(text + n, w, len);
    n += len;
    text[n++] = (x >> 20) % 11 ? ' ' : '\n';
  }
  size_t packed_n = lz_compress(text, n, packed);
  size_t unpacked_n = lz_decompress(packed, packed_n, unpacked);
  printf("lz77: %zu -> %zu bytes (%.1f%%), round trip %d\n", n, packed_n, 100.0 * packed_n / n,
         unpacked_n == n && memcmp(text, unpacked, n) == 0);
  printf("crc text %08x packed %08x unpacked %08x\n", crc32(text, n), crc32(packed, packed_n),
         crc32(unpacked, unpacked_n));
  uint8_t runs[4096], coded[8192];
  for (int i = 0; i < 4096; ++i) runs[i] = (uint8_t)((i / 37) % 5);
  size_t coded_n = rle(runs, sizeof runs, coded);
  printf("rle: 4096 -> %zu bytes, crc %08x\n", coded_n, crc32(coded, coded_n));
  free(text); free(packed); free(unpacked);
  return 0;
}
