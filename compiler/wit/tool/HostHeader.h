// The runtime's declarations of the host functions, generated from WIT
// (`wacc-wit gen-host-header`); see HostHeader.cpp.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "compiler/wit/HostInterfaces.h"

namespace wacc::wit {

// The text of wacc/WasiHostFunctions.h: one extern "C" prototype per
// function of every importable interface of `host`, and one per resource
// drop, with the flattened signature generated code calls.
absl::StatusOr<std::string> HostHeaderText(const HostInterfaces& host);

}  // namespace wacc::wit
