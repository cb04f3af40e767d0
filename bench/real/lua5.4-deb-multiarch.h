/* Debian's lua5.4 patches luaconf.h to include this header, which its build
   generates; the package paths it names are never used by bench/real/lua.c. */
#define DEB_HOST_MULTIARCH "bench"
