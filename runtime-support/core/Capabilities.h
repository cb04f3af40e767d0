// The capability table generated code may define (Runtime.h), with the
// "nothing granted" default when it does not.
#pragma once

#include "wacc/Runtime.h"

namespace wacc_rt {

const struct wacc_capabilities& capabilities();

// The value of NAME in the run-time environment (envp), or null.
const char* RuntimeEnvironmentValue(const char* name);

}  // namespace wacc_rt
