// Error plumbing shared by every compiler stage.
//
// Errors are values: functions return absl::Status / absl::StatusOr<T>. A
// diagnostic about the input carries the byte offset it refers to in its
// message ("0x1f: expected section id, found 0x42"); the driver prefixes the
// file name and prints it in clang's style.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"

namespace wacc {

// An error about malformed or unsupported input at a byte offset of the file.
template <typename... Args>
absl::Status InputError(size_t offset, const absl::FormatSpec<Args...>& format, const Args&... args) {
  return absl::InvalidArgumentError(absl::StrCat(absl::StrFormat("0x%x: ", offset), absl::StrFormat(format, args...)));
}

// An error about input that is well-formed but uses something wacc does not
// implement yet; named so users can tell the two apart.
template <typename... Args>
absl::Status UnsupportedError(size_t offset, const absl::FormatSpec<Args...>& format, const Args&... args) {
  return absl::UnimplementedError(
      absl::StrCat(absl::StrFormat("0x%x: ", offset), "unsupported: ", absl::StrFormat(format, args...)));
}

}  // namespace wacc

#define WACC_CONCAT_INNER(a, b) a##b
#define WACC_CONCAT(a, b) WACC_CONCAT_INNER(a, b)

// Returns early from the enclosing function if `expr` yields a non-OK status.
#define WACC_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::absl::Status wacc_status_ = (expr);        \
    if (!wacc_status_.ok()) return wacc_status_; \
  } while (0)

// `WACC_ASSIGN_OR_RETURN(auto x, F())` declares x from a StatusOr or returns
// its error.
#define WACC_ASSIGN_OR_RETURN(lhs, expr) WACC_ASSIGN_OR_RETURN_IMPL(WACC_CONCAT(wacc_statusor_, __LINE__), lhs, expr)
#define WACC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return std::move(tmp).status();   \
  lhs = std::move(tmp).value()
