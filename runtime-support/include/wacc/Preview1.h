/* The WASI preview1 host functions, declared from wacc/Preview1Functions.def
 * (see there for the naming and type rules), so the runtime's definitions
 * must have exactly these types. Plain C, like wacc/Runtime.h. */
#ifndef WACC_PREVIEW1_H
#define WACC_PREVIEW1_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WACC_PREVIEW1_I32 uint32_t
#define WACC_PREVIEW1_I64 uint64_t
#define WACC_PREVIEW1_RESULT_ERRNO uint32_t
#define WACC_PREVIEW1_RESULT_NORETURN __attribute__((noreturn)) void

/* (I32 fd, I64 offset) reads as (uint32_t fd, uint64_t offset). The
 * compiler takes each function's core wasm type from these declarations
 * (decltype, as RuntimeABI does for wacc/RuntimeFunctions.def). */
#define I32 WACC_PREVIEW1_I32
#define I64 WACC_PREVIEW1_I64
#define WACC_PREVIEW1_FUNCTION(name, result, parameters) WACC_PREVIEW1_RESULT_##result wacc_p1_##name parameters;
#define WACC_PREVIEW0_FUNCTION(name, result, parameters) WACC_PREVIEW1_RESULT_##result wacc_p0_##name parameters;
#include "wacc/Preview1Functions.def"
#undef WACC_PREVIEW0_FUNCTION
#undef WACC_PREVIEW1_FUNCTION
#undef I64
#undef I32

#ifdef __cplusplus
}
#endif

#endif /* WACC_PREVIEW1_H */
