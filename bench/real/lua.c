// Lua 5.4 (Debian's lua5.4 source package): the interpreter runs a script
// of recursive calls, table sorting, string formatting and pattern matching,
// and method calls through metatables. Only the base, table, string and
// math libraries are opened (no io/os: nothing here reads files).
#include <stdio.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

static const char kScript[] =
    "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
    "local f = fib(30)\n"
    "local a, x = {}, 42\n"
    "for i = 1, 300000 do x = (x * 1103515245 + 12345) % 2147483648; a[i] = x end\n"
    "table.sort(a)\n"
    "local s = 0\n"
    "for i = 1, #a, 997 do s = (s + a[i]) % 1000000007 end\n"
    "local parts = {}\n"
    "for i = 1, 100000 do parts[#parts + 1] = string.format('%d:%x', i, i * i) end\n"
    "local str = table.concat(parts, ',')\n"
    "local count = 0\n"
    "for w in string.gmatch(str, '%d+:a%x*') do count = count + 1 end\n"
    "local swapped, n = string.gsub(str, '(%d)(%d)', '%2%1')\n"
    "local Account = {}\n"
    "Account.__index = Account\n"
    "function Account.new(b) return setmetatable({balance = b}, Account) end\n"
    "function Account:deposit(v) self.balance = self.balance + v end\n"
    "local acc = Account.new(0)\n"
    "for i = 1, 3000000 do acc:deposit(i % 7) end\n"
    "local words = {}\n"
    "for i = 1, 200000 do local k = 'k' .. (i % 5000); words[k] = (words[k] or 0) + i end\n"
    "print(f, s, #str, count, n, #swapped, acc.balance, words.k42)\n";

int main(void) {
  lua_State* L = luaL_newstate();
  if (!L) return 1;
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  lua_settop(L, 0);
  if (luaL_dostring(L, kScript) != LUA_OK) {
    printf("error: %s\n", lua_tostring(L, -1));
    return 2;
  }
  lua_close(L);
  return 0;
}
