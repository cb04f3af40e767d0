/* The part of <string.h> BearSSL uses, for the freestanding runtime (no libc
 * headers): the functions are core/MemFunctions.cpp's and, for strlen,
 * wasi/http/Tls.cpp's. The builtins let the compiler inline small fixed-size
 * copies as it would with a libc's header. */
#ifndef WACC_BEARSSL_STRING_H
#define WACC_BEARSSL_STRING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif
void* memcpy(void* __restrict dst, const void* __restrict src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int value, size_t n);
int memcmp(const void* lhs, const void* rhs, size_t n);
size_t strlen(const char* text);
#ifdef __cplusplus
}
#else
#define memcpy(d, s, n) __builtin_memcpy(d, s, n)
#define memmove(d, s, n) __builtin_memmove(d, s, n)
#define memset(d, v, n) __builtin_memset(d, v, n)
#define memcmp(a, b, n) __builtin_memcmp(a, b, n)
#endif

#endif
