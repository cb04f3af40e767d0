// SIMD-friendly loops over arrays that fit in L2: a float saxpy, an integer
// sum of absolute differences, an element-wise integer xor/add/mask and a
// byte-wise max-and-blend, written so that both clang -O2 natively (SSE2) and
// for wasm (simd128) vectorise them.
#include <stdint.h>
#include <stdio.h>

#define N 8192
#define ROUNDS 250000

static float x[N], y[N];
static int32_t a[N], b[N];
static uint8_t p[N], q[N];

__attribute__((noinline)) static void saxpy(float k, const float *restrict in, float *restrict out) {
  for (int i = 0; i < N; i++) out[i] = k * in[i] + out[i] * 0.5f;
}

__attribute__((noinline)) static int32_t sad(const int32_t *restrict u, const int32_t *restrict v) {
  int32_t s = 0;
  for (int i = 0; i < N; i++) {
    int32_t d = u[i] - v[i];
    s += d < 0 ? -d : d;
  }
  return s;
}

__attribute__((noinline)) static void blend(uint8_t *restrict out, const uint8_t *restrict in) {
  for (int i = 0; i < N; i++) {
    uint8_t m = out[i] > in[i] ? out[i] : in[i];
    out[i] = (uint8_t)(m - (m >> 2) + (in[i] >> 3));
  }
}

__attribute__((noinline)) static void step_ints(int32_t *restrict u, const int32_t *restrict v, int32_t r) {
  for (int i = 0; i < N; i++) u[i] = ((u[i] ^ v[i]) + r) & 0xFFFF;
}

int main(void) {
  for (int i = 0; i < N; i++) {
    x[i] = (float)(i % 97) * 0.25f;
    y[i] = (float)(i % 13);
    a[i] = (i * 7919) & 0xFFFF;
    b[i] = (i * 104729) & 0xFFFF;
    p[i] = (uint8_t)(i * 31);
    q[i] = (uint8_t)(i * 17 + 3);
  }
  int64_t total = 0;
  for (int r = 0; r < ROUNDS; r++) {
    saxpy(0.75f, x, y);
    total += sad(a, b);
    step_ints(a, b, r);
    blend(p, q);
  }
  double ysum = 0;
  uint32_t psum = 0;
  for (int i = 0; i < N; i++) {
    ysum += y[i];
    psum += p[i];
  }
  printf("sad %lld y %.6f p %u\n", (long long)total, ysum, psum);
  return 0;
}
