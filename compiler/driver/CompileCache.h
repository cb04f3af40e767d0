// Where `wacc run` keeps the executables it compiles: one file per
// compilation, named by a hash of everything the executable depends on.
// Used by the launcher (compiler/driver/launcher), which must decide a cache
// hit in well under a millisecond, so: no absl, no LLVM but its xxh3.
#pragma once

#include <string>

#include "compiler/driver/RunArguments.h"

namespace wacc::driver {

// The directory of this executable (wacc and wacc-compile live side by side).
std::string ToolDirectory();

// $XDG_CACHE_HOME/wacc, else $HOME/.cache/wacc (not created here); "" when
// neither variable is usable.
std::string CacheDirectory();

// The file name of the executable `run` compiles to: a 128-bit xxh3 of the
// input's bytes, wacc's options as given (every one but thread counts: the
// same options spelled differently merely make another entry), `extra` (what the options alone do
// not pin down, e.g. the host CPU for --cpu=native), wacc's version and the
// identity (path, size, inode, modification time) of the compiler and of
// each target's runtime archive beside `toolDirectory`, so rebuilding either
// makes a new entry. "" when the input cannot be read.
std::string CacheKey(const RunArguments& run, const std::string& toolDirectory, const std::string& extra);

}  // namespace wacc::driver
