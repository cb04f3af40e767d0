// xz / liblzma (Debian's xz-utils source package): .xz streams at presets 0
// and 6 (the hash-chain and binary-tree match finders, LZMA2's fast and
// normal modes) with a CRC64 check, each decoded back three times, on
// 1 MiB of text-like input; prints sizes and fingerprints.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "lzma.h"

#define SIZE (1u << 20)

int main(void) {
  unsigned char* input = malloc(SIZE);
  size_t bound = lzma_stream_buffer_bound(SIZE);
  unsigned char* packed = malloc(bound);
  unsigned char* unpacked = malloc(SIZE);
  if (!input || !packed || !unpacked) return 1;
  MakeCorpus(input, SIZE, 7);
  unsigned presets[] = {0, 6};
  for (int p = 0; p < 2; p++) {
    size_t packedSize = 0;
    if (lzma_easy_buffer_encode(presets[p], LZMA_CHECK_CRC64, NULL, input, SIZE, packed, &packedSize, bound) !=
        LZMA_OK)
      return 2;
    size_t unpackedSize = 0;
    for (int r = 0; r < 3; r++) {
      uint64_t memlimit = UINT64_MAX;
      size_t inPos = 0;
      unpackedSize = 0;
      if (lzma_stream_buffer_decode(&memlimit, 0, NULL, packed, &inPos, packedSize, unpacked, &unpackedSize, SIZE) !=
          LZMA_OK)
        return 3;
    }
    if (unpackedSize != SIZE || memcmp(input, unpacked, SIZE) != 0) return 4;
    printf("preset %u: %zu bytes, fingerprint %08x, crc32 %08x\n", presets[p], packedSize,
           Fingerprint(packed, packedSize), lzma_crc32(unpacked, SIZE, 0));
  }
  return 0;
}
