// Indirect calls: a table of small functions chosen by data, the way a
// virtual call or a callback dispatches (call_indirect in wasm).
#include <stdint.h>
#include <stdio.h>

#define CALLS 160000000u

typedef uint32_t (*step_fn)(uint32_t state, uint32_t arg);

static uint32_t op_add(uint32_t s, uint32_t a) { return s + a; }
static uint32_t op_xor(uint32_t s, uint32_t a) { return s ^ (a * 2654435761u); }
static uint32_t op_rot(uint32_t s, uint32_t a) { return (s << (a & 31)) | (s >> (-a & 31)); }
static uint32_t op_mul(uint32_t s, uint32_t a) { return s * (a | 1); }
static uint32_t op_sub(uint32_t s, uint32_t a) { return s - (a >> 3); }
static uint32_t op_shr(uint32_t s, uint32_t a) { return s ^ (s >> ((a & 15) + 1)); }
static uint32_t op_neg(uint32_t s, uint32_t a) { return ~s + a; }
static uint32_t op_mix(uint32_t s, uint32_t a) { return (s ^ a) * 0x9E3779B1u; }

// volatile so the compiler cannot prove which function a slot holds.
static step_fn volatile table[8] = {op_add, op_xor, op_rot, op_mul, op_sub, op_shr, op_neg, op_mix};

int main(void) {
  step_fn local[8];
  for (int i = 0; i < 8; i++) local[i] = table[i];
  uint32_t state = 1, counts = 0;
  for (uint32_t i = 0; i < CALLS; i++) {
    uint32_t slot = (state >> 13 ^ i) & 7;
    state = local[slot](state, i);
    counts += slot;
  }
  printf("state %08x slots %u\n", state, counts);
  return 0;
}
