// memcpy, memmove, memset, memcmp: LLVM emits calls to these for
// memory.copy / memory.fill and for large aggregate copies, and there is no
// libc to provide them. Built with -fno-builtin so the compiler cannot turn
// these loops back into calls to themselves; only constant-size
// __builtin_memcpy (always expanded inline) is used for word access.
#include <stddef.h>
#include <stdint.h>

namespace {

using Word = uint64_t;

inline Word LoadWord(const unsigned char* p) {
  Word w;
  __builtin_memcpy(&w, p, sizeof(Word));
  return w;
}

inline void StoreWord(unsigned char* p, Word w) { __builtin_memcpy(p, &w, sizeof(Word)); }

// Up to this many bytes are copied and set without a loop or `rep`: wasm
// programs copy small variable-sized pieces all the time (memory.copy of a
// few words: fannkuch's 40-byte array copies spent 15% of their time on the
// start-up of `rep movsb`, which glibc avoids below ~2 KiB).
constexpr size_t kSmall = 64;

// Copies n <= kSmall bytes as the first and last words (overlapping in the
// middle), loading everything before storing, so any overlap of source and
// destination is right: memcpy and memmove alike.
inline void CopySmall(unsigned char* d, const unsigned char* s, size_t n) {
  if (n >= 32) {
    Word a = LoadWord(s), b = LoadWord(s + 8), c = LoadWord(s + 16), e = LoadWord(s + 24);
    Word f = LoadWord(s + n - 32), g = LoadWord(s + n - 24), h = LoadWord(s + n - 16), i = LoadWord(s + n - 8);
    StoreWord(d, a);
    StoreWord(d + 8, b);
    StoreWord(d + 16, c);
    StoreWord(d + 24, e);
    StoreWord(d + n - 32, f);
    StoreWord(d + n - 24, g);
    StoreWord(d + n - 16, h);
    StoreWord(d + n - 8, i);
  } else if (n >= 16) {
    Word a = LoadWord(s), b = LoadWord(s + 8), c = LoadWord(s + n - 16), e = LoadWord(s + n - 8);
    StoreWord(d, a);
    StoreWord(d + 8, b);
    StoreWord(d + n - 16, c);
    StoreWord(d + n - 8, e);
  } else if (n >= 8) {
    Word a = LoadWord(s), b = LoadWord(s + n - 8);
    StoreWord(d, a);
    StoreWord(d + n - 8, b);
  } else if (n >= 4) {
    uint32_t a, b;
    __builtin_memcpy(&a, s, 4);
    __builtin_memcpy(&b, s + n - 4, 4);
    __builtin_memcpy(d, &a, 4);
    __builtin_memcpy(d + n - 4, &b, 4);
  } else if (n > 0) {
    unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
    d[0] = a;
    d[n / 2] = b;
    d[n - 1] = c;
  }
}

void CopyForward(unsigned char* d, const unsigned char* s, size_t n) {
  if (n <= kSmall) return CopySmall(d, s, n);
#if defined(__x86_64__)
  // `rep movsb` is the fastest general copy on CPUs with ERMS and is never
  // slow on older ones for the sizes wasm programs copy.
  __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
#else
  for (; n >= 4 * sizeof(Word); n -= 4 * sizeof(Word), d += 4 * sizeof(Word), s += 4 * sizeof(Word)) {
    Word a = LoadWord(s), b = LoadWord(s + 8), c = LoadWord(s + 16), e = LoadWord(s + 24);
    StoreWord(d, a);
    StoreWord(d + 8, b);
    StoreWord(d + 16, c);
    StoreWord(d + 24, e);
  }
  for (; n >= sizeof(Word); n -= sizeof(Word), d += sizeof(Word), s += sizeof(Word)) StoreWord(d, LoadWord(s));
  for (; n > 0; --n) *d++ = *s++;
#endif
}

// Each 32-byte step loads all of its source before storing, so it is right
// for any overlap with the destination above the source (memmove of an
// array onto itself shifted by a few bytes is the common case).
void CopyBackward(unsigned char* d, const unsigned char* s, size_t n) {
  d += n;
  s += n;
  for (; n >= 4 * sizeof(Word); n -= 4 * sizeof(Word)) {
    d -= 4 * sizeof(Word);
    s -= 4 * sizeof(Word);
    Word a = LoadWord(s), b = LoadWord(s + 8), c = LoadWord(s + 16), e = LoadWord(s + 24);
    StoreWord(d, a);
    StoreWord(d + 8, b);
    StoreWord(d + 16, c);
    StoreWord(d + 24, e);
  }
  for (; n >= sizeof(Word); n -= sizeof(Word)) {
    d -= sizeof(Word);
    s -= sizeof(Word);
    StoreWord(d, LoadWord(s));
  }
  for (; n > 0; --n) *--d = *--s;
}

}  // namespace

extern "C" {

void* memcpy(void* __restrict dst, const void* __restrict src, size_t n) {
  CopyForward(static_cast<unsigned char*>(dst), static_cast<const unsigned char*>(src), n);
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  auto* s = static_cast<const unsigned char*>(src);
  // Forward is safe unless the destination starts inside the source.
  if (n <= kSmall)
    CopySmall(d, s, n);
  else if ((uintptr_t)d - (uintptr_t)s >= n)
    CopyForward(d, s, n);
  else
    CopyBackward(d, s, n);
  return dst;
}

void* memset(void* dst, int value, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  if (n <= kSmall) {
    // The first and last words, overlapping in the middle, as CopySmall.
    Word pattern = (Word)(unsigned char)value * 0x0101010101010101ull;
    if (n >= 8) {
      for (size_t at = 0; at + sizeof(Word) < n; at += sizeof(Word)) StoreWord(d + at, pattern);
      StoreWord(d + n - sizeof(Word), pattern);
    } else if (n >= 4) {
      uint32_t word = (uint32_t)pattern;
      __builtin_memcpy(d, &word, 4);
      __builtin_memcpy(d + n - 4, &word, 4);
    } else if (n > 0) {
      d[0] = d[n / 2] = d[n - 1] = (unsigned char)value;
    }
    return dst;
  }
#if defined(__x86_64__)
  __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(value) : "memory");
#else
  Word pattern = (Word)(unsigned char)value * 0x0101010101010101ull;
  for (; n >= sizeof(Word); n -= sizeof(Word), d += sizeof(Word)) StoreWord(d, pattern);
  for (; n > 0; --n) *d++ = (unsigned char)value;
#endif
  return dst;
}

int memcmp(const void* lhs, const void* rhs, size_t n) {
  auto* a = static_cast<const unsigned char*>(lhs);
  auto* b = static_cast<const unsigned char*>(rhs);
  for (; n >= sizeof(Word) && LoadWord(a) == LoadWord(b); n -= sizeof(Word)) {
    a += sizeof(Word);
    b += sizeof(Word);
  }
  for (; n > 0; --n, ++a, ++b) {
    if (*a != *b) return *a < *b ? -1 : 1;
  }
  return 0;
}

}  // extern "C"
