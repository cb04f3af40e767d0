// brotli (Debian's brotli source package): compression at qualities 5 and 9
// (window 22) and decompression, on 2 MiB of text-like input.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brotli/decode.h"
#include "brotli/encode.h"
#include "corpus.h"

#define SIZE (2u << 20)

int main(void) {
  unsigned char* input = malloc(SIZE);
  size_t bound = BrotliEncoderMaxCompressedSize(SIZE);
  unsigned char* packed = malloc(bound);
  unsigned char* unpacked = malloc(SIZE);
  if (!input || !packed || !unpacked) return 1;
  MakeCorpus(input, SIZE, 3);
  int qualities[] = {5, 9};
  for (int q = 0; q < 2; q++) {
    size_t packedSize = bound;
    if (!BrotliEncoderCompress(qualities[q], 22, BROTLI_MODE_TEXT, SIZE, input, &packedSize, packed)) return 2;
    size_t unpackedSize = SIZE;
    for (int r = 0; r < 4; r++) {
      unpackedSize = SIZE;
      if (BrotliDecoderDecompress(packedSize, packed, &unpackedSize, unpacked) != BROTLI_DECODER_RESULT_SUCCESS)
        return 3;
    }
    if (unpackedSize != SIZE || memcmp(input, unpacked, SIZE) != 0) return 4;
    printf("quality %d: %zu bytes, fingerprint %08x\n", qualities[q], packedSize, Fingerprint(packed, packedSize));
  }
  return 0;
}
