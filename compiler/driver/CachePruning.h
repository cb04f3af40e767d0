// Keeping `wacc run`'s cache (CompileCache.h) bounded: every compilation adds
// an executable of a few hundred kilobytes to tens of megabytes, and nothing
// else ever removes one.
#pragma once

#include <cstdint>
#include <string>

namespace wacc::driver {

// The cache's size bound unless $WACC_CACHE_LIMIT_MB says otherwise: 512 MiB,
// Wasmtime's default soft limit for its own compilation cache.
inline constexpr uint64_t kDefaultCacheLimitBytes = uint64_t(512) << 20;

// The bound in force: $WACC_CACHE_LIMIT_MB (whole MiB) when it is a number,
// else the default.
uint64_t CacheLimitBytes();

// Removes the least recently used entries of `directory` (by the later of
// their access and modification times) until the entries together take at
// most `limitBytes`. `keep`, the entry just made, is never removed. Only
// files named as CacheKey names them are touched; a compilation's temporary
// file in flight is not. Failures are ignored: the cache is only a cache.
void PruneCache(const std::string& directory, const std::string& keep, uint64_t limitBytes);

}  // namespace wacc::driver
