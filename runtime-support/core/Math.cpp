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
BitsOf<Float> toBits(Float x) {
  return __builtin_bit_cast(BitsOf<Float>, x);
}

template <typename Float>
Float fromBits(BitsOf<Float> bits) {
  return __builtin_bit_cast(Float, bits);
}

template <typename Float>
bool isNaN(Float x) {
  return x != x;
}

template <typename Float>
Float copySign(Float magnitude, Float sign) {
  return fromBits<Float>((toBits(magnitude) & ~kSignBit<Float>) | (toBits(sign) & kSignBit<Float>));
}

// Round to nearest, ties to even; NaNs come back quiet.
template <typename Float>
Float roundEven(Float x) {
  if (isNaN(x)) return x + x;
  Float magnitude = fromBits<Float>(toBits(x) & ~kSignBit<Float>);
  // Already integral (or infinite) from 2^mantissa upwards.
  if (!(magnitude < FloatTraits<Float>::kTwoPowMantissa)) return x;
  Float rounded = (magnitude + FloatTraits<Float>::kTwoPowMantissa) - FloatTraits<Float>::kTwoPowMantissa;
  return copySign(rounded, x);
}

// The results below always carry x's sign (floor(-0.5) = -1, ceil(-0.5) =
// -0), so the sign is restored last.
template <typename Float>
Float roundDown(Float x) {
  Float rounded = roundEven(x);
  if (rounded > x) rounded -= 1;
  return copySign(rounded, x);
}

template <typename Float>
Float roundUp(Float x) {
  Float rounded = roundEven(x);
  if (rounded < x) rounded += 1;
  return copySign(rounded, x);
}

template <typename Float>
Float roundTowardZero(Float x) {
  Float magnitude = fromBits<Float>(toBits(x) & ~kSignBit<Float>);
  return copySign(roundDown(magnitude), x);
}

// C fmin/fmax: a NaN operand is ignored; -0 is treated as below +0.
template <typename Float>
Float minimumNumber(Float x, Float y) {
  if (isNaN(x)) return y;
  if (isNaN(y)) return x;
  if (x == y) return fromBits<Float>(toBits(x) | toBits(y));
  return x < y ? x : y;
}

template <typename Float>
Float maximumNumber(Float x, Float y) {
  if (isNaN(x)) return y;
  if (isNaN(y)) return x;
  if (x == y) return fromBits<Float>(toBits(x) & toBits(y));
  return x > y ? x : y;
}

// IEEE 754-2019 minimum/maximum (wasm's fN.min/fN.max): NaNs propagate.
template <typename Float>
Float minimumPropagating(Float x, Float y) {
  if (isNaN(x) || isNaN(y)) return x + y;
  return minimumNumber(x, y);
}

template <typename Float>
Float maximumPropagating(Float x, Float y) {
  if (isNaN(x) || isNaN(y)) return x + y;
  return maximumNumber(x, y);
}

}  // namespace

extern "C" {

double ceil(double x) { return roundUp(x); }
float ceilf(float x) { return roundUp(x); }
double floor(double x) { return roundDown(x); }
float floorf(float x) { return roundDown(x); }
double trunc(double x) { return roundTowardZero(x); }
float truncf(float x) { return roundTowardZero(x); }
double nearbyint(double x) { return roundEven(x); }
float nearbyintf(float x) { return roundEven(x); }
double rint(double x) { return roundEven(x); }
float rintf(float x) { return roundEven(x); }
double roundeven(double x) { return roundEven(x); }
float roundevenf(float x) { return roundEven(x); }
double fmin(double x, double y) { return minimumNumber(x, y); }
float fminf(float x, float y) { return minimumNumber(x, y); }
double fmax(double x, double y) { return maximumNumber(x, y); }
float fmaxf(float x, float y) { return maximumNumber(x, y); }
double fminimum(double x, double y) { return minimumPropagating(x, y); }
float fminimumf(float x, float y) { return minimumPropagating(x, y); }
double fmaximum(double x, double y) { return maximumPropagating(x, y); }
float fmaximumf(float x, float y) { return maximumPropagating(x, y); }
// Every target CPU has a correctly rounded square root instruction; with
// -fno-math-errno the builtin is exactly that instruction.
double sqrt(double x) { return __builtin_sqrt(x); }
float sqrtf(float x) { return __builtin_sqrtf(x); }

}  // extern "C"
