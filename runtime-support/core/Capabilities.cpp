#include "core/Capabilities.h"

extern "C" __attribute__((weak)) const struct wacc_capabilities wacc_capabilities;

namespace wacc_rt {

const struct wacc_capabilities& capabilities() {
  static const struct wacc_capabilities kNothing = {0, 0, nullptr, nullptr, 0, 0, nullptr};
  const struct wacc_capabilities* granted = &::wacc_capabilities;
  return granted != nullptr ? *granted : kNothing;
}

const char* RuntimeEnvironmentValue(const char* name) {
  for (const char* const* entry = wacc_rt_envp(); *entry != nullptr; ++entry) {
    const char* text = *entry;
    const char* wanted = name;
    while (*wanted != '\0' && *text == *wanted) ++text, ++wanted;
    if (*wanted == '\0' && *text == '=') return text + 1;
  }
  return nullptr;
}

}  // namespace wacc_rt
