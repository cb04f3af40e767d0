/* PCRE2's build generates pcre2.h from pcre2.h.generic. */
#include "pcre2.h.generic"
