// The instantiation plan as readable text (`wacc --emit=plan`), for people
// and for tests of the planner.
#pragma once

#include <string>

#include "compiler/component/InstantiationPlan.h"

namespace wacc::component {

// Resources, component functions, trampolines, core instances in creation
// order (each import bound to its definition) and exports, one per line.
std::string PrintPlan(const InstantiationPlan& plan);

}  // namespace wacc::component
