/* wasi-libc has no setjmp.h (setjmp needs wasm exception handling). Lua's
   ldo.c includes it unconditionally; bench/run builds Lua with LUAI_TRY and
   LUAI_THROW defined not to use it (on both targets), so an empty header
   is enough. Only on the include path of the wasm build. */
