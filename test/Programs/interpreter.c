// A switch-heavy bytecode interpreter: a small stack machine runs programs
// that count primes, sum a series and compute a Collatz record.
// RUN: %native-cc %s -lm -o %t.native
// RUN: %c-component %s %t.wasm
// RUN: %wacc %t.wasm -o %t.x86_64
// RUN: %diff-run -- %t.native -- %t.x86_64
// Cut into partitions (as a program above 100k IR instructions would be).
// RUN: %wacc --partitions=3 %t.wasm -o %t.parts
// RUN: %diff-run -- %t.native -- %t.parts
// RUN: %wacc --target=aarch64-linux-gnu %t.wasm -o %t.aarch64
// RUN: %if qemu-aarch64 %{ %diff-run -- %t.native -- %run-aarch64 %t.aarch64 %}
#include <stdint.h>
#include <stdio.h>

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, PRINT, DUP, DROP, HALT };

static int64_t run(const int32_t *code, int64_t *vars, uint64_t *steps) {
  int64_t stack[64];
  int sp = 0;
  for (int pc = 0;;) {
    ++*steps;
    switch ((enum op)code[pc++]) {
      case PUSH: stack[sp++] = code[pc++]; break;
      case LOAD: stack[sp++] = vars[code[pc++]]; break;
      case STORE: vars[code[pc++]] = stack[--sp]; break;
      case ADD: --sp; stack[sp - 1] += stack[sp]; break;
      case SUB: --sp; stack[sp - 1] -= stack[sp]; break;
      case MUL: --sp; stack[sp - 1] *= stack[sp]; break;
      case DIV: --sp; stack[sp - 1] /= stack[sp]; break;
      case MOD: --sp; stack[sp - 1] %= stack[sp]; break;
      case LT: --sp; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case EQ: --sp; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
      case JMP: pc = code[pc]; break;
      case JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
      case PRINT: printf("  out %lld\n", (long long)stack[--sp]); break;
      case DUP: stack[sp] = stack[sp - 1]; ++sp; break;
      case DROP: --sp; break;
      case HALT: return sp ? stack[sp - 1] : 0;
      default: printf("bad opcode %d\n", code[pc - 1]); return -1;
    }
  }
}

int main(void) {
  // count = 0; for (n = 2; n < 20000; ++n) { for (d = 2; d*d < n+1; ++d) if n % d == 0
  // goto next; ++count; next: }  with vars 0 n, 1 d, 2 count. Jump targets are patched.
  int32_t code[128];
  int n = 0;
#define EMIT(...) do { int32_t tmp[] = {__VA_ARGS__}; for (unsigned i = 0; i < sizeof tmp / sizeof tmp[0]; ++i) code[n++] = tmp[i]; } while (0)
  EMIT(PUSH, 0, STORE, 2, PUSH, 2, STORE, 0);
  int loop = n;
  EMIT(LOAD, 0, PUSH, 20000, LT, JZ, 0);
  int exit_patch = n - 1;
  EMIT(PUSH, 2, STORE, 1);
  int inner = n;
  EMIT(LOAD, 1, LOAD, 1, MUL, LOAD, 0, PUSH, 1, ADD, LT, JZ, 0);  // d*d < n+1
  int prime_patch = n - 1;
  EMIT(LOAD, 0, LOAD, 1, MOD, JZ, 0);
  int composite_patch = n - 1;
  EMIT(LOAD, 1, PUSH, 1, ADD, STORE, 1, JMP, inner);
  code[prime_patch] = n;
  EMIT(LOAD, 2, PUSH, 1, ADD, STORE, 2);
  code[composite_patch] = n;
  EMIT(LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, loop);
  code[exit_patch] = n;
  EMIT(LOAD, 2, DUP, PRINT, HALT);
  int64_t vars[8] = {0};
  uint64_t steps = 0;
  printf("primes below 20000:\n");
  printf("result %lld after %llu steps\n", (long long)run(code, vars, &steps), (unsigned long long)steps);

  // Collatz: the longest chain for starts below 3000. vars: 0 start, 1 x, 2 len, 3 best, 4 arg
  n = 0;
  EMIT(PUSH, 1, STORE, 0, PUSH, 0, STORE, 3, PUSH, 0, STORE, 4);
  loop = n;
  EMIT(LOAD, 0, PUSH, 3000, LT, JZ, 0);
  exit_patch = n - 1;
  EMIT(LOAD, 0, STORE, 1, PUSH, 0, STORE, 2);
  inner = n;
  EMIT(LOAD, 1, PUSH, 1, EQ, PUSH, 0, EQ, JZ, 0);
  int done_patch = n - 1;
  EMIT(LOAD, 2, PUSH, 1, ADD, STORE, 2, LOAD, 1, PUSH, 2, MOD, JZ, 0);
  int even_patch = n - 1;
  EMIT(LOAD, 1, PUSH, 3, MUL, PUSH, 1, ADD, STORE, 1, JMP, inner);
  code[even_patch] = n;
  EMIT(LOAD, 1, PUSH, 2, DIV, STORE, 1, JMP, inner);
  code[done_patch] = n;
  EMIT(LOAD, 3, LOAD, 2, LT, JZ, 0);
  int skip_patch = n - 1;
  EMIT(LOAD, 2, STORE, 3, LOAD, 0, STORE, 4, LOAD, 0, PRINT);
  code[skip_patch] = n;
  EMIT(LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, loop);
  code[exit_patch] = n;
  EMIT(LOAD, 4, HALT);
  for (int i = 0; i < 8; ++i) vars[i] = 0;
  steps = 0;
  printf("collatz records below 3000:\n");
  int64_t best = run(code, vars, &steps);
  printf("best start %lld chain %lld after %llu steps\n", (long long)best, (long long)vars[3],
         (unsigned long long)steps);
  const int32_t bad[] = {PUSH, 1, 99};
  printf("bad program -> %lld\n", (long long)run(bad, vars, &steps));
  return 0;
}
