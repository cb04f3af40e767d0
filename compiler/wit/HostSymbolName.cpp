// Naming host functions, and the facts about them WIT does not state (see
// HostInterfaces.h).
#include "compiler/wit/HostInterfaces.h"

#include "absl/strings/str_cat.h"

namespace wacc::wit {
namespace {

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Runs of non-alphanumerics become one '_', none at either end.
std::string Sanitize(std::string_view text) {
  std::string out;
  bool pendingSeparator = false;
  for (char c : text) {
    if (!IsAlnum(c)) {
      pendingSeparator = true;
      continue;
    }
    if (pendingSeparator && !out.empty()) out += '_';
    pendingSeparator = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string HostSymbolName(std::string_view instanceName, std::string_view funcName) {
  size_t at = instanceName.find('@');
  std::string_view unversioned = instanceName.substr(0, at);
  // WASI 0.3 reuses 0.2's interface names with other types: its host
  // functions are a family of their own.
  bool p3 = at != std::string_view::npos && instanceName.substr(at + 1).substr(0, 4) == "0.3.";
  return absl::StrCat(p3 ? "wacc_host_p3_" : "wacc_host_", Sanitize(unversioned), "_", Sanitize(funcName));
}

bool HostFunctionNeverReturns(std::string_view interfaceId, std::string_view funcName) {
  return interfaceId == "wasi:cli/exit" && (funcName == "exit" || funcName == "exit-with-code");
}

}  // namespace wacc::wit
