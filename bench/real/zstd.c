// Zstandard (Debian's libzstd source package): compression at levels 1, 3,
// 7 and 12 (the fast, double-fast, lazy and row-hash lazy2 match finders)
// with the frame checksum (XXH64) on, each frame decompressed back three
// times, on 4 MiB of text-like input; prints sizes and fingerprints.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "zstd.h"

#define SIZE (4u << 20)

int main(void) {
  unsigned char* input = malloc(SIZE);
  size_t bound = ZSTD_compressBound(SIZE);
  unsigned char* packed = malloc(bound);
  unsigned char* unpacked = malloc(SIZE);
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  if (!input || !packed || !unpacked || !cctx || !dctx) return 1;
  MakeCorpus(input, SIZE, 3);
  int levels[] = {1, 3, 7, 12};
  for (int l = 0; l < 4; l++) {
    ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, levels[l]);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
    size_t packedSize = ZSTD_compress2(cctx, packed, bound, input, SIZE);
    if (ZSTD_isError(packedSize)) return 2;
    size_t unpackedSize = 0;
    for (int r = 0; r < 3; r++) {
      unpackedSize = ZSTD_decompressDCtx(dctx, unpacked, SIZE, packed, packedSize);
      if (ZSTD_isError(unpackedSize)) return 3;
    }
    if (unpackedSize != SIZE || memcmp(input, unpacked, SIZE) != 0) return 4;
    printf("level %d: %zu bytes, fingerprint %08x, output fingerprint %08x\n", levels[l], packedSize,
           Fingerprint(packed, packedSize), Fingerprint(unpacked, SIZE));
  }
  ZSTD_freeCCtx(cctx);
  ZSTD_freeDCtx(dctx);
  return 0;
}
