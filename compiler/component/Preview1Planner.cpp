// A preview1 module's plan is a degenerate component's: no component
// instances, no component functions, one core instance. Its imports were
// checked by ValidatePreview1Module, so each names a listed function of the
// right type, which becomes a Preview1Host trampoline (one per import, as
// a module may import the same function twice).
#include "compiler/component/Planner.h"
#include "compiler/component/Preview1Functions.h"

namespace wacc::component {

absl::StatusOr<std::unique_ptr<InstantiationPlan>> PlanPreview1Module(const binary::CoreModule& module,
                                                                  std::string_view invoke) {
  auto plan = std::make_unique<InstantiationPlan>();
  PlannedCoreInstance instance;
  instance.module = &module;
  instance.debugName = "main";
  for (const binary::CoreImport& import : module.imports) {
    const Preview1Function* function = FindPreview1Function(import.module, import.name);
    if (!function || import.kind != binary::ExternalKind::Func)
      return absl::InternalError("PlanPreview1Module: an import the preview1 validator should have rejected");
    Trampoline trampoline;
    trampoline.kind = Trampoline::Kind::Preview1Host;
    trampoline.preview1 = function;
    trampoline.offset = import.offset;
    CoreDef def;
    def.kind = CoreDef::Kind::Trampoline;
    def.trampoline = plan->trampolines.push_back(std::move(trampoline));
    instance.imports.push_back(def);
  }
  CoreInstanceIndex index = plan->coreInstances.push_back(std::move(instance));

  auto funcDef = [&](const binary::CoreExport& e) {
    return CoreDef{CoreDef::Kind::Instance, binary::ExternalKind::Func, index, e.index, {}};
  };
  const binary::CoreExport* start = invoke.empty() ? Preview1EntryExport(module) : module.findExport(invoke);
  const binary::CoreExport* memory = module.findExport("memory");
  if ((!invoke.empty() && !start) || (!memory && !module.imports.empty()))
    return absl::InternalError("PlanPreview1Module: an export the preview1 validator should have required");
  Preview1Entry entry;
  if (memory) entry.memory = CoreDef{CoreDef::Kind::Instance, binary::ExternalKind::Memory, index, memory->index, {}};
  if (const binary::CoreExport* initialize = module.findExport("_initialize")) entry.initialize = funcDef(*initialize);
  if (start) entry.start = funcDef(*start);
  if (!invoke.empty()) {
    entry.invoke = std::string(invoke);
    entry.invokeType = module.funcType(start->index);
  }
  plan->preview1 = entry;
  return plan;
}

}  // namespace wacc::component
