// Static instantiation: resolves a component's whole instance graph at
// compile time, in the manner of Wasmtime's translate/inline phases.
#pragma once

#include "compiler/binary/Component.h"
#include "compiler/component/InstantiationPlan.h"
#include "compiler/support/Status.h"

namespace wacc::component {

// Instantiates `root` with its imports satisfied by the host (each imported
// instance becomes a host instance whose functions and resources are
// HostImport functions and host resources). `root` must outlive the plan.
absl::StatusOr<std::unique_ptr<InstantiationPlan>> PlanInstantiation(const binary::Component& root);

// The plan of a preview1 core module (validate::ValidatePreview1Module has
// accepted it): its one core instance, each import bound to a Preview1Host
// trampoline, and its entry point. `module` must outlive the plan.
absl::StatusOr<std::unique_ptr<InstantiationPlan>> PlanPreview1Module(const binary::CoreModule& module,
                                                                  std::string_view invoke = {});

}  // namespace wacc::component
