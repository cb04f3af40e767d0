// Mbed TLS configuration for bench/real/mbedtls.c, read after the package's
// include/mbedtls/config.h (MBEDTLS_USER_CONFIG_FILE), the same on both
// targets so that both compile the same C:
// - no inline assembly (bn_mul.h's x86-64 multiply-accumulate, the AES-NI
//   and VIA Padlock units): wasm has none, and native would then measure
//   the assembler, not the compiler;
// - 32-bit bignum limbs on both: wasm32 picks them (it has no 64x64->128
//   multiply; __int128 would be a libcall per limb product), x86-64 would
//   pick 64-bit ones, a different algorithm with a quarter of the products;
// - no platform entropy, time or files: the driver supplies a fixed random
//   generator, so every signature and key is the same on both targets.
#undef MBEDTLS_HAVE_ASM
#undef MBEDTLS_AESNI_C
#undef MBEDTLS_PADLOCK_C
#define MBEDTLS_HAVE_INT32
#define MBEDTLS_NO_PLATFORM_ENTROPY
#undef MBEDTLS_HAVE_TIME
#undef MBEDTLS_HAVE_TIME_DATE
#undef MBEDTLS_TIMING_C
#undef MBEDTLS_NET_C
#undef MBEDTLS_FS_IO
#undef MBEDTLS_PSA_ITS_FILE_C
#undef MBEDTLS_PSA_CRYPTO_STORAGE_C
#undef MBEDTLS_SELF_TEST
