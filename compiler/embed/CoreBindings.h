// What each import and export of the core module means in the world: the
// classification wit-component's validation.rs does, with the canonical ABI
// check of every core signature against its WIT function's flattening.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/binary/CoreModule.h"
#include "compiler/wit/WitModel.h"

namespace wacc::embed {

// What `canon lower` / `canon lift` of a function needs of the module.
struct CanonNeeds {
  binary::FuncType core;  // the flattened core signature
  bool memory = false;
  bool realloc = false;
};
CanonNeeds NeedsOf(const component::FuncSignature& sig, bool lift);

struct ImportBinding {
  enum class Kind : uint8_t { Func, ResourceDrop };
  Kind kind = Kind::Func;
  std::string module;  // the core import's module and name
  std::string name;
  const wit::ResolvedInterface* iface = nullptr;
  const wit::ResolvedFunction* func = nullptr;  // Func
  component::ResourceId resource = 0;           // ResourceDrop
  std::string resourceName;                     // ResourceDrop: the name in `iface`
  CanonNeeds needs;                             // Func
};

struct ExportBinding {
  std::string coreName;  // "wasi:cli/run@0.2.0#run"
  const wit::ResolvedInterface* iface = nullptr;
  const wit::ResolvedFunction* func = nullptr;
  std::string postReturn;  // core export name, or empty
  CanonNeeds needs;
};

struct CoreBindings {
  // One per distinct (module, name) core import, in import order.
  std::vector<ImportBinding> imports;
  // The world's exported interfaces, in world order, with their functions.
  struct ExportedInterface {
    const wit::ResolvedInterface* iface = nullptr;
    std::vector<ExportBinding> funcs;
  };
  std::vector<ExportedInterface> exports;
  std::string memory;         // "memory" when exported
  std::string importRealloc;  // the realloc for lowered imports, or empty
  std::string exportRealloc;  // and for lifted exports
  std::string initialize;     // "_initialize" when exported
};

// `module` has passed binary::ValidateCoreModule; `world` is one of
// model.worlds.
absl::StatusOr<CoreBindings> BindCoreModule(const binary::CoreModule& module, const wit::WitModel& model,
                                            const wit::ResolvedWorld& world);

}  // namespace wacc::embed
