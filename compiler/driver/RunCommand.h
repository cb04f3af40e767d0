// `wacc run [options] <file.wasm> [args...]`: the drop-in for `wasmtime
// run`. Compiles into the cache (CompileCache.h) unless the executable is
// already there, then replaces this process with it (execv), so exit status,
// output and signals are the program's own.
#pragma once

namespace wacc::driver {

// argv[1] is "run". Returns only on failure (after printing the error): the
// exit status for wacc.
int RunMain(int argc, char** argv);

}  // namespace wacc::driver
