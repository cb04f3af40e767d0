// The component's imported instances: which interfaces the core module's
// imports need (with the interfaces whose types those `use`), which of each
// interface's types and functions the instance type must declare, and the
// encoding of that instance type.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/embed/ByteWriter.h"
#include "compiler/embed/CoreBindings.h"
#include "compiler/wit/WitModel.h"

namespace wacc::embed {

struct ImportedInterface {
  const wit::ResolvedInterface* iface = nullptr;
  std::vector<const wit::ResolvedType*> types;      // in the interface's order
  std::vector<const wit::ResolvedFunction*> funcs;  // in the interface's order
  // Types the component aliases out of the imported instance: those later
  // instance types `use`, and resources whose drop the module imports.
  std::vector<std::string> aliased;
};

// Interfaces in import order: each after those it takes types from.
absl::StatusOr<std::vector<ImportedInterface>> PlanImportedInterfaces(const wit::WitModel& model,
                                                                      const CoreBindings& bindings);

// The component-level index of a type aliased out of an earlier import.
using OuterTypeIndex = std::function<uint32_t(const wit::ResolvedInterface*, const std::string& name)>;

// The `instancetype` (0x42 ...) of `imported`.
ByteWriter EncodeInstanceType(const wit::WitModel& model, const ImportedInterface& imported,
                              const OuterTypeIndex& outer);

}  // namespace wacc::embed
