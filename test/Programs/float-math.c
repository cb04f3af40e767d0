// libm: trigonometry, roots, exponentials, rounding and classification.
// Results are printed to 12 significant digits, as musl's and glibc's libm
// may differ in the last bit of transcendental functions; exactly rounded
// operations (sqrt, fma, rounding) are printed exactly.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <math.h>
#include <stdio.h>

int main(void) {
  const double xs[] = {0.0, 0.5, 1.0, 2.0, 3.14159265358979, 10.0, 100.5, -0.75};
  for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; ++i) {
    double x = xs[i];
    printf("x=%g sin %.12g cos %.12g tan %.12g atan %.12g exp %.12g\n", x, sin(x), cos(x), tan(x),
           atan(x), exp(x));
    printf("    sqrt %.17g cbrt %.12g log %.12g log10 %.12g pow %.12g\n", sqrt(fabs(x)), cbrt(x),
           log(fabs(x) + 1), log10(fabs(x) + 1), pow(fabs(x), 1.5));
  }
  printf("atan2 %.12g %.12g hypot %.17g\n", atan2(1, -1), atan2(-0.0, -1), hypot(3, 4));
  const double rs[] = {2.5, -2.5, 3.5, 0.49999999999999994, -0.5, 1e16 + 1};
  for (unsigned i = 0; i < sizeof rs / sizeof rs[0]; ++i)
    printf("round %.17g: floor %g ceil %g trunc %g round %g rint %g\n", rs[i], floor(rs[i]),
           ceil(rs[i]), trunc(rs[i]), round(rs[i]), rint(rs[i]));
  printf("fmod %.17g remainder %.17g fma %.17g\n", fmod(10.5, 3), remainder(10.5, 3),
         fma(0.1, 10, -1));
  int e;
  double m = frexp(1536.0, &e);
  printf("frexp %g %d ldexp %g modf ", m, e, ldexp(0.75, 12));
  double ip;
  printf("%g %g\n", modf(-3.75, &ip), ip);
  double nan = NAN, inf = INFINITY;
  printf("isnan %d isinf %d signbit %d fpclassify-normal %d copysign %g\n", isnan(nan) != 0,
         isinf(-inf) != 0, signbit(-0.0) != 0, fpclassify(1.0) == FP_NORMAL, copysign(3, -0.0));
  printf("nan compares: %d %d %d\n", nan == nan, nan < 1, nan != nan);
  printf("min/max %g %g %g\n", fmin(nan, 2), fmax(-1, -2), fmax(-0.0, 0.0));
  float f = 0.1f;
  double acc = 0;
  for (int i = 0; i < 1000; ++i) acc += f;
  printf("float accumulate %.10g sqrtf %.9g\n", acc, (double)sqrtf(2.0f));
  // A numeric integration whose result is stable to 10 digits.
  double area = 0;
  for (int i = 0; i < 100000; ++i) {
    double x0 = i / 100000.0, x1 = (i + 1) / 100000.0;
    area += (sqrt(1 - x0 * x0) + sqrt(1 - x1 * x1)) / 2 / 100000;
  }
  printf("pi approx %.10f\n", 4 * area);
  return 0;
}
