// bzip2 (Debian's bzip2 source package): the Burrows-Wheeler block sort and
// Huffman coding, compressing and decompressing 4 MiB of text-like input.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bzlib.h"
#include "corpus.h"

#define SIZE (4u << 20)

// bzlib.c's assertion hook when built with BZ_NO_STDIO.
void bz_internal_error(int code) {
  printf("bzip2 internal error %d\n", code);
  exit(3);
}

int main(void) {
  unsigned char* input = malloc(SIZE);
  unsigned bound = SIZE + SIZE / 100 + 600;
  char* packed = malloc(bound);
  char* unpacked = malloc(SIZE);
  if (!input || !packed || !unpacked) return 1;
  MakeCorpus(input, SIZE, 2);
  int levels[] = {1, 9};
  for (int l = 0; l < 2; l++) {
    unsigned packedSize = bound, unpackedSize = SIZE;
    if (BZ2_bzBuffToBuffCompress(packed, &packedSize, (char*)input, SIZE, levels[l], 0, 0) != BZ_OK) return 2;
    if (BZ2_bzBuffToBuffDecompress(unpacked, &unpackedSize, packed, packedSize, 0, 0) != BZ_OK) return 3;
    if (unpackedSize != SIZE || memcmp(input, unpacked, SIZE) != 0) return 4;
    printf("level %d: %u bytes, fingerprint %08x\n", levels[l], packedSize,
           Fingerprint((unsigned char*)packed, packedSize));
  }
  return 0;
}
