/* wasi-libc (Debian's 0.0~git20220510) has no pthread.h: wasm32-wasi has no
   threads. QuickJS includes it on every target but Emscripten for
   CONFIG_ATOMICS (Atomics.wait/notify and a mutex around class-id
   allocation). A single thread needs no locking, and nothing can wake a
   waiter, so waits report a time-out at once; bench/real/quickjs.c never
   calls Atomics.wait. Only on the include path of the wasm build. */
#ifndef WACC_BENCH_PTHREAD_H
#define WACC_BENCH_PTHREAD_H
#include <errno.h>
#include <time.h>

typedef struct { int unused; } pthread_mutex_t;
typedef struct { int unused; } pthread_cond_t;
typedef struct { int unused; } pthread_condattr_t;
#define PTHREAD_MUTEX_INITIALIZER {0}

static inline int pthread_mutex_lock(pthread_mutex_t* m) { (void)m; return 0; }
static inline int pthread_mutex_unlock(pthread_mutex_t* m) { (void)m; return 0; }
static inline int pthread_cond_init(pthread_cond_t* c, const pthread_condattr_t* a) {
  (void)c, (void)a;
  return 0;
}
static inline int pthread_cond_destroy(pthread_cond_t* c) { (void)c; return 0; }
static inline int pthread_cond_signal(pthread_cond_t* c) { (void)c; return 0; }
static inline int pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m) {
  (void)c, (void)m;
  return ETIMEDOUT;
}
static inline int pthread_cond_timedwait(pthread_cond_t* c, pthread_mutex_t* m, const struct timespec* t) {
  (void)c, (void)m, (void)t;
  return ETIMEDOUT;
}
#endif
