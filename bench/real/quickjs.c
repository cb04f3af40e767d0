// QuickJS (Debian's quickjs source package; bookworm has none, so bench/run
// fetches it from trixie): the engine alone (quickjs.c, libregexp,
// libunicode, cutils, dtoa; not quickjs-libc, whose OS layer wasi-libc
// lacks) runs bench/real/quickjs.js, embedded here with #embed, and a
// `print` of our own writes its lines. The same on both targets, except
// that the wasm build needs a larger shadow stack (bench/run's wasm flags).
#include <stdio.h>

#include "quickjs.h"

static const char kScript[] = {
#embed "quickjs.js"
    , 0};

static JSValue Print(JSContext* ctx, JSValueConst self, int argc, JSValueConst* argv) {
  for (int i = 0; i < argc; i++) {
    const char* text = JS_ToCString(ctx, argv[i]);
    if (!text) return JS_EXCEPTION;
    printf(i ? " %s" : "%s", text);
    JS_FreeCString(ctx, text);
  }
  putchar('\n');
  return JS_UNDEFINED;
}

int main(void) {
  JSRuntime* rt = JS_NewRuntime();
  if (!rt) return 1;
  // QuickJS's stack check measures from the C stack pointer at start-up;
  // its default limit (1 MiB) is more than wasm-ld's default stack, so both
  // targets get the same, smaller one.
  JS_SetMaxStackSize(rt, 512 * 1024);
  JSContext* ctx = JS_NewContext(rt);
  if (!ctx) return 1;
  JSValue global = JS_GetGlobalObject(ctx);
  JS_SetPropertyStr(ctx, global, "print", JS_NewCFunction(ctx, Print, "print", 1));
  JS_FreeValue(ctx, global);
  JSValue result = JS_Eval(ctx, kScript, sizeof kScript - 1, "quickjs.js", JS_EVAL_TYPE_GLOBAL);
  int status = 0;
  if (JS_IsException(result)) {
    JSValue error = JS_GetException(ctx);
    const char* text = JS_ToCString(ctx, error);
    printf("error: %s\n", text ? text : "?");
    JS_FreeCString(ctx, text);
    JS_FreeValue(ctx, error);
    status = 2;
  }
  JS_FreeValue(ctx, result);
  JS_FreeContext(ctx);
  JS_FreeRuntime(rt);
  return status;
}
