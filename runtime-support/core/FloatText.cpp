// Exact conversions between binary floating point and decimal text.
//
// Both directions are done with exact integer arithmetic on big numbers, the
// textbook way, since a run-time library without libc has neither printf nor
// strtod, and these conversions run once per command-line argument or
// result, so simplicity beats speed:
//
// Printing (FormatDigits) is Steele and White's free-format algorithm as
// Burger and Dybvig refined it. A finite value v = f * 2^e is the ratio r/s
// of two big integers; the halfway points to its neighbours, v - m-/s and
// v + m+/s, bound every decimal that reads back as v (inclusive when f is
// even, as round-half-even then picks v). After scaling by a power of ten
// so that r/s < 1, each step multiplies r, m- and m+ by ten and takes the
// integer part of r/s as the next digit; it stops at the first digit after
// which the remainder lies within a margin, then rounds that last digit
// towards whichever end is nearer v. The result is the shortest digit
// string in the interval, and the nearest to v of those.
//
// Reading (ParseBinary) turns the decimal digits D and exponent E into the
// quotient of two big integers, D * 10^E / 1 or D / 10^-E, scaled by a power
// of two so that the integer quotient has exactly 64 bits; the remainder
// says whether anything lies below them. RoundToFloat then rounds those 64
// bits (plus that sticky bit) to the type's precision, to nearest with ties
// to even, handling subnormals and overflow. Only the first 800 significant
// digits are kept; a nonzero rest is replaced by one more digit 1, which
// cannot change the rounding: a halfway point between two doubles has at
// most 767 significant digits.
#include "core/FloatText.h"

namespace wacc_rt {
namespace {

// An unsigned integer of up to kWords 32-bit words, least significant first.
class BigNum {
 public:
  // 4480 bits: a parsed value's 800 digits (2,658 bits) scaled by 2^64 above
  // a divisor of up to 10^1150 (3,821 bits) and its shifts; a printed
  // double's r and s (under 1,200 bits).
  static constexpr unsigned kWords = 140;

  BigNum() = default;
  explicit BigNum(uint64_t value) {
    words_[0] = (uint32_t)value;
    words_[1] = (uint32_t)(value >> 32);
    size_ = words_[1] ? 2 : words_[0] ? 1 : 0;
  }

  bool isZero() const { return size_ == 0; }

  unsigned bitLength() const {
    if (size_ == 0) return 0;
    return (size_ - 1) * 32 + (32 - (unsigned)__builtin_clz(words_[size_ - 1]));
  }

  void multiplyAdd(uint32_t factor, uint32_t addend) {
    uint64_t carry = addend;
    for (unsigned i = 0; i < size_; ++i) {
      uint64_t product = (uint64_t)words_[i] * factor + carry;
      words_[i] = (uint32_t)product;
      carry = product >> 32;
    }
    if (carry && size_ < kWords) words_[size_++] = (uint32_t)carry;
    trim();
  }

  void multiplyByPowerOfTen(unsigned exponent) {
    for (; exponent >= 9; exponent -= 9) multiplyAdd(1000000000u, 0);
    static const uint32_t kSmall[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    if (exponent) multiplyAdd(kSmall[exponent], 0);
  }

  void shiftLeft(unsigned bits) {
    if (size_ == 0) return;
    unsigned wordShift = bits / 32, bitShift = bits % 32;
    unsigned newSize = size_ + wordShift + 1;
    if (newSize > kWords) newSize = kWords;
    for (unsigned i = newSize; i-- > 0;) {
      uint32_t high = i >= wordShift && i - wordShift < size_ ? words_[i - wordShift] : 0;
      uint32_t low = bitShift && i >= wordShift + 1 && i - wordShift - 1 < size_ ? words_[i - wordShift - 1] : 0;
      words_[i] = bitShift ? (high << bitShift) | (low >> (32 - bitShift)) : high;
    }
    size_ = newSize;
    trim();
  }

  void add(const BigNum& other) {
    unsigned n = size_ > other.size_ ? size_ : other.size_;
    uint64_t carry = 0;
    for (unsigned i = 0; i < n; ++i) {
      uint64_t sum = (uint64_t)word(i) + other.word(i) + carry;
      words_[i] = (uint32_t)sum;
      carry = sum >> 32;
    }
    size_ = n;
    if (carry && size_ < kWords) words_[size_++] = (uint32_t)carry;
  }

  // *this -= other; requires *this >= other.
  void subtract(const BigNum& other) {
    int64_t borrow = 0;
    for (unsigned i = 0; i < size_; ++i) {
      int64_t difference = (int64_t)words_[i] - other.word(i) - borrow;
      borrow = difference < 0;
      words_[i] = (uint32_t)(difference + (borrow << 32));
    }
    trim();
  }

  friend int Compare(const BigNum& a, const BigNum& b) {
    if (a.size_ != b.size_) return a.size_ < b.size_ ? -1 : 1;
    for (unsigned i = a.size_; i-- > 0;)
      if (a.words_[i] != b.words_[i]) return a.words_[i] < b.words_[i] ? -1 : 1;
    return 0;
  }

  // Compare(a + b, c).
  friend int CompareSum(const BigNum& a, const BigNum& b, const BigNum& c) {
    BigNum sum = a;
    sum.add(b);
    return Compare(sum, c);
  }

  // Replaces *this with its remainder by `divisor` and returns the quotient,
  // which must be below 10 (a digit) here.
  uint32_t divideSmallQuotient(const BigNum& divisor) {
    uint32_t quotient = 0;
    while (Compare(*this, divisor) >= 0) {
      subtract(divisor);
      ++quotient;
    }
    return quotient;
  }

 private:
  uint32_t word(unsigned i) const { return i < size_ ? words_[i] : 0; }
  void trim() {
    while (size_ && words_[size_ - 1] == 0) --size_;
  }
  uint32_t words_[kWords] = {};
  unsigned size_ = 0;
};

// An IEEE binary format: f32 or f64.
struct Format {
  unsigned precision;     // significand bits, the hidden one included
  unsigned exponentBits;  // of the exponent field
  int minExponent;        // of a subnormal's unit: value = f * 2^e with e >= this
  // Decimal exponents beyond which a value of n digits times 10^E, with
  // n + E above the first or below the second, is infinite or rounds to zero.
  long maxDecimalMagnitude, minDecimalMagnitude;

