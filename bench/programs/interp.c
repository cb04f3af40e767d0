// A switch-dispatch interpreter: a small stack machine running a bytecode
// program that sums the Collatz sequence lengths of 1..limit-1.
#include <stdint.h>
#include <stdio.h>

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, LT, ODD, DIV2, JZ, JMP, HALT };

// Registers: r0 = n, r1 = limit, r2 = x, r4 = total steps.
// Jump operands are absolute offsets into the program, given in the comments.
static const int32_t program[] = {
    /*  0 */ PUSH, 1, STORE, 0,                            // n = 1
    /*  4 */ PUSH, 0, STORE, 4,                            // total = 0
    /*  8 */ LOAD, 0, LOAD, 1, LT, JZ, 66,                 // while n < limit
    /* 15 */ LOAD, 0, STORE, 2,                            //   x = n
    /* 19 */ LOAD, 2, PUSH, 1, SUB, JZ, 57,                //   while x != 1
    /* 26 */ LOAD, 4, PUSH, 1, ADD, STORE, 4,              //     total++
    /* 33 */ LOAD, 2, ODD, JZ, 50,                         //     if x odd
    /* 38 */ LOAD, 2, PUSH, 3, MUL, PUSH, 1, ADD, STORE, 2, //      x = 3x + 1
    /* 48 */ JMP, 19,
    /* 50 */ LOAD, 2, DIV2, STORE, 2, JMP, 19,             //     else x = x / 2
    /* 57 */ LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, 8,      //   n++
    /* 66 */ HALT,
};

static int64_t run(const int32_t *code, int64_t *regs) {
  int64_t stack[16];
  int sp = 0;
  const int32_t *pc = code;
  for (;;) {
    switch ((enum op)*pc++) {
      case PUSH: stack[sp++] = *pc++; break;
      case LOAD: stack[sp++] = regs[*pc++]; break;
      case STORE: regs[*pc++] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case ODD: stack[sp - 1] &= 1; break;
      case DIV2: stack[sp - 1] >>= 1; break;
      case JZ: {
        int32_t target = *pc++;
        if (stack[--sp] == 0) pc = code + target;
        break;
      }
      case JMP: pc = code + *pc; break;
      case HALT: return regs[4];
      default: return -1;
    }
    if (sp < 0 || sp > 14) return -2;  // a malformed program, not this one
  }
}

int main(void) {
  int64_t regs[8] = {0};
  regs[1] = 400000;
  printf("collatz steps %lld\n", (long long)run(program, regs));
  return 0;
}
