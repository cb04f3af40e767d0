// The libm functions LLVM may call for wasm float instructions when the
// target CPU has no instruction for them (x86-64 without SSE4.1 has no
// roundsd, so f64.floor becomes a call to `floor`). They must be exact.
//
// Rounding uses the classic trick: for 0 <= a < 2^mantissa, (a + 2^mantissa)
// - 2^mantissa is a rounded to an integer in the current rounding mode,
// which wasm code never changes from round-to-nearest-even. Built with
// -fno-builtin and -fno-math-errno, so nothing here is turned back into a
// call of the function being defined (see the runtime's CMakeLists.txt).
#include <stdint.h>

namespace {

template <typename Float>
struct FloatTraits;

template <>
struct FloatTraits<double> {
  using Bits = uint64_t;
  static constexpr double kTwoPowMantissa = 4503599627370496.0;  // 2^52
};

template <>
struct FloatTraits<float> {
  using Bits = uint32_t;
  static constexpr float kTwoPowMantissa = 8388608.0f;  // 2^23
};

template <typename Float>
using BitsOf = typename FloatTraits<Float>::Bits;

template <typename Float>
constexpr BitsOf<Float> kSignBit = BitsOf<Float>(1) << (sizeof(Float) * 8 - 1);

template <typename Float>
BitsOf<Float> ToBits(Float x) {
  return __builtin_bit_cast(BitsOf<Float>, x);
}

template <typename Float>
Float FromBits(BitsOf<Float> bits) {
  return __builtin_bit_cast(Float, bits);
}

template <typename Float>
bool IsNaN(Float x) {
  return x != x;
}

template <typename Float>
Float CopySign(Float magnitude, Float sign) {
  return FromBits<Float>((ToBits(magnitude) & ~kSignBit<Float>) | (ToBits(sign) & kSignBit<Float>));
}

// Round to nearest, ties to even; NaNs come back quiet.
template <typename Float>
Float RoundEven(Float x) {
  if (IsNaN(x)) return x + x;
  Float magnitude = FromBits<Float>(ToBits(x) & ~kSignBit<Float>);
  // Already integral (or infinite) from 2^mantissa upwards.
  if (!(magnitude < FloatTraits<Float>::kTwoPowMantissa)) return x;
  Float rounded = (magnitude + FloatTraits<Float>::kTwoPowMantissa) - FloatTraits<Float>::kTwoPowMantissa;
  return CopySign(rounded, x);
}

// The results below always carry x's sign (floor(-0.5) = -1, ceil(-0.5) =
// -0), so the sign is restored last.
template <typename Float>
Float RoundDown(Float x) {
  Float rounded = RoundEven(x);
  if (rounded > x) rounded -= 1;
  return CopySign(rounded, x);
}

template <typename Float>
Float RoundUp(Float x) {
  Float rounded = RoundEven(x);
  if (rounded < x) rounded += 1;
  return CopySign(rounded, x);
}

template <typename Float>
Float RoundTowardZero(Float x) {
  Float magnitude = FromBits<Float>(ToBits(x) & ~kSignBit<Float>);
  return CopySign(RoundDown(magnitude), x);
}

// C fmin/fmax: a NaN operand is ignored; -0 is treated as below +0.
template <typename Float>
Float MinimumNumber(Float x, Float y) {
  if (IsNaN(x)) return y;
  if (IsNaN(y)) return x;
  if (x == y) return FromBits<Float>(ToBits(x) | ToBits(y));
  return x < y ? x : y;
}

template <typename Float>
Float MaximumNumber(Float x, Float y) {
  if (IsNaN(x)) return y;
  if (IsNaN(y)) return x;
  if (x == y) return FromBits<Float>(ToBits(x) & ToBits(y));
  return x > y ? x : y;
}

// IEEE 754-2019 minimum/maximum (wasm's fN.min/fN.max): NaNs propagate.
template <typename Float>
Float MinimumPropagating(Float x, Float y) {
  if (IsNaN(x) || IsNaN(y)) return x + y;
  return MinimumNumber(x, y);
}

template <typename Float>
Float MaximumPropagating(Float x, Float y) {
  if (IsNaN(x) || IsNaN(y)) return x + y;
  return MaximumNumber(x, y);
}

}  // namespace

extern "C" {

double ceil(double x) { return RoundUp(x); }
float ceilf(float x) { return RoundUp(x); }
double floor(double x) { return RoundDown(x); }
float floorf(float x) { return RoundDown(x); }
double trunc(double x) { return RoundTowardZero(x); }
float truncf(float x) { return RoundTowardZero(x); }
double nearbyint(double x) { return RoundEven(x); }
float nearbyintf(float x) { return RoundEven(x); }
double rint(double x) { return RoundEven(x); }
float rintf(float x) { return RoundEven(x); }
double roundeven(double x) { return RoundEven(x); }
float roundevenf(float x) { return RoundEven(x); }
double fmin(double x, double y) { return MinimumNumber(x, y); }
float fminf(float x, float y) { return MinimumNumber(x, y); }
double fmax(double x, double y) { return MaximumNumber(x, y); }
float fmaxf(float x, float y) { return MaximumNumber(x, y); }
double fminimum(double x, double y) { return MinimumPropagating(x, y); }
float fminimumf(float x, float y) { return MinimumPropagating(x, y); }
double fmaximum(double x, double y) { return MaximumPropagating(x, y); }
float fmaximumf(float x, float y) { return MaximumPropagating(x, y); }
// Every target CPU has a correctly rounded square root instruction; with
// -fno-math-errno the builtin is exactly that instruction.
double sqrt(double x) { return __builtin_sqrt(x); }
float sqrtf(float x) { return __builtin_sqrtf(x); }

}  // extern "C"
