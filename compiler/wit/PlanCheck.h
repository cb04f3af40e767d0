// Checks an instantiation plan against the WIT wacc implements: every host
// function and resource the component imports must exist with exactly the
// declared type, and the exported run function must have its WIT type.
#pragma once

#include "absl/status/status.h"
#include "compiler/component/InstantiationPlan.h"
#include "compiler/wit/HostInterfaces.h"

namespace wacc::wit {

absl::Status CheckPlan(const component::InstantiationPlan& plan, const HostInterfaces& host);

}  // namespace wacc::wit
