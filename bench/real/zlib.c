// zlib (Debian's zlib source package): deflate at levels 1, 6 and 9 and
// inflate back, on 4 MiB of text-like input; prints sizes and fingerprints.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "zlib.h"

#define SIZE (4u << 20)

int main(void) {
  unsigned char* input = malloc(SIZE);
  uLongf bound = compressBound(SIZE);
  unsigned char* packed = malloc(bound);
  unsigned char* unpacked = malloc(SIZE);
  if (!input || !packed || !unpacked) return 1;
  MakeCorpus(input, SIZE, 1);
  int levels[] = {1, 6, 9};
  for (int l = 0; l < 3; l++) {
    uLongf packedSize = bound, unpackedSize = SIZE;
    if (compress2(packed, &packedSize, input, SIZE, levels[l]) != Z_OK) return 2;
    for (int r = 0; r < 4; r++) {
      unpackedSize = SIZE;
      if (uncompress(unpacked, &unpackedSize, packed, packedSize) != Z_OK) return 3;
    }
    if (unpackedSize != SIZE || memcmp(input, unpacked, SIZE) != 0) return 4;
    printf("level %d: %lu bytes, fingerprint %08x, crc32 %08lx, adler32 %08lx\n", levels[l],
           (unsigned long)packedSize, Fingerprint(packed, packedSize), crc32(0, unpacked, SIZE),
           adler32(1, unpacked, SIZE));
  }
  return 0;
}