  unsigned fractionBits() const { return precision - 1; }
  unsigned totalBits() const { return precision + exponentBits; }
  uint64_t maxField() const { return ((uint64_t)1 << exponentBits) - 1; }  // infinities and NaNs
  uint64_t infinity() const { return maxField() << fractionBits(); }
  uint64_t fractionMask() const { return ((uint64_t)1 << fractionBits()) - 1; }
};
// 10^310 is past the largest double (1.8e308), 10^-343 below half the least
// (2.5e-324); 10^40 past the largest float (3.4e38), 10^-46 below half the
// least (7e-46).
constexpr Format kBinary64 = {53, 11, -1074, 310, -343};
constexpr Format kBinary32 = {24, 8, -149, 40, -46};

// --- Printing ------------------------------------------------------------------------

// Writes the shortest digits of f * 2^e (f > 0) to `digits` and returns how
// many; *point is the decimal exponent: value = 0.d1d2... * 10^point.
unsigned FormatDigits(uint64_t f, int e, const Format& format, char* digits, int* point) {
  bool even = (f & 1) == 0;
  // The gap below is half the one above at a power of two (not the least normal).
  bool unequal = f == (uint64_t)1 << (format.precision - 1) && e > format.minExponent;
  BigNum r(f), s(1), mPlus(1), mMinus(1);
  if (e >= 0) {
    r.shiftLeft((unsigned)e + (unequal ? 2 : 1));
    s.shiftLeft(unequal ? 2 : 1);
    mPlus.shiftLeft((unsigned)e + (unequal ? 1 : 0));
    mMinus.shiftLeft((unsigned)e);
  } else {
    r.shiftLeft(unequal ? 2 : 1);
    s.shiftLeft((unsigned)(-e) + (unequal ? 2 : 1));
    if (unequal) mPlus.shiftLeft(1);
  }
  // k = ceil(log10(v)) or one less: the top bit's place times log10(2),
  // from below (the 1e-10 covers the double's own rounding).
  int topBit = e + (int)(64 - (unsigned)__builtin_clzll(f)) - 1;
  double estimate = topBit * 0.30102999566398119521 - 1e-10;
  int k = (int)estimate;
  if ((double)k < estimate) ++k;  // ceil
  if (k >= 0) {
    s.multiplyByPowerOfTen((unsigned)k);
  } else {
    r.multiplyByPowerOfTen((unsigned)-k);
    mPlus.multiplyByPowerOfTen((unsigned)-k);
    mMinus.multiplyByPowerOfTen((unsigned)-k);
  }
  int high = CompareSum(r, mPlus, s);
  if (even ? high >= 0 : high > 0) {
    s.multiplyAdd(10, 0);
    ++k;
  }
  *point = k;
  unsigned count = 0;
  for (;;) {
    r.multiplyAdd(10, 0);
    mPlus.multiplyAdd(10, 0);
    mMinus.multiplyAdd(10, 0);
    uint32_t digit = r.divideSmallQuotient(s);
    int low = Compare(r, mMinus);
    high = CompareSum(r, mPlus, s);
    bool withinLow = even ? low <= 0 : low < 0;
    bool withinHigh = even ? high >= 0 : high > 0;
    if (!withinLow && !withinHigh) {
      digits[count++] = (char)('0' + digit);
      continue;
    }
    if (withinLow && withinHigh) {
      // Both ends qualify: the nearer to v (2r against s), ties to even.
      BigNum twice = r;
      twice.add(r);
      int half = Compare(twice, s);
      if (half > 0 || (half == 0 && (digit & 1))) ++digit;
    } else if (withinHigh) {
      ++digit;
    }
    digits[count++] = (char)('0' + digit);
    return count;
  }
}

// Rust's layout of the digits: no exponent, no trailing ".0".
size_t Layout(bool negative, const char* digits, unsigned count, int point, char* out) {
  size_t n = 0;
  if (negative) out[n++] = '-';
  if (point <= 0) {
    out[n++] = '0';
    out[n++] = '.';
    for (int i = point; i < 0; ++i) out[n++] = '0';
    for (unsigned i = 0; i < count; ++i) out[n++] = digits[i];
  } else {
    for (int i = 0; i < point || i < (int)count; ++i) {
      if (i == point) out[n++] = '.';
      out[n++] = i < (int)count ? digits[i] : '0';
    }
  }
  out[n] = 0;
  return n;
}

size_t CopyText(const char* text, char* out) {
  size_t n = 0;
  for (; text[n]; ++n) out[n] = text[n];
  out[n] = 0;
  return n;
}

size_t FormatBinary(uint64_t bits, const Format& format, char* out) {
  bool negative = bits >> (format.totalBits() - 1) & 1;
  uint64_t exponentField = bits >> format.fractionBits() & format.maxField(), fraction = bits & format.fractionMask();
  if (exponentField == format.maxField()) return CopyText(fraction ? "NaN" : negative ? "-inf" : "inf", out);
  if (exponentField == 0 && fraction == 0) return CopyText(negative ? "-0" : "0", out);
  uint64_t f = exponentField ? fraction | (uint64_t)1 << format.fractionBits() : fraction;
  int e = (exponentField ? (int)exponentField - 1 : 0) + format.minExponent;
  char digits[24];
  int point = 0;
  unsigned count = FormatDigits(f, e, format, digits, &point);
  return Layout(negative, digits, count, point, out);
}

// --- Reading -------------------------------------------------------------------------

// Rounds q * 2^e2 (q's top bit set; `sticky`: something nonzero lies below
// q's last bit) to the format, to nearest with ties to even; the bits of the
// result's magnitude.
uint64_t RoundToFloat(uint64_t q, int e2, bool sticky, const Format& format) {
  int top = e2 + 63;  // the exponent of q's top bit
  int minNormalTop = format.minExponent + (int)format.precision - 1;
  unsigned drop = 64 - format.precision;
  if (top < minNormalTop) drop += (unsigned)(minNormalTop - top);  // subnormal: fewer bits kept
  uint64_t kept;
  bool roundUp;
  if (drop > 64) {
    kept = 0;
    roundUp = false;
  } else if (drop == 64) {
    kept = 0;
    uint64_t half = (uint64_t)1 << 63;
    roundUp = q > half || (q == half && sticky);
  } else {
    kept = q >> drop;
    uint64_t rest = q & (((uint64_t)1 << drop) - 1), half = (uint64_t)1 << (drop - 1);
    roundUp = rest > half || (rest == half && (sticky || (kept & 1)));
  }
  if (roundUp) ++kept;
  // The unit of `kept` is 2^(e2 + drop); a carry into a new top bit is
  // normalised away (and a subnormal that rounds up to the least normal
  // keeps its bits: the field arithmetic below makes it normal).
  int unitExponent = e2 + (int)drop;
  if (kept >> format.precision) {
    kept >>= 1;
    ++unitExponent;
  }
  if (!(kept >> format.fractionBits())) return kept;  // zero or subnormal: exponent field 0
  int field = unitExponent - format.minExponent + 1;  // the biased exponent
  if (field >= (int)format.maxField()) return format.infinity();  // overflow
  return (uint64_t)field << format.fractionBits() | (kept & format.fractionMask());
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(const char* text, const char* word) {
  for (; *word; ++text, ++word)
    if (Lower(*text) != *word) return false;
  return *text == 0;
}

// The bits of the magnitude `text` (after its sign) spells in `format`:
// false if it is not a number.
bool ParseBinary(const char* text, const Format& format, uint64_t* bits) {
  if (EqualsIgnoringCase(text, "inf") || EqualsIgnoringCase(text, "infinity")) {
    *bits = format.infinity();
    return true;
  }
  if (EqualsIgnoringCase(text, "nan")) {
    *bits = format.infinity() | (uint64_t)1 << (format.fractionBits() - 1);  // quiet
    return true;
  }
  constexpr unsigned kMaxDigits = 800;
  BigNum digits;
  unsigned kept = 0;             // significant digits in `digits`
  long exponent = 0;             // value = digits * 10^exponent
  bool anyDigit = false, droppedNonZero = false;
  const char* at = text;
  for (bool fraction = false;; ++at) {
    if (*at == '.' && !fraction) {
      fraction = true;
      continue;
    }
    if (!IsDigit(*at)) break;
    anyDigit = true;
    int digit = *at - '0';
    if (kept == 0 && digit == 0) {
      if (fraction) --exponent;  // a leading zero after the point
      continue;
    }
    if (kept < kMaxDigits) {
      digits.multiplyAdd(10, (uint32_t)digit);
      ++kept;
      if (fraction) --exponent;
    } else {
      droppedNonZero |= digit != 0;
      if (!fraction) ++exponent;
    }
  }
  if (!anyDigit) return false;
  if (*at == 'e' || *at == 'E') {
    ++at;
    bool negative = *at == '-';
    if (*at == '-' || *at == '+') ++at;
    if (!IsDigit(*at)) return false;
    long value = 0;
    for (; IsDigit(*at); ++at)
      if (value < 100000000) value = value * 10 + (*at - '0');  // saturates far past any range
    exponent += negative ? -value : value;
  }
  if (*at != 0) return false;
  if (kept == 0) {
    *bits = 0;
    return true;
  }
  if (droppedNonZero) {
    digits.multiplyAdd(10, 1);
    --exponent;
  }
  // Far outside the range: infinity or zero without big arithmetic.
  long magnitude = exponent + (long)kept;  // value < 10^magnitude
  if (magnitude > format.maxDecimalMagnitude) {
    *bits = format.infinity();
    return true;
  }
  if (magnitude < format.minDecimalMagnitude) {
    *bits = 0;
    return true;
  }
  BigNum numerator = digits, denominator(1);
  if (exponent >= 0)
    numerator.multiplyByPowerOfTen((unsigned)exponent);
  else
    denominator.multiplyByPowerOfTen((unsigned)-exponent);
  // Scale by 2^k so that the quotient has 64 bits: first to 63 or 64 bits,
  // then once more if it came out at 63.
  int k = 63 + (int)denominator.bitLength() - (int)numerator.bitLength();
  for (int attempt = 0; attempt < 2; ++attempt, ++k) {
    BigNum a = numerator, b = denominator;
    if (k >= 0)
      a.shiftLeft((unsigned)k);
    else
      b.shiftLeft((unsigned)-k);
    uint64_t q = 0;
    for (int bit = 63; bit >= 0; --bit) {
      BigNum shifted = b;
      shifted.shiftLeft((unsigned)bit);
      if (Compare(a, shifted) >= 0) {
        a.subtract(shifted);
        q |= (uint64_t)1 << bit;
      }
    }
    if (!(q >> 63)) continue;
    *bits = RoundToFloat(q, -k, !a.isZero(), format);
    return true;
  }
  return false;  // not reached: the second scaling always gives 64 bits
}

// An optional sign, then the magnitude: the number's bits.
bool ParseSigned(const char* text, const Format& format, uint64_t* bits) {
  bool negative = *text == '-';
  if (*text == '-' || *text == '+') ++text;
  if (!ParseBinary(text, format, bits)) return false;
  *bits |= (uint64_t)negative << (format.totalBits() - 1);
  return true;
}

}  // namespace

size_t FormatFloat64(double value, char* out) {
  uint64_t bits;
  __builtin_memcpy(&bits, &value, 8);
  return FormatBinary(bits, kBinary64, out);
}

size_t FormatFloat32(float value, char* out) {
  uint32_t bits;
  __builtin_memcpy(&bits, &value, 4);
  return FormatBinary(bits, kBinary32, out);
}

bool ParseFloat64(const char* text, double* out) {
  uint64_t bits;
  if (!ParseSigned(text, kBinary64, &bits)) return false;
  __builtin_memcpy(out, &bits, 8);
  return true;
}

bool ParseFloat32(const char* text, float* out) {
  uint64_t bits;
  if (!ParseSigned(text, kBinary32, &bits)) return false;
  uint32_t narrow = (uint32_t)bits;
  __builtin_memcpy(out, &narrow, 4);
  return true;
}

}  // namespace wacc_rt
