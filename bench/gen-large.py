#!/usr/bin/env python3
"""Writes a large, deterministic C program for measuring compile time.

    gen-large.py <out.c> [functions]

The program is many distinct functions of the shapes real code has: integer
and floating-point arithmetic, nested loops with small trip counts, switches,
conditionals, loads and stores into global tables, and calls. Calls only go
from "callers" to "leaves" (functions that call nothing), so run time stays
linear in the number of functions however large the program. main() calls
every function (through a table of function pointers) and prints a checksum, so the native and wacc builds can be
compared like the other benchmarks. With the default 900 functions the core
module's code section is a little over 1 MiB at clang-22 -O2.
"""
import random
import sys


class FunctionWriter:
    def __init__(self, rng, index, leaves):
        self.rng = rng
        self.index = index
        self.leaves = leaves  # indices this function may call
        self.lines = []
        self.depth = 0

    def emit(self, text):
        self.lines.append("  " * (self.depth + 1) + text)

    def int_var(self):
        return self.rng.choice(["a", "b", "c", "d", "e"])

    def int_expr(self, depth=0):
        r = self.rng
        if depth > 1 or r.random() < 0.3:
            if r.random() < 0.6:
                return self.int_var()
            return f"{r.randrange(1, 1 << 31)}u"
        op = r.choice(["+", "-", "*", "^", "&", "|", "<<", ">>", "rotl", "table", "cmp", "div"])
        x, y = self.int_expr(depth + 1), self.int_expr(depth + 1)
        if op in ("<<", ">>"):
            return f"({x} {op} ({y} & 31u))"
        if op == "rotl":
            return f"rotl32({x}, {y})"
        if op == "table":
            return f"table[({x}) & {TABLE_SIZE - 1}u]"
        if op == "cmp":
            return f"(({x}) {r.choice(['<', '>', '==', '!='])} ({y}) ? {x} : {y})"
        if op == "div":
            return f"(({x}) / (({y}) | 1u))"
        return f"({x} {op} {y})"

    def float_expr(self, depth=0):
        r = self.rng
        if depth > 1 or r.random() < 0.3:
            return r.choice(["f", "g", f"{r.randrange(1, 1000)}.{r.randrange(0, 100)}", "(double)(a & 1023u)"])
        op = r.choice(["+", "-", "*", "/", "sqrt"])
        x, y = self.float_expr(depth + 1), self.float_expr(depth + 1)
        if op == "sqrt":
            return f"sqrt(fabs({x}))"
        if op == "/":
            return f"({x} / (fabs({y}) + 1.0))"
        return f"({x} {op} {y})"

    def statement(self):
        r = self.rng
        kind = r.choices(
            ["assign", "float", "if", "loop", "switch", "store", "call"],
            weights=[6, 2, 2, 1 if self.depth < 2 else 0, 1 if self.depth < 2 else 0, 2, 2 if self.leaves else 0])[0]
        if kind == "assign":
            self.emit(f"{self.int_var()} {r.choice(['=', '+=', '^=', '-='])} {self.int_expr()};")
        elif kind == "float":
            self.emit(f"{r.choice(['f', 'g'])} = {self.float_expr()};")
            self.emit(f"{self.int_var()} += (uint32_t)(int32_t)(f > 1e9 || f < -1e9 ? 7.0 : f);")
            self.emit("if (!(g > -1e9 && g < 1e9)) g = 1.0;")
        elif kind == "if":
            self.emit(f"if (({self.int_expr()}) {r.choice(['<', '>', '&'])} ({self.int_expr()})) {{")
            self.block(r.randrange(1, 4))
            self.emit("} else {")
            self.block(r.randrange(1, 3))
            self.emit("}")
        elif kind == "loop":
            var = f"i{self.depth}"
            self.emit(f"for (uint32_t {var} = 0; {var} < {r.randrange(2, 9)}u; {var}++) {{")
            self.emit(f"  {self.int_var()} += {var} * {r.randrange(1, 99)}u;")
            self.block(r.randrange(1, 4))
            self.emit("}")
        elif kind == "switch":
            self.emit(f"switch (({self.int_expr()}) & 7u) {{")
            for case in r.sample(range(8), r.randrange(2, 6)):
                self.emit(f"case {case}:")
                self.block(r.randrange(1, 3))
                self.emit("  break;")
            self.emit("default:")
            self.block(1)
            self.emit("}")
        elif kind == "store":
            self.emit(f"table[({self.int_expr()}) & {TABLE_SIZE - 1}u] = {self.int_expr()};")
        elif kind == "call":
            callee = r.choice(self.leaves)
            self.emit(f"{self.int_var()} ^= f{callee}({self.int_expr()}, {self.int_expr()});")

    def block(self, count):
        self.depth += 1
        for _ in range(count):
            self.statement()
        self.depth -= 1

    def write(self, out):
        r = self.rng
        out.write(f"static uint32_t f{self.index}(uint32_t a, uint32_t b) {{\n")
        out.write(f"  uint32_t c = a ^ {r.randrange(1 << 32)}u, d = b + {r.randrange(1 << 32)}u, e = a * b;\n")
        out.write(f"  double f = (double)(a & 4095u), g = {r.randrange(1, 100)}.5;\n")
        self.depth = 0
        for _ in range(r.randrange(8, 20)):
            self.statement()
        out.write("\n".join(self.lines) + "\n")
        out.write("  return a ^ b ^ c ^ d ^ e ^ (uint32_t)(int32_t)g;\n}\n\n")


TABLE_SIZE = 1024


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen-large.py <out.c> [functions]")
    count = int(sys.argv[2]) if len(sys.argv) == 3 else 900
    rng = random.Random(20240611)
    leaves = list(range(0, count, 4))  # a quarter of the functions call nothing
    with open(sys.argv[1], "w") as out:
        out.write("// Generated by bench/gen-large.py: do not edit.\n")
        out.write("#include <math.h>\n#include <stdint.h>\n#include <stdio.h>\n\n")
        out.write(f"static uint32_t table[{TABLE_SIZE}];\n\n")
        out.write("static uint32_t rotl32(uint32_t x, uint32_t k) { return (x << (k & 31u)) | (x >> (-k & 31u)); }\n\n")
        for i in range(count):
            FunctionWriter(rng, i, [] if i % 4 == 0 else leaves).write(out)
        # main calls through a table: called directly, every function with
        # one call site would be inlined into one giant main, which is not
        # what real programs look like and is quadratic for the optimiser.
        out.write("static uint32_t (*functions[])(uint32_t, uint32_t) = {\n")
        out.write("".join(f"  f{i},\n" for i in range(count)))
        out.write("};\n\n")
        out.write("int main(void) {\n")
        out.write(f"  for (uint32_t i = 0; i < {TABLE_SIZE}u; i++) table[i] = i * 2654435761u;\n")
        out.write("  uint32_t sum = 0;\n")
        out.write(f"  for (uint32_t i = 0; i < {count}u; i++) sum = sum * 31u + functions[i](sum, i);\n")
        out.write('  printf("checksum %08x\\n", sum);\n  return 0;\n}\n')
    # Prototypes go first: rewrite the file with them prepended after the includes.
    with open(sys.argv[1]) as f:
        text = f.read()
    protos = "".join(f"static uint32_t f{i}(uint32_t a, uint32_t b);\n" for i in range(count))
    marker = f"static uint32_t table[{TABLE_SIZE}];\n\n"
    with open(sys.argv[1], "w") as f:
        f.write(text.replace(marker, marker + protos + "\n", 1))


if __name__ == "__main__":
    main()
