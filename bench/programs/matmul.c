// Dense double-precision matrix multiply (i-k-j order, blocked by rows):
// floating point mixed with memory traffic through the caches.
#include <stdio.h>
#include <stdlib.h>

#define N 384
#define REPEAT 64

int main(void) {
  double *a = malloc(sizeof(double) * N * N), *b = malloc(sizeof(double) * N * N),
         *c = malloc(sizeof(double) * N * N);
  if (!a || !b || !c) return 1;
  for (int i = 0; i < N * N; i++) {
    a[i] = (double)((i * 37) % 101) / 64.0;
    b[i] = (double)((i * 91) % 103) / 32.0;
  }
  double trace = 0;
  for (int rep = 0; rep < REPEAT; rep++) {
    for (int i = 0; i < N * N; i++) c[i] = 0;
    for (int i = 0; i < N; i++)
      for (int k = 0; k < N; k++) {
        double aik = a[i * N + k];
        for (int j = 0; j < N; j++) c[i * N + j] += aik * b[k * N + j];
      }
    for (int i = 0; i < N; i++) trace += c[i * N + i];
    // Feed the result back so no repetition can be skipped.
    for (int i = 0; i < N * N; i++) a[i] = c[i] * (1.0 / 4096.0);
  }
  printf("trace %.9e\n", trace);
  free(c);
  free(b);
  free(a);
  return 0;
}
