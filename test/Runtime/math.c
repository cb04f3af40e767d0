// The libm functions the runtime provides for LLVM's libcalls must be exact
// IEEE operations: signed zeros, ties to even, NaN handling, large values.
//
// RUN: sh %S/Inputs/build.sh x86_64-linux-gnu %wacc_rt_dir %s %t.x86_64
// RUN: %t.x86_64 | %FileCheck %s
// RUN: sh %S/Inputs/build.sh aarch64-linux-gnu %wacc_rt_dir %s %t.aarch64
// RUN: %if qemu-aarch64 %{ %run-aarch64 %t.aarch64 | %FileCheck %s %}

#include "TestSupport.h"

// CHECK-NOT: FAIL
// CHECK: checked cases: {{[0-9]+}}
// CHECK-NOT: FAIL

// Declared here, not taken from a libc header: -ffreestanding makes these
// real calls into the runtime rather than compiler builtins.
double ceil(double), floor(double), trunc(double), nearbyint(double), rint(double),
    roundeven(double), sqrt(double), fmin(double, double), fmax(double, double),
    fminimum(double, double), fmaximum(double, double);
float ceilf(float), floorf(float), truncf(float), nearbyintf(float), rintf(float),
    roundevenf(float), sqrtf(float), fminf(float, float), fmaxf(float, float),
    fminimumf(float, float), fmaximumf(float, float);

static uint64_t bits64(double x) { return __builtin_bit_cast(uint64_t, x); }
static uint32_t bits32(float x) { return __builtin_bit_cast(uint32_t, x); }

static int cases;
static void check64(const char* what, int line, double got, double want) {
  ++cases;
  int same = bits64(got) == bits64(want) || (got != got && want != want);
  if (!same) test_print_u64(what, (uint64_t)line);
}
static void check32(const char* what, int line, float got, float want) {
  ++cases;
  int same = bits32(got) == bits32(want) || (got != got && want != want);
  if (!same) test_print_u64(what, (uint64_t)line);
}
#define D(call, want) check64("FAIL at line ", __LINE__, call, want)
#define F(call, want) check32("FAIL at line ", __LINE__, call, want)

static volatile double inf = __builtin_inf();
static volatile float inff = __builtin_inff();
static volatile double nan_ = __builtin_nan("");
static volatile float nanf_ = __builtin_nanf("");

int32_t wacc_main(void) {
  const double big = 4503599627370495.5;  // 2^52 - 0.5
  D(floor(1.5), 1.0); D(floor(-1.5), -2.0); D(floor(-0.5), -1.0); D(floor(0.5), 0.0);
  D(floor(-0.0), -0.0); D(floor(0.0), 0.0); D(floor(big), 4503599627370495.0);
  D(floor(0x1.fffffffffffffp-1), 0.0); D(floor(-0x1.fffffffffffffp-1), -1.0);
  D(floor(1e300), 1e300); D(floor(inf), inf); D(floor(-inf), -inf); D(floor(nan_), nan_);
  D(floor(0x1p-1074), 0.0); D(floor(-0x1p-1074), -1.0);
  D(ceil(-0.5), -0.0); D(ceil(0.5), 1.0); D(ceil(-1.5), -1.0); D(ceil(big), 4503599627370496.0);
  D(ceil(-0.0), -0.0); D(ceil(-1e300), -1e300); D(ceil(-inf), -inf); D(ceil(0x1p-1074), 1.0);
  D(trunc(-0.7), -0.0); D(trunc(2.7), 2.0); D(trunc(-2.7), -2.0); D(trunc(-big), -4503599627370495.0);
  D(trunc(inf), inf); D(trunc(nan_), nan_);
  D(roundeven(0.5), 0.0); D(roundeven(1.5), 2.0); D(roundeven(2.5), 2.0); D(roundeven(-0.5), -0.0);
  D(roundeven(-2.5), -2.0); D(roundeven(0.49999999999999994), 0.0); D(roundeven(big), 4503599627370496.0);
  D(roundeven(4503599627370494.5), 4503599627370494.0); D(roundeven(-3.7), -4.0);
  D(roundeven(9007199254740993.0), 9007199254740993.0); D(roundeven(-inf), -inf);
  D(rint(2.5), 2.0); D(rint(-1.5), -2.0); D(nearbyint(3.5), 4.0); D(nearbyint(-0.2), -0.0);
  D(fmin(nan_, 1.0), 1.0); D(fmin(1.0, nan_), 1.0); D(fmin(-0.0, 0.0), -0.0); D(fmin(0.0, -0.0), -0.0);
  D(fmin(1.0, 2.0), 1.0); D(fmin(-inf, 2.0), -inf);
  D(fmax(nan_, 1.0), 1.0); D(fmax(1.0, nan_), 1.0); D(fmax(-0.0, 0.0), 0.0); D(fmax(0.0, -0.0), 0.0);
  D(fmax(1.0, 2.0), 2.0);
  D(fminimum(nan_, 1.0), nan_); D(fminimum(1.0, nan_), nan_); D(fminimum(0.0, -0.0), -0.0);
  D(fmaximum(nan_, 1.0), nan_); D(fmaximum(-0.0, 0.0), 0.0); D(fmaximum(3.0, 2.0), 3.0);
  D(sqrt(4.0), 2.0); D(sqrt(2.0), __builtin_bit_cast(double, 0x3FF6A09E667F3BCDull));
  D(sqrt(-0.0), -0.0); D(sqrt(-1.0), nan_); D(sqrt(inf), inf);

  const float bigf = 8388607.5f;  // 2^23 - 0.5
  F(floorf(1.5f), 1.0f); F(floorf(-0.5f), -1.0f); F(floorf(-0.0f), -0.0f); F(floorf(bigf), 8388607.0f);
  F(floorf(inff), inff); F(floorf(nanf_), nanf_); F(floorf(1e30f), 1e30f);
  F(ceilf(-0.5f), -0.0f); F(ceilf(0.5f), 1.0f); F(ceilf(bigf), 8388608.0f); F(ceilf(-inff), -inff);
  F(truncf(-0.7f), -0.0f); F(truncf(2.7f), 2.0f); F(truncf(-bigf), -8388607.0f);
  F(roundevenf(0.5f), 0.0f); F(roundevenf(1.5f), 2.0f); F(roundevenf(2.5f), 2.0f);
  F(roundevenf(-0.5f), -0.0f); F(roundevenf(bigf), 8388608.0f); F(roundevenf(0.49999997f), 0.0f);
  F(rintf(-2.5f), -2.0f); F(nearbyintf(-3.5f), -4.0f);
  F(fminf(nanf_, 1.0f), 1.0f); F(fminf(-0.0f, 0.0f), -0.0f); F(fmaxf(0.0f, -0.0f), 0.0f);
  F(fmaxf(1.0f, nanf_), 1.0f); F(fminimumf(nanf_, 1.0f), nanf_); F(fmaximumf(1.0f, nanf_), nanf_);
  F(fminimumf(-0.0f, 0.0f), -0.0f); F(fmaximumf(-0.0f, 0.0f), 0.0f);
  F(sqrtf(9.0f), 3.0f); F(sqrtf(-1.0f), nanf_); F(sqrtf(-0.0f), -0.0f);

  test_print_u64("checked cases: ", (uint64_t)cases);
  return 0;
}
