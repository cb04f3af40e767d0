// config.h for liblzma (Debian's xz-utils source package) as bench/real/xz.c
// builds it: what ./configure would find on Linux, written once and the same
// on both targets (configure would describe the build machine, x86-64, also
// to the wasm32 build). LZMA1/LZMA2 with all match finders, the three
// integrity checks, no threads, no assembly (crc*_x86.S is not linked), no
// SSE2 intrinsics (memcmplen.h then uses 8-byte words on x86-64, 4-byte
// ones on wasm32: its own choice by architecture).
// As configure without --enable-debug: liblzma's asserts (some call memcmp
// in the match finder) are off.
#define NDEBUG 1
#define HAVE_STDBOOL_H 1
#define HAVE__BOOL 1
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_VISIBILITY 0
#define HAVE_FUNC_ATTRIBUTE_CONSTRUCTOR 1
#define HAVE___BUILTIN_BSWAPXX 1
#define HAVE___BUILTIN_ASSUME_ALIGNED 1
#define TUKLIB_FAST_UNALIGNED_ACCESS 1
#define TUKLIB_SYMBOL_PREFIX lzma_
#define ASSUME_RAM 128
#define HAVE_CHECK_CRC32 1
#define HAVE_CHECK_CRC64 1
#define HAVE_CHECK_SHA256 1
#define HAVE_INTERNAL_SHA256 1
#define HAVE_ENCODERS 1
#define HAVE_DECODERS 1
#define HAVE_ENCODER_LZMA1 1
#define HAVE_ENCODER_LZMA2 1
#define HAVE_DECODER_LZMA1 1
#define HAVE_DECODER_LZMA2 1
#define HAVE_MF_HC3 1
#define HAVE_MF_HC4 1
#define HAVE_MF_BT2 1
#define HAVE_MF_BT3 1
#define HAVE_MF_BT4 1
