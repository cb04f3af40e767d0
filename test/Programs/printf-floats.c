// Floating-point formatting: %f %e %g %a, precision, rounding, inf/nan.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
// The plain preview1 module, compiled directly (no adapter):
// RUN: %c-module %s %t.module.wasm
// RUN: %wacc %t.module.wasm -o %t.module.x86_64
// RUN: %diff-run -- %t.native -- %t.module.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.module.wasm -o %t.module.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.module.aarch64 %}
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  const double values[] = {0.0, -0.0, 1.0, -1.5, 0.1, 2.5, 3.5, 1e-300, 1e300,
                           123456789.125, 6.02214076e23, DBL_MIN, DBL_MAX, 1.0 / 3.0};
  for (unsigned i = 0; i < sizeof values / sizeof values[0]; ++i) {
    double v = values[i];
    printf("%f | %.2f | %e | %.3E | %g | %.17g | %10.4g|\n", v, v, v, v, v, v, v);
  }
  printf("%a %a %a\n", 1.0, 0.1, -2.75);
  printf("%f %f %e %g\n", INFINITY, -INFINITY, INFINITY, NAN);
  printf("%.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5);
  float f = 3.14159265f;
  printf("%f %.9g\n", f, (double)f);
  // Round trip: strtod of the %.17g form gives back the same double.
  int ok = 1;
  double x = 0.7;
  for (int i = 0; i < 1000; ++i) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", x);
    if (strtod(buf, NULL) != x) ok = 0;
    x = x * 1.37 + 0.001;
    if (x > 1e200) x = 1e-200;
  }
  printf("round trip %s\n", ok ? "ok" : "BROKEN");
  printf("%g %g %g\n", strtod("1e-5", NULL), strtod("  -12.5e2xyz", NULL), atof("0x1p4"));
  return 0;
}
