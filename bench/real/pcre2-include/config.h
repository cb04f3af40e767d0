/* PCRE2's build generates config.h; its defaults are config.h.generic
   (8-bit code units, Unicode support, no JIT). */
#include "config.h.generic"
