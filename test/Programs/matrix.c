// Dense linear algebra in doubles: matrix multiply, Gaussian elimination
// with partial pivoting, a determinant and a residual check. Results are
// printed rounded, as the two builds may contract a*b+c differently.
// RUN: %native-cc -ffp-contract=off %s -lm -o %t.native
// RUN: %c-component %s %t.wasm -ffp-contract=off
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N 120

static double a[N][N], b[N][N], c[N][N], lu[N][N];

int main(void) {
  unsigned x = 1;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      x = x * 1103515245u + 12345u;
      a[i][j] = (double)(x >> 16 & 0x7fff) / 32768.0 - 0.5 + (i == j ? N / 4.0 : 0);
      b[i][j] = (i + 1.0) / (j + 2.0);
    }
  for (int i = 0; i < N; ++i)
    for (int k = 0; k < N; ++k)
      for (int j = 0; j < N; ++j) c[i][j] += a[i][k] * b[k][j];
  double trace = 0, norm = 0;
  for (int i = 0; i < N; ++i) {
    trace += c[i][i];
    for (int j = 0; j < N; ++j) norm += c[i][j] * c[i][j];
  }
  printf("product trace %.6f frobenius %.6f\n", trace, sqrt(norm));
  // Solve a x = rhs where rhs = a * (1, 2, ..., N).
  double rhs[N], sol[N];
  int perm[N];
  for (int i = 0; i < N; ++i) {
    rhs[i] = 0;
    for (int j = 0; j < N; ++j) rhs[i] += a[i][j] * (j + 1);
    perm[i] = i;
    for (int j = 0; j < N; ++j) lu[i][j] = a[i][j];
  }
  double det = 1;
  for (int k = 0; k < N; ++k) {
    int pivot = k;
    for (int i = k + 1; i < N; ++i) if (fabs(lu[i][k]) > fabs(lu[pivot][k])) pivot = i;
    if (pivot != k) {
      for (int j = 0; j < N; ++j) { double t = lu[k][j]; lu[k][j] = lu[pivot][j]; lu[pivot][j] = t; }
      int t = perm[k]; perm[k] = perm[pivot]; perm[pivot] = t;
      det = -det;
    }
    det *= lu[k][k];
    for (int i = k + 1; i < N; ++i) {
      lu[i][k] /= lu[k][k];
      for (int j = k + 1; j < N; ++j) lu[i][j] -= lu[i][k] * lu[k][j];
    }
  }
  for (int i = 0; i < N; ++i) {
    sol[i] = rhs[perm[i]];
    for (int j = 0; j < i; ++j) sol[i] -= lu[i][j] * sol[j];
  }
  for (int i = N - 1; i >= 0; --i) {
    for (int j = i + 1; j < N; ++j) sol[i] -= lu[i][j] * sol[j];
    sol[i] /= lu[i][i];
  }
  double worst = 0;
  for (int i = 0; i < N; ++i) worst = fmax(worst, fabs(sol[i] - (i + 1)));
  printf("solution error below 1e-9: %d\n", worst < 1e-9);
  printf("log10 |det| %.6f sign %d\n", log10(fabs(det)), det > 0 ? 1 : -1);
  printf("x[0] %.9f x[N-1] %.9f\n", sol[0], sol[N - 1]);
  return 0;
}
