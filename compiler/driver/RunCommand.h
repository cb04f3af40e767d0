// `wacc run [options] <file.wasm> [args...]`: the drop-in for `wasmtime
// run`. Compiles into the cache (CompileCache.h) unless the executable is
// already there, then replaces this process with it (execv), so exit status,
// output and signals are the program's own.
#pragma once

namespace wacc::driver {

// `wacc serve [options] <handler.wasm>`, the drop-in for `wasmtime serve`,
// is the same for a wasi:http server (any other input is an error), its
// --addr and other server options handed to the executable.
//
// argv[1] is "run" or "serve". Returns only on failure (after printing the
// error): the exit status for wacc.
int RunMain(int argc, char** argv);

}  // namespace wacc::driver
