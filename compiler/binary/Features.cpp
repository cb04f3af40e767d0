#include "compiler/binary/Features.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace wacc::binary {
namespace {

struct FeatureName {
  absl::string_view name;
  bool Features::*flag;
  absl::string_view description;
};

// Wasmtime's spellings (`wasmtime run -W help`).
constexpr FeatureName kFeatureNames[] = {
    {"multi-memory", &Features::multiMemory, "several linear memories per module"},
    {"memory64", &Features::memory64, "linear memories addressed by i64"},
    {"tail-call", &Features::tailCall, "return_call and return_call_indirect"},
    {"extended-const", &Features::extendedConst, "i32/i64 add, sub and mul in constant expressions"},
    {"relaxed-simd", &Features::relaxedSimd, "the relaxed SIMD instructions"},
    {"threads", &Features::threads, "shared memories and atomic instructions (one thread runs them)"},
};

}  // namespace

std::string FeatureNames() {
  return absl::StrJoin(kFeatureNames, ", ",
                       [](std::string* out, const FeatureName& f) { absl::StrAppend(out, f.name); });
}

std::string FeatureHelp() {
  std::string help =
      "-W <name>[=y|n], comma-separated: the proposals beyond WebAssembly 2.0 that wacc implements, all on by "
      "default (as in wasmtime run); off, a module using one is refused as WebAssembly 2.0 refuses it\n";
  for (const FeatureName& f : kFeatureNames) absl::StrAppend(&help, "  ", f.name, ": ", f.description, "\n");
  return help;
}

absl::Status ApplyFeatureSettings(absl::string_view settings, Features& features) {
  for (absl::string_view setting : absl::StrSplit(settings, ',')) {
    std::pair<absl::string_view, absl::string_view> nameValue = absl::StrSplit(setting, absl::MaxSplits('=', 1));
    bool on;
    absl::string_view value = setting.find('=') == absl::string_view::npos ? "y" : nameValue.second;
    if (value == "y" || value == "yes" || value == "true")
      on = true;
    else if (value == "n" || value == "no" || value == "false")
      on = false;
    else
      return absl::InvalidArgumentError(
          absl::StrCat("invalid value '", value, "' for -W ", nameValue.first, " (expected y or n)"));
    const FeatureName* found = nullptr;
    for (const FeatureName& f : kFeatureNames)
      if (f.name == nameValue.first) found = &f;
    if (found == nullptr)
      return absl::InvalidArgumentError(
          absl::StrCat("unknown -W option '", nameValue.first, "' (wacc knows ", FeatureNames(), ")"));
    features.*found->flag = on;
  }
  return absl::OkStatus();
}

}  // namespace wacc::binary
