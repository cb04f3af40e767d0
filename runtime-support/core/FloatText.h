// Floating-point numbers as decimal text, both ways, without libc: what
// `wacc run --invoke` reads from the command line and prints (core/Invoke.cpp),
// in Rust's spellings, which Wasmtime's `--invoke` uses.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace wacc_rt {

// Room for any number FormatFloat64 or FormatFloat32 writes (the longest:
// the smallest subnormal double, "0." and 323 zeros before its digits).
inline constexpr size_t kFloatTextCapacity = 400;

// Rust's Display: the shortest digits that read back as the same number
// (the one nearest the exact value among them), never an exponent: "3",
// "0.1", "-0", "1e21" as "1000000000000000000000", "inf", "-inf", "NaN".
// Writes a terminating null; returns the length.
size_t FormatFloat64(double value, char* out);
size_t FormatFloat32(float value, char* out);

// Rust's FromStr for f64 / f32: an optional sign, then "inf", "infinity"
// or "nan" (any case), or digits with an optional '.' (at least one digit
// on either side) and an optional exponent ('e' or 'E', a sign, digits).
// The result is correctly rounded (to nearest, ties to even), straight to
// the type. False, with *out untouched, for anything else.
bool ParseFloat64(const char* text, double* out);
bool ParseFloat32(const char* text, float* out);

}  // namespace wacc_rt
